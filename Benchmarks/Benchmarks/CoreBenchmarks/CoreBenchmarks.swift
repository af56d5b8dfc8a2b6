import Benchmark
import ZKAlgebra
import ZKProof

/// Deterministic inputs so runs compare like with like.
private func elements(_ count: Int, seed: UInt64) -> [Fr] {
    var generator = SplitMix64(seed: seed)
    return (0..<count).map { _ in Fr.random(using: &generator) }
}

let benchmarks: @Sendable () -> Void = {
    let slow = Benchmark.Configuration(metrics: [.wallClock, .peakMemoryResident], maxDuration: .seconds(20), maxIterations: 10)

    Benchmark("field.mul", configuration: .init(metrics: [.wallClock, .instructions], scalingFactor: .kilo)) { benchmark in
        let a = elements(1000, seed: 1), b = elements(1000, seed: 2)
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations {
            var accumulator = Fr.zero
            for i in 0..<1000 { accumulator = accumulator + a[i] * b[i] }
            blackHole(accumulator)
        }
    }

    Benchmark("field.inverse", configuration: .init(metrics: [.wallClock])) { benchmark in
        let values = elements(64, seed: 3)
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations { for value in values { blackHole(value.inverse) } }
    }

    Benchmark("ntt.2^20", configuration: slow) { benchmark in
        let domain = NTTDomain(logSize: 20)
        var values = elements(1 << 20, seed: 4)
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations { domain.forward(&values) }
        blackHole(values)
    }

    Benchmark("sumcheck.product2.2^20", configuration: slow) { benchmark in
        let claim = ProductSumcheckClaim(factors: [
            DenseMultilinearPolynomial(evaluations: elements(1 << 20, seed: 5)),
            DenseMultilinearPolynomial(evaluations: elements(1 << 20, seed: 6)),
        ])
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations {
            var transcript = Transcript(domain: "bench")
            blackHole(SumcheckProver.prove([claim], transcript: &transcript))
        }
    }

    Benchmark("pcs.commit.2^20", configuration: slow) { benchmark in
        let polynomial = DenseMultilinearPolynomial(evaluations: elements(1 << 20, seed: 7))
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations { blackHole(LigeroCommitmentScheme().commit(polynomial).commitment) }
    }

    Benchmark("pcs.open+verify.2^20", configuration: slow) { benchmark in
        let scheme = LigeroCommitmentScheme()
        let (commitment, data) = scheme.commit(DenseMultilinearPolynomial(evaluations: elements(1 << 20, seed: 8)))
        let point = elements(20, seed: 9)
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations {
            var proverTranscript = Transcript(domain: "bench")
            let (values, proof) = scheme.open(data, at: [point], transcript: &proverTranscript)
            var verifierTranscript = Transcript(domain: "bench")
            try scheme.verify(commitment, claims: [EvaluationClaim(point: point, value: values[0])],
                              proof: proof, transcript: &verifierTranscript)
        }
    }
}
