import ArgumentParser
import Foundation

struct Bench: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Measure zkinfer's performance (use a release build).",
        subcommands: [Core.self, Prove.self, ProveModel.self]
    )

    struct Core: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Field, NTT, sumcheck, polynomial-commitment and BN254 G1 figures in one run.")

        @Flag(name: .long, help: "Print one JSON object {\"results\": [{\"name\", \"value\"}]}.")
        var json = false

        @Option(name: .long, help: "Repetitions per timed figure; the best is reported.")
        var repetitions = 3

        func validate() throws {
            if repetitions < 1 { throw ValidationError("--repetitions must be at least 1, got \(repetitions)") }
        }

        func run() throws {
            #if DEBUG
            FileHandle.standardError.write(Data("warning: debug build; figures are not meaningful (use swift build -c release)\n".utf8))
            #endif
            let results = CoreBenchmarks(repetitions: max(1, repetitions)).run { name in
                if !json { FileHandle.standardError.write(Data("measuring \(name)…\n".utf8)) }
            }
            print(json ? BenchmarkReport.json(results) : BenchmarkReport.table(results))
        }
    }
}

struct BenchmarkResult: Codable {
    var name: String
    var value: Double
}

enum BenchmarkReport {
    static func json(_ results: [BenchmarkResult]) -> String {
        struct Envelope: Codable { var results: [BenchmarkResult] }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        guard let data = try? encoder.encode(Envelope(results: results)) else { return "{\"results\": []}" }
        return String(decoding: data, as: UTF8.self)
    }

    static func table(_ results: [BenchmarkResult]) -> String {
        let width = max(4, results.map(\.name.count).max() ?? 0)
        var lines = ["name".padding(toLength: width, withPad: " ", startingAt: 0) + "  value"]
        lines.append(String(repeating: "-", count: width + 14))
        for result in results {
            lines.append(result.name.padding(toLength: width, withPad: " ", startingAt: 0) + "  " + format(result.value))
        }
        return lines.joined(separator: "\n")
    }

    static func format(_ value: Double) -> String {
        if value == value.rounded() && abs(value) >= 1 { return String(Int(value)) }
        if abs(value) >= 100 { return String(format: "%.1f", value) }
        return String(format: "%.4g", value)
    }
}

/// Wall-clock timing: the best of `repetitions` runs (shared machines are noisy upward only).
func bestTime(repetitions: Int, _ body: () -> Void) -> Double {
    var best = Double.infinity
    for _ in 0..<repetitions {
        let start = DispatchTime.now().uptimeNanoseconds
        body()
        let elapsed = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        best = min(best, elapsed)
    }
    return best
}
