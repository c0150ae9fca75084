// swift-tools-version: 6.0
// A libFuzzer target for RegisterFile.decode(_:). Separate from the root
// package so that the fuzzing flags never touch the main build; it depends on
// the NeuroDynChip product only (the Fitting target needs LAPACKE).
// Build and run with Fuzz/run.sh.
import PackageDescription

let package = Package(
    name: "NeuroDynFuzz",
    dependencies: [
        // The root package, named so that its identity does not depend on
        // the folder the repository is cloned into.
        .package(name: "ndfit", path: ".."),
    ],
    targets: [
        .executableTarget(
            name: "RegisterFileFuzzer",
            dependencies: [.product(name: "NeuroDynChip", package: "ndfit")]
        ),
    ]
)
