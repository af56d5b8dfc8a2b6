// swift-tools-version: 6.0
import PackageDescription

let cryptoSettings: [SwiftSetting] = []

let package = Package(
    name: "zkinfer",
    platforms: [.macOS(.v15)],
    products: [
        .library(name: "ZKAlgebra", targets: ["ZKAlgebra"]),
        .library(name: "ZKProof", targets: ["ZKProof"]),
        .library(name: "ZKML", targets: ["ZKML"]),
        .library(name: "ZKChain", targets: ["ZKChain"]),
        .library(name: "ZKServer", targets: ["ZKServer"]),
        .library(name: "ZKVerify", targets: ["ZKVerify"]),
        .executable(name: "zkinfer", targets: ["zkinfer"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-protobuf", from: "1.39.0"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-openapi-runtime", from: "1.13.4"),
        .package(url: "https://github.com/hummingbird-project/swift-openapi-hummingbird", from: "2.1.0"),
        .package(url: "https://github.com/apple/swift-openapi-urlsession", from: "1.4.0"),
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
        .package(url: "https://github.com/apple/swift-metrics", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
    ],
    targets: [
        .systemLibrary(
            name: "CGMP",
            pkgConfig: "gmp",
            providers: [.apt(["libgmp-dev"])]
        ),
        .systemLibrary(
            name: "COpenSSL",
            pkgConfig: "libcrypto",
            providers: [.apt(["libssl-dev"])]
        ),
        .target(
            name: "ZKAlgebra",
            dependencies: ["CGMP"],
            swiftSettings: cryptoSettings
        ),
        .target(
            name: "ZKProof",
            dependencies: ["ZKAlgebra", "COpenSSL"],
            swiftSettings: cryptoSettings
        ),
        .target(
            name: "ZKML",
            dependencies: ["ZKProof", "ZKAlgebra", .product(name: "SwiftProtobuf", package: "swift-protobuf")],
            exclude: ["ONNX/onnx.proto", "ONNX/README.md", "Proving/SOUNDNESS.md", "Proving/ZERO_KNOWLEDGE.md"],
            swiftSettings: cryptoSettings
        ),
        .target(
            name: "ZKChain",
            dependencies: ["ZKProof", "COpenSSL", .product(name: "GRDB", package: "GRDB.swift")],
            swiftSettings: cryptoSettings
        ),
        .target(
            name: "ZKServer",
            dependencies: [
                "ZKChain", "ZKProof", .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                "ZKML", "ZKVerify",
                .product(name: "OpenAPIRuntime", package: "swift-openapi-runtime"),
                .product(name: "OpenAPIHummingbird", package: "swift-openapi-hummingbird"),
                .product(name: "OpenAPIURLSession", package: "swift-openapi-urlsession"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
            ],
            // The proving service's API: openapi.yaml is the source, Service/Generated/ what
            // `make openapi` generates from it (committed, so a build needs no generator plugin).
            exclude: ["Service/openapi.yaml", "Service/openapi-generator-config.yaml"],
            swiftSettings: cryptoSettings
        ),
        // Offline verification as a library: proof + descriptor + receipt + genesis.
        .target(name: "ZKVerify", dependencies: ["ZKML", "ZKChain", "ZKProof"], swiftSettings: cryptoSettings),
        .executableTarget(
            name: "zkinfer",
            dependencies: [
                "ZKAlgebra", "ZKProof", "ZKML", "ZKChain", "ZKServer", "ZKVerify",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: cryptoSettings
        ),
        // Helpers shared by the test targets (repository files, seeded generators, the zkinfer binary).
        .target(name: "ZKTestSupport", dependencies: ["ZKAlgebra"], path: "Tests/ZKTestSupport"),
        .testTarget(name: "ZKAlgebraTests", dependencies: ["ZKAlgebra", "CGMP", "ZKTestSupport"]),
        .testTarget(name: "ZKProofTests", dependencies: ["ZKProof", "ZKAlgebra", "ZKTestSupport"]),
        .testTarget(name: "ZKMLTests", dependencies: ["ZKML", "ZKProof", "ZKAlgebra", "ZKTestSupport"]),
        .testTarget(name: "ZKChainTests", dependencies: [
            "ZKChain", "ZKProof", "ZKTestSupport", .product(name: "GRDB", package: "GRDB.swift"),
        ]),
        .testTarget(name: "ZKServerTests", dependencies: [
            "ZKServer", "ZKChain", "ZKML", "ZKProof", "ZKTestSupport", .product(name: "Logging", package: "swift-log"),
            .product(name: "Hummingbird", package: "hummingbird"),
            .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
        ]),
        .testTarget(name: "ZKInferCLITests", dependencies: ["zkinfer", "ZKML", "ZKProof", "ZKChain", "ZKVerify", "ZKTestSupport"]),
        .testTarget(name: "ZKVerifyTests", dependencies: ["ZKVerify", "ZKML", "ZKChain", "ZKProof", "ZKTestSupport"]),
    ]
)
