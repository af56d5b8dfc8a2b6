import Testing
import ZKAlgebra
import ZKProof

/// The LogUp range lookup: every claim it leaves behind is a true evaluation, and a witness that
/// is not a multiset of table entries (or a tampered proof) is rejected with a typed error.
struct LogUpRun {
    var witness: [UInt64]
    var multiplicities: [UInt64]
    let table: RangeTable
    var proof: LogUpProof
    var result: LogUpResult
    var proverState: Digest

    init(witness: [UInt64], table: RangeTable, multiplicities: [UInt64]? = nil) {
        self.witness = witness
        self.table = table
        self.multiplicities = multiplicities ?? table.multiplicities(of: witness) ?? []
        var transcript = Transcript(domain: "test.logup")
        (proof, result) = LogUpProver.prove(witness: witness, multiplicities: self.multiplicities, table: table, transcript: &transcript)
        proverState = transcript.state
    }

    static func random(count: Int, bits: Int, seed: UInt64) -> LogUpRun {
        var rng = SplitMix64(seed: seed)
        return LogUpRun(witness: (0..<count).map { _ in rng.next() % UInt64(1 << bits) }, table: RangeTable(bitCount: bits))
    }

    func verify(_ proof: LogUpProof? = nil) throws(VerificationError) -> (LogUpResult, Digest) {
        var transcript = Transcript(domain: "test.logup")
        let result = try LogUpVerifier.verify(witnessVariables: witness.count.trailingZeroBitCount, table: table,
                                              proof: proof ?? self.proof, transcript: &transcript)
        return (result, transcript.state)
    }
}

func multilinear(_ values: [UInt64]) -> DenseMultilinearPolynomial {
    DenseMultilinearPolynomial(evaluations: values.map { Fr($0) })
}

@Test(arguments: [(1, 1), (2, 3), (16, 4), (256, 8), (1024, 10), (64, 12)])
func logUpRoundTripLeavesTrueClaims(count: Int, bits: Int) throws {
    let seed = 0x10_6000 + UInt64(count * 31 + bits)
    let run = LogUpRun.random(count: count, bits: bits, seed: seed)
    let (result, verifierState) = try run.verify()
    #expect(result == run.result, "seed \(seed)")
    #expect(verifierState == run.proverState, "seed \(seed)")
    #expect(multilinear(run.witness).evaluate(at: result.witness.point) == result.witness.value, "seed \(seed)")
    #expect(multilinear(run.multiplicities).evaluate(at: result.multiplicities.point) == result.multiplicities.value, "seed \(seed)")
}

@Test func logUpProofEncodingRoundTrips() throws {
    let run = LogUpRun.random(count: 64, bits: 6, seed: 0x10_6100)
    var writer = ByteWriter()
    run.proof.encode(into: &writer)
    var reader = ByteReader(writer.bytes)
    let decoded = try LogUpProof(decoding: &reader, witnessVariables: 6, table: run.table)
    try reader.finish()
    #expect(decoded == run.proof)
    for length in stride(from: 0, to: writer.bytes.count, by: 97) {
        var truncated = ByteReader(Array(writer.bytes[..<length]))
        #expect(throws: DecodingError.self) { _ = try LogUpProof(decoding: &truncated, witnessVariables: 6, table: run.table) }
    }
}

@Test func logUpRejectsAValueOutsideTheTable() {
    // 300 is not in the 8-bit table; the multiplicities describe the other values honestly.
    var witness = (0..<16).map { UInt64($0 * 7) }
    let table = RangeTable(bitCount: 8)
    let inTable = table.multiplicities(of: Array(witness.dropLast())) ?? []
    witness[15] = 300
    let run = LogUpRun(witness: witness, table: table, multiplicities: inTable)
    #expect(throws: VerificationError.self) { _ = try run.verify() }
    do { _ = try run.verify() } catch {
        guard case .lookupSumNotZero = error else { Issue.record("expected lookupSumNotZero, got \(error)"); return }
    }
}

@Test func logUpRejectsWrongMultiplicities() {
    let honest = LogUpRun.random(count: 32, bits: 5, seed: 0x10_6200)
    var multiplicities = honest.multiplicities
    let index = multiplicities.firstIndex { $0 > 0 } ?? 0
    multiplicities[index] -= 1
    multiplicities[(index + 1) % multiplicities.count] += 1
    let run = LogUpRun(witness: honest.witness, table: honest.table, multiplicities: multiplicities)
    do {
        _ = try run.verify()
        Issue.record("wrong multiplicities accepted")
    } catch {
        guard case .lookupSumNotZero = error else { Issue.record("expected lookupSumNotZero, got \(error)"); return }
    }
}

@Test func logUpRejectsTamperedLayers() throws {
    let run = LogUpRun.random(count: 64, bits: 6, seed: 0x10_6300)
    var sums = run.proof
    sums.witnessLayers[3].crossSums.0 = sums.witnessLayers[3].crossSums.0 + .one
    #expect(throws: VerificationError.lookupLayerSumMismatch(tree: "witness", layer: 3,
                                                            expected: sums.witnessLayers[3].crossSums.0 + sums.witnessLayers[3].crossSums.1 - .one,
                                                            got: sums.witnessLayers[3].crossSums.0 + sums.witnessLayers[3].crossSums.1)) {
        _ = try run.verify(sums)
    }
    // Moving value between the two cross sums keeps their total: the layer's sumcheck catches it.
    var shifted = run.proof
    shifted.tableLayers[4].crossSums = (shifted.tableLayers[4].crossSums.0 + .one, shifted.tableLayers[4].crossSums.1 - .one)
    #expect(throws: VerificationError.self) { _ = try run.verify(shifted) }
    var round = run.proof
    round.tableLayers[5].sumcheck.roundEvaluations[2][2] = round.tableLayers[5].sumcheck.roundEvaluations[2][2] + .one
    #expect(throws: VerificationError.self) { _ = try run.verify(round) }
    var final = run.proof
    final.witnessLayers[5].sumcheck.finalEvaluations[2][2] = final.witnessLayers[5].sumcheck.finalEvaluations[2][2] + .one
    #expect(throws: VerificationError.self) { _ = try run.verify(final) }
    var root = run.proof
    root.witnessRoot.0 = root.witnessRoot.0 + .one
    #expect(throws: VerificationError.self) { _ = try run.verify(root) }
}

