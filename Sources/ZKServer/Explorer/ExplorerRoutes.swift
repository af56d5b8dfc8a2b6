import Foundation
import Hummingbird
import ZKChain
import ZKProof

/// The chain explorer: server-rendered HTML pages at `/`, `/blocks/{height}`, `/models`,
/// `/models/{id}` (with its receipt at `/models/{id}/receipt`) and `/datasets`. Every read goes
/// through `ChainNode` and `Chain`; a bad parameter is a 400 page, an unknown height or model a
/// 404 page (`JSONErrorMiddleware` renders `NodeAPIError`s outside `/v1` as HTML).
enum ExplorerRoutes {
    static let blocksPerPage = 20
    static let modelsPerPage = 50
    /// Datasets listed on `/datasets` (newest first).
    static let maximumDatasetsShown = 500

    static func add(to routes: inout NodeRoutes.Registrar, node: ChainNode, index: AttestationIndex) {
        addStatusRoutes(to: &routes, node: node)
        addModelRoutes(to: &routes, chain: node.chain, index: index)
        addDatasetRoutes(to: &routes, chain: node.chain, index: index)
    }

    /// `/` and `/blocks` (status and the latest blocks, paged), `/blocks/{height}`.
    static func addStatusRoutes(to routes: inout NodeRoutes.Registrar, node: ChainNode) {
        let chain = node.chain
        let chainName = chain.genesis.chainName
        let home: @Sendable (Request, BasicRequestContext) async throws -> Response = { request, _ in
            let status = await node.status()
            let state = chain.state
            let before = try number(request, "before") ?? state.tipHeight &+ 1
            let view = try HomePage(status: statusView(status, state: state, role: node.role),
                                    blockPage: blockPage(chain, tipHeight: state.tipHeight, before: before))
            return ExplorerRenderer.response(.home, title: "Status", chainName: chainName, view: view)
        }
        routes.get("/", home)
        routes.get("/blocks", home)

        routes.get("/blocks/:height") { _, context in
            let text = context.parameters.get("height") ?? ""
            guard let height = UInt64(text) else { throw NodeAPIError.badRequest("“\(text.prefix(80))” is not a block height") }
            let tip = chain.state.tipHeight
            guard let block = try NodeRoutes.readChain({ try chain.block(at: height) }) else {
                throw NodeAPIError.notFound(height == 0 ? "height 0 is the genesis, which is not a block; the first block is 1"
                                                        : "no block at height \(height); the tip is \(tip)")
            }
            let view = BlockPage(block: ExplorerFormat.block(block, genesis: chain.genesis, tipHeight: tip))
            return ExplorerRenderer.response(.block, title: "Block \(height)", chainName: chainName, view: view)
        }
    }

    /// `/models` (paged), `/models/{id}` and the receipt download.
    static func addModelRoutes(to routes: inout NodeRoutes.Registrar, chain: Chain, index: AttestationIndex) {
        let chainName = chain.genesis.chainName
        routes.get("/models") { request, _ in
            let page = try number(request, "page") ?? 1
            guard page >= 1 else { throw NodeAPIError.badRequest("page numbers start at 1") }
            let snapshot = try readIndex(index, chain)
            let models = chain.state.models.values.sorted {
                ($0.registeredAt, $1.modelID.hex) > ($1.registeredAt, $0.modelID.hex)
            }
            // A page past the end (however large its number) is an empty page, not an overflow.
            let (offset, overflow) = (page - 1).multipliedReportingOverflow(by: UInt64(modelsPerPage))
            let start = overflow ? UInt64(models.count) : min(UInt64(models.count), offset)
            let end = min(UInt64(models.count), start + UInt64(modelsPerPage))
            let rows = models[Int(start)..<Int(end)].map { ExplorerFormat.modelRow($0, attestations: snapshot.counts[$0.modelID] ?? 0) }
            let pager = PagerView(newerHref: page > 1 ? "/models?page=\(min(page - 1, UInt64(models.count / modelsPerPage + 1)))" : nil,
                                  olderHref: end < UInt64(models.count) ? "/models?page=\(page + 1)" : nil)
            let view = ModelsPage(total: models.count, models: rows, hasModels: !rows.isEmpty, pager: pager)
            return ExplorerRenderer.response(.models, title: "Models", chainName: chainName, view: view)
        }

        routes.get("/models/:id") { _, context in
            let modelID = try NodeRoutes.digestParameter(context, "id", "a model ID")
            guard let record = chain.state.models[modelID] else {
                throw NodeAPIError.notFound("model \(modelID) is not registered on this chain")
            }
            let registration = try registrationTransaction(chain, record)
            let snapshot = try readIndex(index, chain)
            let view = ModelPage(model: modelView(record, registration: registration, snapshot: snapshot, tip: chain.state.tipHeight))
            return ExplorerRenderer.response(.model, title: "Model \(record.name)", chainName: chainName, view: view)
        }

        routes.get("/models/:id/receipt") { _, context in
            let modelID = try NodeRoutes.digestParameter(context, "id", "a model ID")
            return try NodeRoutes.receiptDownload(chain, modelID)
        }
    }

