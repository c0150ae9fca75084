// swift-tools-version: 6.0
import PackageDescription

let package = Package(
    name: "ndfit",
    platforms: [.macOS(.v13)],
    products: [
        .library(name: "NeuroDynChip", targets: ["NeuroDynChip"]),
        .library(name: "Fitting", targets: ["Fitting"]),
        .executable(name: "ndfit", targets: ["ndfit"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-numerics", from: "1.1.1"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
    ],
    targets: [
        .target(
            name: "NeuroDynChip",
            dependencies: [.product(name: "RealModule", package: "swift-numerics")]
        ),
        .systemLibrary(
            name: "CLapack",
            pkgConfig: "lapacke",
            providers: [.apt(["liblapacke-dev", "libopenblas-dev"])]
        ),
        .target(
            name: "Fitting",
            dependencies: [
                "NeuroDynChip", "CLapack", .product(name: "RealModule", package: "swift-numerics"),
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        .executableTarget(
            name: "ndfit",
            dependencies: [
                "NeuroDynChip",
                "Fitting",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(
            name: "NeuroDynBench",
            dependencies: ["NeuroDynChip", "Fitting"],
            path: "Benchmarks/NeuroDynBench"
        ),
        .testTarget(name: "NeuroDynChipTests", dependencies: ["NeuroDynChip"]),
        .testTarget(name: "FittingTests", dependencies: ["Fitting", "NeuroDynChip"]),
        .testTarget(
            name: "ndfitTests",
            dependencies: ["ndfit", "NeuroDynChip", "Fitting"]
        ),
    ]
)
