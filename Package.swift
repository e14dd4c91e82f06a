// swift-tools-version: 6.0
import PackageDescription

// Modules point one way (SPEC.md §2): CEL knows nothing of the project;
// Draw and Disclosure know nothing of checklists; the CLI is thin.
let package = Package(
    name: "Spotcheck",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "spotcheck", targets: ["SpotcheckCLI"]),
        .executable(name: "cel-conformance", targets: ["CELConformance"]),
        .executable(name: "store-crash-probe", targets: ["StoreCrashProbe"]),
        .library(name: "CEL", targets: ["CEL"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-auth", from: "2.5.0"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
    ],
    targets: [
        .target(name: "CEL"),
        .target(name: "Messages"),
        .target(name: "WorkingDays"),
        .target(name: "Directories", dependencies: ["WorkingDays"]),
        .target(name: "Rulebook", dependencies: [
            "CEL", "Messages", "WorkingDays", "Directories",
            .product(name: "Yams", package: "Yams"), .product(name: "Crypto", package: "swift-crypto"),
        ]),
        .target(name: "Compliance", dependencies: ["CEL", "Messages", "Rulebook", "WorkingDays"]),
        .target(name: "Spotcheck", dependencies: ["CEL", "Messages", "Rulebook", "Compliance", "Directories", "Draw", "WorkingDays", "Store", "Disclosure"]),
        .target(name: "Draw", dependencies: ["Messages", .product(name: "Crypto", package: "swift-crypto")]),
        .target(name: "Disclosure"),
        .target(name: "Store", dependencies: ["Messages", .product(name: "GRDB", package: "GRDB.swift"), .product(name: "Crypto", package: "swift-crypto"),
                                             .product(name: "PostgresNIO", package: "postgres-nio")]),
        // The web service (SPEC.md §12): thin over Spotcheck, nothing depends on it but the CLI.
        .target(name: "Service", dependencies: [
            "Spotcheck", "Messages", "Rulebook", "Compliance", "Store", "Disclosure", "Draw", "WorkingDays",
            .product(name: "Hummingbird", package: "hummingbird"),
            .product(name: "HummingbirdAuth", package: "hummingbird-auth"),
            .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
            .product(name: "Mustache", package: "swift-mustache"),
            .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            .product(name: "Logging", package: "swift-log"),
            .product(name: "HTTPTypes", package: "swift-http-types"),
            .product(name: "Crypto", package: "swift-crypto"),
        ]),
        .executableTarget(
            name: "SpotcheckCLI",
            dependencies: ["CEL", "Messages", "Draw", "WorkingDays", "Rulebook", "Compliance", "Spotcheck", "Store", "Disclosure", "Service",
                           .product(name: "ArgumentParser", package: "swift-argument-parser"),
                           .product(name: "NIOCore", package: "swift-nio"), .product(name: "NIOPosix", package: "swift-nio")]),
        .executableTarget(name: "CELConformance", dependencies: ["CEL"]),
        // A slow batch of submissions in one transaction, killed by StoreTests' crash test.
        .executableTarget(name: "StoreCrashProbe", dependencies: ["Store"]),
        .testTarget(name: "CELTests", dependencies: ["CEL"]),
        .testTarget(name: "DrawTests", dependencies: ["Draw"]),
        .testTarget(name: "StoreTests", dependencies: ["Store", .product(name: "GRDB", package: "GRDB.swift")]),
        .testTarget(name: "WorkingDaysTests",
                    dependencies: ["WorkingDays", .product(name: "Yams", package: "Yams")]),
        .testTarget(name: "SpotcheckTests", dependencies: ["Spotcheck", "Compliance", "Rulebook", "CEL", "Messages", "WorkingDays", "Directories", "Store", "Draw", "Disclosure",
                                                         .product(name: "AsyncHTTPClient", package: "async-http-client"),
                                                         .product(name: "NIOCore", package: "swift-nio")],
                    exclude: ["Fixtures"]),
        .testTarget(name: "DirectoriesTests", dependencies: ["Directories"]),
        .testTarget(name: "DisclosureTests", dependencies: ["Disclosure"]),
        .testTarget(name: "ServiceTests", dependencies: [
            "Service", "Spotcheck", "Store", "Messages", "Rulebook", "WorkingDays",
            .product(name: "Hummingbird", package: "hummingbird"),
            .product(name: "HummingbirdTesting", package: "hummingbird"),
            .product(name: "HTTPTypes", package: "swift-http-types"),
        ]),
    ]
)
