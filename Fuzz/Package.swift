// swift-tools-version: 6.0
// A libFuzzer target for RegisterFile.decode(_:). Separate from the root
// package so that the fuzzing flags never touch the main build; it depends on
// the NeuroDynChip product only (the Fitting target needs LAPACKE).
// Build and run with Fuzz/run.sh.
import PackageDescription

let package = Package(
    name: "NeuroDynFuzz",
    dependencies: [
        // The root package; its identity is its directory name, "main".
        .package(path: ".."),
    ],
    targets: [
        .executableTarget(
            name: "RegisterFileFuzzer",
            dependencies: [.product(name: "NeuroDynChip", package: "main")]
        ),
    ]
)
