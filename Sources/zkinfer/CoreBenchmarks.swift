import Foundation
import ZKAlgebra
import ZKProof

/// The figures of `zkinfer bench core`, each measured in this process.
struct CoreBenchmarks {
    var repetitions: Int
    let size = 1 << 20

    func run(progress: (String) -> Void) -> [BenchmarkResult] {
        var results = [BenchmarkResult]()
        func record(_ name: String, _ value: Double) {
            results.append(BenchmarkResult(name: name, value: value))
        }
        progress("field")
        let (montgomery, gmp) = fieldMultiplication()
        record("field.mul.montgomery_ns", montgomery)
        record("field.mul.gmp_ns", gmp)
        record("field.mul.speedup", gmp / montgomery)
        record("field.inverse_ns", fieldInverse())

        progress("ntt")
        record("ntt.2^20_s", ntt())

        progress("sumcheck")
        record("sumcheck.product2.2^20_s", sumcheck())

        progress("pcs")
        let pcs = commitment()
        record("pcs.commit.2^20_s", pcs.commit)
        record("pcs.open.2^20_s", pcs.open)
        record("pcs.verify.2^20_s", pcs.verify)
        record("pcs.proof_bytes.2^20", Double(pcs.proofBytes))
        record("pcs.soundness_bits", LigeroParameters.standard.soundnessBits(variableCount: 20))

        progress("g1")
        record("g1.add_mixed_ns", g1MixedAddition())
        record("g1.msm.2^16_s", g1FullWidthMSM())
        record("g1.msm.int8.2^20_s", g1Int8MSM())

        progress("pedersen")
        let pedersen = pedersen()
        record("pedersen.commit.int8.2^20_s", pedersen.commit)
        record("pedersen.open.2^20_s", pedersen.open)
        record("pedersen.verify.2^20_s", pedersen.verify)
        record("pedersen.proof_bytes.2^20", Double(pedersen.proofBytes))
        record("pedersen.commit.int8.2^24_s", pedersenCommitVGGSized())
        return results
    }

    func randomElements(_ count: Int, seed: UInt64) -> [Fr] {
        var generator = SplitMix64(seed: seed)
        return (0..<count).map { _ in Fr.random(using: &generator) }
    }

    /// Nanoseconds per product over the same 4,096 operand pairs: independent products, as in
    /// every kernel that uses them (throughput, not a dependent chain).
    func fieldMultiplication() -> (montgomery: Double, gmp: Double) {
        let count = 4096
        let passes = 200
        let a = randomElements(count, seed: 1)
        let b = randomElements(count, seed: 2)
        var out = [Fr](repeating: .zero, count: count)
        let montgomery = bestTime(repetitions: repetitions) {
            a.withUnsafeBufferPointer { a in
                b.withUnsafeBufferPointer { b in
                    out.withUnsafeMutableBufferPointer { out in
                        for _ in 0..<passes { for i in 0..<count { out[i] = a[i] * b[i] } }
                    }
                }
            }
        }
        blackHole(out)

        let products = GMPModularProducts(left: a.map(\.bigInteger), right: b.map(\.bigInteger), modulus: Fr.modulus)
        let gmp = bestTime(repetitions: repetitions) { products.run(passes: passes) }
        let total = Double(count * passes)
        return (montgomery / total * 1e9, gmp / total * 1e9)
    }

    func fieldInverse() -> Double {
        let values = randomElements(256, seed: 3)
        var sink = Fr.zero
        let time = bestTime(repetitions: repetitions) {
            for value in values { sink = sink + (value.inverse ?? .zero) }
        }
        blackHole(sink)
        return time / Double(values.count) * 1e9
    }

    func ntt() -> Double {
        let domain = NTTDomain(logSize: 20)
        let input = randomElements(size, seed: 4)
        var values = input
        return bestTime(repetitions: repetitions) {
            values = input
            domain.forward(&values)
        }
    }

    func sumcheck() -> Double {
        let f = DenseMultilinearPolynomial(evaluations: randomElements(size, seed: 5))
        let g = DenseMultilinearPolynomial(evaluations: randomElements(size, seed: 6))
        let claim = ProductSumcheckClaim(factors: [f, g])
        return bestTime(repetitions: repetitions) {
            var transcript = Transcript(domain: "bench.sumcheck")
            blackHole(SumcheckProver.prove([claim], transcript: &transcript).proof)
        }
    }

    func commitment() -> (commit: Double, open: Double, verify: Double, proofBytes: Int) {
        let scheme = LigeroCommitmentScheme()
        let polynomial = DenseMultilinearPolynomial(evaluations: randomElements(size, seed: 7))
        let point = randomElements(20, seed: 8)
        var committed: (commitment: LigeroCommitmentScheme.Commitment, proverData: LigeroCommitmentScheme.ProverData)?
        let commitTime = bestTime(repetitions: repetitions) { committed = scheme.commit(polynomial) }
        guard let (commitment, data) = committed else { return (commitTime, 0, 0, 0) }

        var opening: (values: [Fr], proof: LigeroOpeningProof)?
        let openTime = bestTime(repetitions: repetitions) {
            var transcript = Transcript(domain: "bench.pcs")
            opening = scheme.open(data, at: [point], transcript: &transcript)
        }
        guard let (values, proof) = opening else { return (commitTime, openTime, 0, 0) }
        let layout = LigeroParameters.standard.layout(variableCount: 20)
        let bytes = proof.encoded(parameters: scheme.parameters, layout: layout, claimCount: 1)

        var failure: Error?
        let verifyTime = bestTime(repetitions: repetitions) {
            // Decoding is part of what a verifier pays.
            do {
                let decoded = try LigeroOpeningProof(decoding: bytes, parameters: scheme.parameters, layout: layout, claimCount: 1)
                var transcript = Transcript(domain: "bench.pcs")
                try scheme.verify(commitment, claims: [EvaluationClaim(point: point, value: values[0])],
                                  proof: decoded, transcript: &transcript)
            } catch {
                failure = error
            }
        }
        if let failure { FileHandle.standardError.write(Data("error: benchmark proof rejected: \(failure)\n".utf8)) }
        return (commitTime, openTime, verifyTime, bytes.count)
    }
}

/// Keeps the optimizer from discarding benchmark results.
@inline(never)
func blackHole<T>(_ value: T) {
    withExtendedLifetime(value) {}
}

