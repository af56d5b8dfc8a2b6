// swift-tools-version: 6.1
// Statistical benchmarks of the cryptographic core (package-benchmark): run with
// `swift package benchmark` from this folder, or `make bench-package` from the root.
// Kept as its own package so the main build and test suite never compile the harness.
import PackageDescription

let package = Package(
    name: "zkinfer-benchmarks",
    platforms: [.macOS(.v15)],
    dependencies: [
        .package(name: "zkinfer", path: ".."),
        .package(url: "https://github.com/ordo-one/benchmark", from: "1.38.1", traits: ["MallocInterposer"]),
    ],
    targets: [
        .executableTarget(
            name: "CoreBenchmarks",
            dependencies: [
                .product(name: "Benchmark", package: "benchmark"),
                .product(name: "ZKAlgebra", package: "zkinfer"),
                .product(name: "ZKProof", package: "zkinfer"),
            ],
            path: "Benchmarks/CoreBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
    ]
)
