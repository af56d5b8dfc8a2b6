/// Domain-separation prefixes, hashed before canonical encodings.
enum ChainDomain {
    static let genesis = Array("zkinfer.genesis.v1".utf8)
    static let transaction = Array("zkinfer.tx.v1".utf8)
    static let block = Array("zkinfer.block.v1".utf8)
}