    /// `/datasets`: registered datasets and inference attestations per model.
    static func addDatasetRoutes(to routes: inout NodeRoutes.Registrar, chain: Chain, index: AttestationIndex) {
        let chainName = chain.genesis.chainName
        routes.get("/datasets") { _, _ in
            let state = chain.state
            let snapshot = try readIndex(index, chain)
            let datasets = state.datasets.values.sorted { ($0.registeredAt, $1.merkleRoot.hex) > ($1.registeredAt, $0.merkleRoot.hex) }
            let rows = datasets.prefix(maximumDatasetsShown).map {
                DatasetRowView(name: $0.name, merkleRoot: $0.merkleRoot.hex, size: $0.size, owner: $0.owner.hex,
                               registeredAt: $0.registeredAt, registeredHref: ExplorerFormat.blockHref($0.registeredAt))
            }
            let attestations = snapshot.counts.sorted { ($0.value, $1.key.hex) > ($1.value, $0.key.hex) }.map { modelID, count in
                let record = state.models[modelID]
                return AttestationRowView(modelHref: record.map { ExplorerFormat.modelHref($0.modelID) }, modelID: modelID.hex,
                                          name: record?.name ?? "(not registered)", count: count)
            }
            let view = DatasetsPage(datasets: rows, hasDatasets: !rows.isEmpty, datasetShown: rows.count, datasetTotal: datasets.count,
                                    datasetsTruncated: rows.count < datasets.count, attestationTotal: state.attestationCount,
                                    attestations: attestations, hasAttestations: !attestations.isEmpty,
                                    attestationsComplete: snapshot.indexedHeight >= state.tipHeight,
                                    attestationsIndexedTo: snapshot.indexedHeight)
            return ExplorerRenderer.response(.datasets, title: "Datasets and attestations", chainName: chainName, view: view)
        }
    }

    // MARK: Pages

    private struct HomePage {
        var status: StatusView
        var blocks: [BlockRowView]
        var hasBlocks: Bool
        var pager: PagerView

        init(status: StatusView, blockPage: (blocks: [BlockRowView], pager: PagerView)) {
            self.status = status
            blocks = blockPage.blocks
            hasBlocks = !blocks.isEmpty
            pager = blockPage.pager
        }
    }

    private struct BlockPage {
        var block: BlockView
    }

    private struct ModelsPage {
        var total: Int
        var models: [ModelRowView]
        var hasModels: Bool
        var pager: PagerView
    }

    private struct ModelPage {
        var model: ModelView
    }

    private struct DatasetsPage {
        var datasets: [DatasetRowView]
        var hasDatasets: Bool
        var datasetShown: Int
        var datasetTotal: Int
        var datasetsTruncated: Bool
        var attestationTotal: UInt64
        var attestations: [AttestationRowView]
        var hasAttestations: Bool
        var attestationsComplete: Bool
        var attestationsIndexedTo: UInt64
    }

    // MARK: Reads

