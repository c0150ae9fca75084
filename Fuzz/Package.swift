// swift-tools-version: 6.0
// libFuzzer targets: RegisterFileFuzzer for RegisterFile.decode(_:), and
// ModelFileFuzzer for the model-file readers (neurodyn-model/1 JSON, NeuroML 2,
// expressions). Separate from the root package so that the fuzzing flags
// never touch the main build; they depend on the NeuroDynChip product only
// (the Fitting target needs LAPACKE). Build and run with Fuzz/run.sh
// (FUZZ_TARGET picks the target).
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
        .executableTarget(
            name: "ModelFileFuzzer",
            dependencies: [.product(name: "NeuroDynChip", package: "ndfit")]
        ),
    ]
)
