import Foundation
import Testing

/// `--plot DIR` on each command: the expected SVG files, well-formed and
/// renderable, reported on standard error while standard output stays the
/// command's normal output; a bad folder fails cleanly.
@Suite("ndfit --plot")
struct PlotCommandTests {
    /// The lines a run reported as written, in order.
    static func reported(_ outcome: BinaryRunner.Outcome) -> [String] {
        outcome.standardError.split(separator: "\n").map(String.init).filter { $0.hasPrefix("wrote ") }
    }

    @Test("Each command writes its figures", arguments: [
        (["fit", "--no-search", "--scl-v", "3"], ["fit-m.svg", "fit-h.svg", "fit-n.svg", "fit-fI.svg"]),
        (["fit", "--no-search", "--skip-fidelity", "--format", "json"], ["fit-m.svg", "fit-h.svg", "fit-n.svg"]),
        (["simulate", "--duration", "0.005"], ["simulate.svg"]),
        (["simulate", "--model", "hh", "--scl-v", "3", "--scl-t", "3.2", "--i-app", "1e-5", "--format", "json"], ["simulate.svg"]),
        (["verify"], ["verify-fI.svg", "verify-noise.svg", "verify-spike-shape.svg"]),
        (["perturb", "--simulate", "--count", "12", "--seed", "5", "--duration", "0.005"], ["perturb-rates.svg"]),
        (["perturb", "--simulate", "--count", "12", "--sweep", "0,1e-9,2e-9", "--duration", "0.005", "--format", "json"],
         ["perturb-rates.svg", "perturb-fI-band.svg"]),
    ])
    func figures(arguments: [String], expected: [String]) throws {
        let folder = try BinaryRunner.temporaryDirectory().appendingPathComponent("figures/nested")
        let outcome = try BinaryRunner.run(arguments + ["--plot", folder.path])
        #expect(outcome.status == 0, "\(outcome.standardError)")
        try SVGChecks.expectFigures(expected, in: folder)
        #expect(Self.reported(outcome) == expected.map { "wrote " + folder.appendingPathComponent($0).path })
        // Standard output is what the command prints without --plot.
        let plain = try BinaryRunner.run(arguments)
        #expect(outcome.standardOutput == plain.standardOutput)
        // No temporary file is left behind.
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).allSatisfy { !$0.hasPrefix(".") })
    }

    @Test("The same run writes byte-identical figures")
    func deterministic() throws {
        let first = try BinaryRunner.temporaryDirectory(), second = try BinaryRunner.temporaryDirectory()
        for folder in [first, second] {
            #expect(try BinaryRunner.run(["fit", "--no-search", "--skip-fidelity", "--plot", folder.path]).status == 0)
        }
        for name in ["fit-m.svg", "fit-h.svg", "fit-n.svg"] {
            let a = try Data(contentsOf: first.appendingPathComponent(name))
            let b = try Data(contentsOf: second.appendingPathComponent(name))
            #expect(a == b, "\(name)")
        }
    }

    @Test("An existing file replaced by a figure is replaced whole")
    func replaces() throws {
        let folder = try BinaryRunner.temporaryDirectory()
        let target = folder.appendingPathComponent("verify-fI.svg")
        try Data("stale".utf8).write(to: target)
        #expect(try BinaryRunner.run(["verify", "--plot", folder.path]).status == 0)
        #expect(SVGChecks.isWellFormed(try Data(contentsOf: target)))
    }

    @Test("A folder that cannot be used fails with one line and status 1", arguments: ["file", "file/below"])
    func badFolder(relative: String) throws {
        let directory = try BinaryRunner.temporaryDirectory()
        try Data("not a folder".utf8).write(to: directory.appendingPathComponent("file"))
        let outcome = try BinaryRunner.run(["simulate", "--duration", "0.001", "--plot", directory.appendingPathComponent(relative).path])
        #expect(outcome.status == 1)
        #expect(outcome.standardError.split(separator: "\n").count == 1, "\(outcome.standardError)")
        #expect(outcome.standardError.hasPrefix("ndfit: error: ") && outcome.standardError.contains(relative))
        #expect(outcome.standardOutput.isEmpty)
        #expect(try String(contentsOf: directory.appendingPathComponent("file"), encoding: .utf8) == "not a folder")
    }

    @Test("--plot is a usage error without --simulate or without a name", arguments: [
        ["perturb", "--plot", "figures"], ["simulate", "--plot", ""], ["fit", "--plot="],
    ])
    func usage(arguments: [String]) throws {
        let directory = try BinaryRunner.temporaryDirectory()
        let outcome = try BinaryRunner.run(arguments, in: directory)
        #expect(outcome.status == 64)
        #expect(outcome.standardError.split(separator: "\n").count == 1, "\(outcome.standardError)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path).isEmpty)
    }
}