    /// The blocks below height `before` (newest first, at most a page) and links to the pages
    /// either side. Any `before` is fine: 0 gives an empty page, values past the tip the newest.
    static func blockPage(_ chain: Chain, tipHeight: UInt64, before: UInt64) throws -> (blocks: [BlockRowView], pager: PagerView) {
        let top = min(before == 0 ? 0 : before - 1, tipHeight)
        guard top >= 1 else {
            return ([], PagerView(newerHref: tipHeight > 0 ? "/" : nil, olderHref: nil))
        }
        let count = UInt64(blocksPerPage)
        let from = top >= count ? top - count + 1 : 1
        let blocks = try NodeRoutes.readChain { try chain.blocks(from: from, limit: Int(top - from + 1)) }
        let newer: String? = top >= tipHeight ? nil : (top + count >= tipHeight ? "/" : "/?before=\(top + count + 1)")
        let older: String? = from > 1 ? "/?before=\(from)" : nil
        return (blocks.reversed().map(ExplorerFormat.blockRow), PagerView(newerHref: newer, olderHref: older))
    }

    static func statusView(_ status: NodeAPI.Status, state: ChainState, role: ChainNode.Role) -> StatusView {
        let genesis = state.genesis
        return StatusView(chainName: genesis.chainName, chainID: status.chainID, height: status.height, tip: status.tip,
                          tipTime: ExplorerFormat.time(state.tipTimestamp),
                          validators: genesis.validators.enumerated().map { ValidatorView(index: $0.offset, key: $0.element.hex) },
                          validatorCount: genesis.validators.count, threshold: status.threshold, pending: status.pending,
                          role: role.rawValue, modelCount: state.models.count,
                          revokedCount: state.models.values.count(where: \.isRevoked), datasetCount: state.datasets.count,
                          attestationCount: state.attestationCount, transactionCount: state.transactionCount)
    }

    /// The transaction that registered `record`, from the block at its registration height.
    static func registrationTransaction(_ chain: Chain, _ record: ModelRecord) throws -> (Transaction, ModelRegistration)? {
        guard let block = try NodeRoutes.readChain({ try chain.block(at: record.registeredAt) }) else { return nil }
        for transaction in block.transactions {
            if case let .registerModel(registration) = transaction.body, registration.modelID == record.modelID {
                return (transaction, registration)
            }
        }
        return nil
    }

    static func modelView(_ record: ModelRecord, registration: (Transaction, ModelRegistration)?,
                          snapshot: AttestationIndex.Snapshot, tip: UInt64) -> ModelView {
        let id = record.modelID
        let metadata = (registration?.1.metadata ?? [:]).sorted { Array($0.key.utf8).lexicographicallyPrecedes($1.key.utf8) }
        return ModelView(
            modelID: id.hex, name: record.name, version: record.version, owner: record.owner.hex,
            circuitDigest: record.circuitDigest.hex, weightsCommitment: record.weightsCommitment.hex,
            registeredAt: record.registeredAt, registeredHref: ExplorerFormat.blockHref(record.registeredAt),
            revokedAt: record.revokedAt, revokedHref: record.revokedAt.map(ExplorerFormat.blockHref),
            registrationTransaction: registration?.0.id.hex,
            metadata: metadata.map { MetadataEntryView(key: $0.key, value: $0.value) },
            attestations: snapshot.counts[id] ?? 0, attestationsIndexedTo: snapshot.indexedHeight,
            attestationsComplete: snapshot.indexedHeight >= tip,
            receiptHref: "/models/\(id.hex)/receipt", receiptFilename: ExplorerFormat.receiptFilename(id),
            apiHref: "/v1/models/\(id.hex)", apiReceiptHref: "/v1/models/\(id.hex)/receipt")
    }

    private static func readIndex(_ index: AttestationIndex, _ chain: Chain) throws -> AttestationIndex.Snapshot {
        try NodeRoutes.readChain { try index.catchUp(chain) }
    }

    /// A non-negative decimal query parameter, nil when absent; 400 for anything else.
    static func number(_ request: Request, _ name: Substring) throws -> UInt64? {
        guard let text = request.uri.queryParameters[name] else { return nil }
        guard let value = UInt64(String(text)) else {
            throw NodeAPIError.badRequest("query parameter \(name)=“\(text.prefix(80))” is not a non-negative whole number")
        }
        return value
    }
}
