import Foundation
import Testing
import Fitting
import NeuroDynChip
@testable import ndfit

@Suite("ndfit fit")
struct FitCommandTests {
    @Test("Options parse in-process")
    func parsing() throws {
        let command = try #require(try NDFit.parseAsRoot(
            ["fit", "--scl-v", "4", "--i-voltage", "1.7e-7", "--kappa-lin", "0.7", "--format", "json", "--saturate"])
            as? FitCommand)
        #expect(command.voltageScale == 4)
        #expect(command.chip.voltageCurrent == 1.7e-7)
        #expect(command.chip.constants.kappaLinear == 0.7)
        #expect(command.format == .json)
        #expect(command.saturate)
        let defaults = try #require(try NDFit.parseAsRoot(["fit"]) as? FitCommand)
        #expect(defaults.voltageScale == 3 && defaults.format == nil && defaults.output.output == nil)
        #expect(defaults.output.impliedFormat == .text)
    }

    @Test("Usage errors are refused in-process", arguments: [
        ["fit", "--scl-v", "-1"], ["fit", "--scl-v", "nan"], ["fit", "--scl-v", "inf"],
        ["fit", "--i-master", "0"], ["fit", "--i-voltage", "-1e-7"], ["fit", "--capacitance-scaling", "nan"],
        ["fit", "--kappa-lin", "0"], ["fit", "--v-ref", "inf"], ["fit", "--format", "xml"], ["fit", "--bogus"],
        ["fit", "--scl-v"], ["fit", "--scl-v", "three"], ["fit", "--output", ""],
    ])
    func usageErrors(arguments: [String]) {
        #expect(throws: (any Error).self) { _ = try NDFit.parseAsRoot(arguments) }
    }

    @Test("The binary prints the register table")
    func textOutput() throws {
        let outcome = try BinaryRunner.run(["fit", "--no-search", "--scl-v", "3", "--skip-fidelity"])
        #expect(outcome.status == 0)
        #expect(outcome.standardError.isEmpty)
        #expect(outcome.standardOutput.contains("scl_t"))
        #expect(outcome.standardOutput.contains("dg"))
        #expect(outcome.standardOutput.contains("n beta"))
    }

    @Test("JSON output is the library's register file")
    func jsonOutput() throws {
        let outcome = try BinaryRunner.run(["fit", "--no-search", "--scl-v", "3", "--format", "json", "--skip-fidelity"])
        #expect(outcome.status == 0)
        let file = try RegisterFile.decode(Data(outcome.standardOutput.utf8))
        let fit = try HodgkinHuxleyFitter(voltageScale: 3).fit()
        #expect(file == fit.registerFile)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(outcome.standardOutput.utf8)) as? [String: Any])
        #expect(object["format"] as? String == "neurodyn-registers/1")
        #expect(object["target"] != nil && object["fit"] != nil)
    }

    @Test("--kappa-lin 0.7 --published-sampling reproduces the published codes")
    func publishedCodes() throws {
        let outcome = try BinaryRunner.run(
            ["fit", "--kappa-lin", "0.7", "--published-sampling", "--format", "json", "--skip-fidelity"])
        let file = try RegisterFile.decode(Data(outcome.standardOutput.utf8))
        let neuron = try #require(file.neurons.first)
        #expect(neuron.conductances.values.map(\.value) == [1023, 307, 3])
        #expect(neuron.reversals.values.map(\.value) == [829, -829, -545])
        #expect(neuron.splines.m.alpha.values == [0, 1, 11, 23, 0, 0, 870])
        #expect(neuron.splines.m.beta.values == [190, 4, 6, 0, 0, 0, 0])
        #expect(neuron.splines.h.alpha.values == [3, 0, 0, 0, 0, 0, 0])
        #expect(neuron.splines.h.beta.values == [0, 0, 6, 3, 0, 0, 0])
        #expect(neuron.splines.n.alpha.values == [0, 0, 2, 2, 3, 0, 0])
        #expect(neuron.splines.n.beta.values == [1, 0, 0, 0, 0, 0, 0])
    }

    @Test("Out-of-range codes fail with exit 1, one line naming them and the bias; nothing is written")
    func outOfRange() throws {
        let directory = try BinaryRunner.temporaryDirectory()
        let target = directory.appendingPathComponent("registers.json")
        try Data("keep me".utf8).write(to: target)
        let outcome = try BinaryRunner.run(["fit", "--no-search", "--scl-v", "4", "--output", target.path])
        #expect(outcome.status == 1)
        #expect(outcome.standardOutput.isEmpty)
        let lines = outcome.standardError.split(separator: "\n")
        #expect(lines.count == 1)
        #expect(outcome.standardError.contains("dE.na = 1106"))
        #expect(outcome.standardError.contains("dE.k = -1106"))
        #expect(outcome.standardError.contains("I_voltage"))
        #expect(try String(contentsOf: target, encoding: .utf8) == "keep me")
    }

    /// `--output regs.json` writes the register file, not the text report; an
    /// explicit `--format` wins, and other names default to text.
    @Test("--output names the format when --format is not given")
    func impliedFormat() throws {
        let directory = try BinaryRunner.temporaryDirectory()
        func written(_ name: String, _ extra: [String] = []) throws -> String {
            let path = directory.appendingPathComponent(name).path
            let outcome = try BinaryRunner.run(["fit", "--no-search", "--skip-fidelity", "--output", path] + extra)
            #expect(outcome.status == 0)
            return try String(contentsOf: URL(fileURLWithPath: path), encoding: .utf8)
        }
        #expect(try RegisterFile.decode(Data(try written("regs.json").utf8)).mapping != nil)
        #expect(try written("REGS.JSON").hasPrefix("{"))
        #expect(try written("report.txt").hasPrefix("NeuroDyn fit"))
        #expect(try written("forced.json", ["--format", "text"]).hasPrefix("NeuroDyn fit"))
    }

    @Test("--saturate clamps and records the saturated registers")
    func saturate() throws {
        let outcome = try BinaryRunner.run(["fit", "--no-search", "--scl-v", "4", "--saturate", "--format", "json", "--skip-fidelity"])
        #expect(outcome.status == 0)
        let file = try RegisterFile.decode(Data(outcome.standardOutput.utf8))
        #expect(file.neurons[0].reversals.sodium.value == 1023)
        #expect(file.neurons[0].reversals.potassium.value == -1023)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(outcome.standardOutput.utf8)) as? [String: Any])
        let fit = try #require(object["fit"] as? [String: Any])
        let saturated = try #require(fit["saturated"] as? [[String: Any]])
        #expect(saturated.compactMap { $0["register"] as? String }.sorted() == ["dE.k", "dE.na"])
    }

    @Test("Bad options exit 64 with one line on standard error", arguments: [
        ["fit", "--scl-v", "-1"], ["fit", "--scl-v", "nan"], ["fit", "--i-master", "0"],
        ["fit", "--format", "xml"], ["fit", "--bogus"], ["nonsense"],
    ])
    func usageExitStatus(arguments: [String]) throws {
        let outcome = try BinaryRunner.run(arguments)
        #expect(outcome.status == 64)
        #expect(outcome.standardOutput.isEmpty)
        #expect(outcome.standardError.split(separator: "\n").count == 1)
        #expect(outcome.standardError.hasPrefix("ndfit: error: "))
    }

    @Test("--output writes the file whole")
    func outputFile() throws {
        let directory = try BinaryRunner.temporaryDirectory()
        let target = directory.appendingPathComponent("fit.json")
        let outcome = try BinaryRunner.run(["fit", "--no-search", "--format", "json", "--skip-fidelity", "--output", target.path])
        #expect(outcome.status == 0)
        #expect(outcome.standardOutput.isEmpty)
        let written = try Data(contentsOf: target)
        let stdout = try BinaryRunner.run(["fit", "--no-search", "--format", "json", "--skip-fidelity"]).standardOutput
        #expect(written == Data(stdout.utf8))
        let missing = try BinaryRunner.run(
            ["fit", "--no-search", "--skip-fidelity", "--output", directory.appendingPathComponent("no/such/dir/x.json").path])
        #expect(missing.status == 1)
        #expect(missing.standardError.contains("cannot write"))
    }

    @Test("--help and --version exit 0")
    func help() throws {
        let help = try BinaryRunner.run(["fit", "--help"])
        #expect(help.status == 0)
        #expect(help.standardOutput.contains("--scl-v"))
        #expect(help.standardOutput.contains("--kappa-lin"))
        #expect(try BinaryRunner.run(["--version"]).status == 0)
    }
}
