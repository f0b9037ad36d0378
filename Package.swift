// swift-tools-version:6.2
import PackageDescription

let package = Package(
    name: "StreamScope",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "streamscope", targets: ["StreamScope"]),
        .executable(name: "streamscope-bench", targets: ["StreamScopeBench"]),
        .library(name: "DynamoEngine", targets: ["DynamoEngine"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
    ],
    targets: [
        .target(name: "DynamoModel"),
        .target(name: "DynamoExpressions", dependencies: ["DynamoModel"]),
        .target(name: "DynamoEngine", dependencies: ["DynamoModel", "DynamoExpressions"]),
        .target(name: "WireProtocol", dependencies: ["DynamoModel", "DynamoEngine"]),
        .target(
            name: "WireServer",
            dependencies: [
                "WireProtocol",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ]
        ),
        .target(name: "MonitorUI", dependencies: ["DynamoModel"]),
        .systemLibrary(name: "CNCursesW", providers: [.apt(["libncursesw5-dev"])]),
        .target(name: "CursesBackend", dependencies: ["MonitorUI", "CNCursesW"]),
        .executableTarget(
            name: "StreamScope",
            dependencies: [
                "DynamoModel", "DynamoEngine", "WireProtocol", "WireServer", "MonitorUI", "CursesBackend",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(
            name: "StreamScopeBench",
            dependencies: ["DynamoModel", "DynamoEngine", "WireProtocol", "WireServer", "MonitorUI"]
        ),
        .testTarget(name: "DynamoModelTests", dependencies: ["DynamoModel"]),
        .testTarget(name: "DynamoExpressionsTests", dependencies: ["DynamoExpressions", "DynamoModel"]),
        .testTarget(name: "DynamoEngineTests", dependencies: ["DynamoEngine", "DynamoModel"]),
        .testTarget(name: "WireProtocolTests", dependencies: ["WireProtocol", "DynamoEngine", "DynamoModel"]),
        .testTarget(name: "WireServerTests", dependencies: ["WireServer", "WireProtocol", "DynamoEngine", "DynamoModel"]),
        .testTarget(
            name: "MonitorUITests",
            dependencies: ["MonitorUI", "DynamoModel"],
            exclude: ["__Snapshots__"]
        ),
        .testTarget(
            name: "EndToEndTests",
            dependencies: ["WireServer", "WireProtocol", "DynamoEngine", "DynamoModel"],
            resources: [.copy("Scripts")]
        ),
    ]
)

for target in package.targets where target.type != .system {
    var settings = target.swiftSettings ?? []
    settings.append(.enableUpcomingFeature("ExistentialAny"))
    settings.append(.enableUpcomingFeature("MemberImportVisibility"))
    target.swiftSettings = settings
}