@Test func logUpRejectsWrongShapeAndTranscript() throws {
    let run = LogUpRun.random(count: 16, bits: 4, seed: 0x10_6400)
    var missing = run.proof
    missing.witnessLayers.removeLast()
    #expect(throws: VerificationError.lookupShapeMismatch(what: "witness tree layers", expected: 4, got: 3)) { _ = try run.verify(missing) }
    var transcript = Transcript(domain: "test.logup")
    transcript.absorb(TranscriptLabel("extra"), bytes: [1])
    #expect(throws: VerificationError.self) {
        _ = try LogUpVerifier.verify(witnessVariables: 4, table: run.table, proof: run.proof, transcript: &transcript)
    }
}

@Test func rangeTableExtensionIsTheIndex() {
    let table = RangeTable(bitCount: 6)
    let values = (0..<table.size).map { UInt64($0) }
    var rng = SplitMix64(seed: 0x10_6500)
    let point = (0..<6).map { _ in Fr.random(using: &rng) }
    #expect(table.evaluate(at: point) == multilinear(values).evaluate(at: point))
    #expect(table.multiplicities(of: [64]) == nil)
}

/// Naive twin of the fraction trees: the roots equal the sums computed directly with inverses,
/// with α replayed from the documented transcript order (statement with the table's identifier → α).
@Test func logUpRootsEqualTheDirectFractionSums() throws {
    let run = LogUpRun.random(count: 32, bits: 5, seed: 0x10_6600)
    var transcript = Transcript(domain: "test.logup")
    transcript.absorb(.lookupStatement, uint64: 5)
    transcript.absorb(.lookupStatement, uint64: 5)
    transcript.absorb(.lookupStatement, bytes: run.table.identifier)
    let alpha = transcript.challengeScalar(.lookupAlpha)
    let witnessSum = run.witness.reduce(Fr.zero) { $0 + ((alpha - Fr($1)).inverse ?? .zero) }
    let tableSum = run.multiplicities.enumerated().reduce(Fr.zero) { $0 - Fr($1.element) * ((alpha - Fr(UInt64($1.offset))).inverse ?? .zero) }
    let (witnessNumerator, witnessDenominator) = run.proof.witnessRoot
    let (tableNumerator, tableDenominator) = run.proof.tableRoot
    #expect(witnessNumerator * (try #require(witnessDenominator.inverse)) == witnessSum)
    #expect(tableNumerator * (try #require(tableDenominator.inverse)) == tableSum)
    #expect(witnessSum + tableSum == .zero)
}

/// Two-column tables: pairs packed as a + β·b; a pair whose second element is wrong is not in the
/// table, and the table's extension is computed from its columns.
@Test func logUpOverAFunctionTable() throws {
    let inputs = Array(Int64(-8)..<8)
    let table = FunctionTable(name: "square-ish", inputs: inputs, outputs: inputs.map { $0 * $0 % 7 })
    let beta = Fr(UInt64(0xBE7A))
    var rng = SplitMix64(seed: 0xF7)
    let indices = (0..<16).map { _ in Int(rng.next() % 16) }
    var multiplicities = [UInt64](repeating: 0, count: 16)
    for index in indices { multiplicities[index] += 1 }
    let witness = indices.map { Fr(inputs[$0]) + beta * Fr(inputs[$0] * inputs[$0] % 7) }
    var proverTranscript = Transcript(domain: "test.logup.pairs")
    let (proof, result) = LogUpProver.prove(witness: witness, multiplicities: multiplicities, table: table, packing: beta,
                                            transcript: &proverTranscript)
    var verifierTranscript = Transcript(domain: "test.logup.pairs")
    let verified = try LogUpVerifier.verify(witnessVariables: 4, table: table, packing: beta, proof: proof, transcript: &verifierTranscript)
    #expect(verified == result)
    #expect(DenseMultilinearPolynomial(evaluations: witness).evaluate(at: result.witness.point) == result.witness.value)
    let point = (0..<4).map { _ in Fr(rng.next()) }
    #expect(table.evaluate(at: point, packing: beta)
            == DenseMultilinearPolynomial(evaluations: table.entries(packing: beta)).evaluateNaive(at: point))

    var forged = witness
    forged[3] = Fr(inputs[indices[3]]) + beta * Fr(inputs[indices[3]] * inputs[indices[3]] % 7 + 1)
    var forgedProver = Transcript(domain: "test.logup.pairs")
    let (bad, _) = LogUpProver.prove(witness: forged, multiplicities: multiplicities, table: table, packing: beta, transcript: &forgedProver)
    var forgedVerifier = Transcript(domain: "test.logup.pairs")
    let error = #expect(throws: VerificationError.self) {
        _ = try LogUpVerifier.verify(witnessVariables: 4, table: table, packing: beta, proof: bad, transcript: &forgedVerifier)
    }
    if case .lookupSumNotZero = error {} else { Issue.record("expected lookupSumNotZero, got \(String(describing: error))") }
}
