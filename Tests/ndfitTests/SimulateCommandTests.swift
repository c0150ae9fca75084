import Foundation
import Testing
import Fitting
import NeuroDynChip
@testable import ndfit

@Suite("ndfit simulate")
struct SimulateCommandTests {
    struct Summary: Decodable {
        let spike_times_s: [Double]
        let spike_count: Int
        let mean_rate_hz: Double
        let isi_rate_hz: Double?
        let statistics: [String: Int]
        let x0: [Double]
        let threshold_V: Double
    }

    @Test("Options parse in-process")
    func parsing() throws {
        let command = try #require(try NDFit.parseAsRoot([
            "simulate", "--model", "hh", "--scl-v", "3", "--scl-t", "11.2", "--i-app", "1e-5",
            "--duration", "0.01", "--x0", "0,0.05,0.6,0.32", "--rtol", "1e-8", "--atol", "1e-10",
            "--threshold", "0.15", "--format", "csv",
        ]) as? SimulateCommand)
        #expect(command.model == "hh" && command.voltageScale == 3 && command.timeScale == 11.2)
        #expect(command.simulation.appliedCurrent == 1e-5 && command.simulation.duration == 0.01)
        #expect(try command.simulation.parsedInitialState() == [0, 0.05, 0.6, 0.32])
        #expect(command.format == .csv)
    }

    @Test("The default chip's spikes in JSON are the library's")
    func defaultChipJSON() throws {
        let outcome = try BinaryRunner.run(["simulate", "--format", "json", "--rtol", "1e-8", "--atol", "1e-10"])
        #expect(outcome.status == 0)
        let summary = try JSONDecoder().decode(Summary.self, from: Data(outcome.standardOutput.utf8))
        let library = try NeuroDynNeuron.defaultChip.simulate(
            appliedCurrent: 0, duration: 0.02,
            options: SolverOptions(relativeTolerance: 1e-8, absoluteTolerance: 1e-10, trace: .none, spikeThreshold: 0.85))
        #expect(summary.spike_times_s == library.spikeTimes)
        #expect(summary.spike_count == 11)
        #expect(summary.mean_rate_hz == 550)
        #expect(summary.statistics["evaluations"] == library.statistics.evaluations)
        #expect(summary.x0 == [0.7, 0, 0, 0] && summary.threshold_V == 0.85)
    }

    /// The binary is a release build: the order of its vector sums may differ
    /// from this debug build's in the last bits, so spike times are compared
    /// to 1e-12 s (the solver's own error is orders of magnitude larger).
    static func expectSameSpikes(_ a: [Double], _ b: [Double], sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(a.count == b.count, "\(a) vs \(b)", sourceLocation: sourceLocation)
        for (x, y) in zip(a, b) { #expect(abs(x - y) < 1e-12, "\(x) vs \(y)", sourceLocation: sourceLocation) }
    }

    @Test("Pulses and steps from the command line drive the chip as the library's stimulus does")
    func pulsesAndSteps() throws {
        let outcome = try BinaryRunner.run([
            "simulate", "--pulse", "0.002,0.0005,3e-10", "--step", "0.01,1e-10", "--duration", "0.02",
            "--rtol", "1e-8", "--atol", "1e-10", "--format", "json",
        ])
        #expect(outcome.status == 0, "\(outcome.standardError)")
        let summary = try JSONDecoder().decode(Summary.self, from: Data(outcome.standardOutput.utf8))
        let stimulus = Stimulus(pulses: [
            Stimulus.Pulse(start: 0.002, duration: 0.0005, amplitude: 3e-10),
            Stimulus.Pulse(start: 0.01, duration: .infinity, amplitude: 1e-10),
        ])
        let library = try NeuroDynNeuron.defaultChip.simulate(
            stimulus: stimulus, duration: 0.02,
            options: SolverOptions(relativeTolerance: 1e-8, absoluteTolerance: 1e-10, trace: .none, spikeThreshold: 0.85))
        Self.expectSameSpikes(summary.spike_times_s, library.spikeTimes)
        #expect(summary.spike_count > 0)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(outcome.standardOutput.utf8)) as? [String: Any])
        let input = try #require(object["input"] as? [String: Any])
        #expect(input["pulses"] as? [String] == ["0.002,0.0005,3e-10"])
    }

    @Test("Frozen noise: the same seed gives the same run, another seed another")
    func frozenNoise() throws {
        let base = ["simulate", "--noise", "1e-10,1e-10,1e-4", "--duration", "0.01", "--format", "json"]
        let first = try BinaryRunner.run(base), again = try BinaryRunner.run(base)
        let other = try BinaryRunner.run(base + ["--noise-seed", "2"])
        #expect(first.status == 0 && other.status == 0)
        #expect(first.standardOutput == again.standardOutput)
        #expect(first.standardOutput != other.standardOutput)
    }

    /// With --target-units the chip of a fit is driven and read in target
    /// units through its mapping: the run of ``MeasuredNeuron`` in the
    /// library, and a CSV whose V starts at the target's rest, 0.
    @Test("Target units drive the chip through its mapping")
    func targetUnits() throws {
        let directory = try BinaryRunner.temporaryDirectory()
        let path = directory.appendingPathComponent("regs.json").path
        let fitted = try BinaryRunner.run(["fit", "--no-search", "--capacitance-scaling", "0.1", "--skip-fidelity", "--output", path])
        #expect(fitted.status == 0)
        let arguments = ["simulate", "--registers", path, "--target-units", "--step", "0.005,1e-5", "--duration", "0.03",
                         "--rtol", "1e-8", "--atol", "1e-10"]
        let outcome = try BinaryRunner.run(arguments + ["--format", "json"])
        #expect(outcome.status == 0, "\(outcome.standardError)")
        let summary = try JSONDecoder().decode(Summary.self, from: Data(outcome.standardOutput.utf8))
        let file = try RegisterFile.decode(try Data(contentsOf: URL(fileURLWithPath: path)))
        let mapping = try #require(file.mapping)
        let run = try MeasuredNeuron.chip(file.neuron(), mapping).run(
            stimulus: .step(to: 1e-5, at: 0.005), duration: 0.03, initialState: [0, 0, 0, 0], threshold: 0.05,
            relativeTolerance: 1e-8, absoluteTolerance: 1e-10)
        Self.expectSameSpikes(summary.spike_times_s, run.spikeTimes)
        #expect(summary.x0 == [0, 0, 0, 0] && summary.threshold_V == 0.05)
        let csv = try BinaryRunner.run(arguments + ["--format", "csv"])
        let second = csv.standardOutput.split(separator: "\n")[1]
        #expect(second == "0.0,0.0,0.0,0.0,0.0")
    }

    @Test("CSV is the trace t,V,m,h,n")
    func csv() throws {
        let outcome = try BinaryRunner.run(["simulate", "--format", "csv", "--duration", "0.001"])
        #expect(outcome.status == 0)
        let lines = outcome.standardOutput.split(separator: "\n")
        #expect(lines.first == "t,V,m,h,n")
        #expect(lines[1] == "0.0,0.7,0.0,0.0,0.0")
        let last = lines.last!.split(separator: ",").compactMap { Double($0) }
        #expect(last.count == 5 && last[0] == 0.001)
        let times = lines.dropFirst().compactMap { Double($0.split(separator: ",")[0]) }
        #expect(zip(times, times.dropFirst()).allSatisfy { $0 < $1 })
    }

    @Test("The scaled HH model fires as the reference")
    func hodgkinHuxley() throws {
        let outcome = try BinaryRunner.run([
            "simulate", "--model", "hh", "--scl-v", "3", "--scl-t", "11.206993689903845", "--i-app", "1e-5",
            "--rtol", "1e-8", "--atol", "1e-10", "--format", "json",
        ])
        #expect(outcome.status == 0)
        let summary = try JSONDecoder().decode(Summary.self, from: Data(outcome.standardOutput.utf8))
        #expect(summary.spike_count == 16)
        #expect(abs(summary.spike_times_s[0] - 0.0002094825994800061) < 1e-7)
        #expect(summary.threshold_V == 0.05 * 3)
    }

    /// A register file written by `fit` and read by `simulate` is the same chip:
    /// the file decodes to the fit's registers exactly, and the simulation
    /// from it equals the library's simulation of the fitted neuron.
    @Test("fit --output then simulate --registers round-trips exactly")
    func roundTrip() throws {
        let directory = try BinaryRunner.temporaryDirectory()
        let path = directory.appendingPathComponent("regs.json").path
        #expect(try BinaryRunner.run(["fit", "--no-search", "--scl-v", "3", "--format", "json", "--skip-fidelity", "--output", path]).status == 0)
        let fit = try HodgkinHuxleyFitter(voltageScale: 3).fit()
        let file = try RegisterFile.decode(try Data(contentsOf: URL(fileURLWithPath: path)))
        #expect(file == fit.registerFile)
        let outcome = try BinaryRunner.run([
            "simulate", "--registers", path, "--i-app", "\(fit.currentGain * 10e-6)", "--format", "json",
        ])
        #expect(outcome.status == 0)
        let summary = try JSONDecoder().decode(Summary.self, from: Data(outcome.standardOutput.utf8))
        let mapping = try #require(file.mapping)
        #expect(summary.x0 == [mapping.voltageOffset, 0, 0, 0])
        #expect(summary.threshold_V == 0.05 * mapping.voltageScale + mapping.voltageOffset)
        let library = try fit.neuron.simulate(
            appliedCurrent: fit.currentGain * 10e-6, duration: 0.02, initialState: summary.x0,
            options: SolverOptions(relativeTolerance: 1e-6, absoluteTolerance: 1e-9, trace: .none,
                                   spikeThreshold: summary.threshold_V))
        #expect(summary.spike_times_s == library.spikeTimes)
    }
}

@Suite("ndfit perturb")
struct PerturbCommandTests {
    struct Document: Decodable {
        struct Instance: Decodable {
            let instance: Int
            let factors: MismatchFactors
        }
        let format: String
        let count: Int
        let seed: UInt64
        let sigma: Double
        let instances: [Instance]
        let registers: RegisterFile
    }

    @Test("JSON lists each instance's factors, drawn as the library draws them")
    func json() throws {
        let outcome = try BinaryRunner.run(["perturb", "--sigma", "0.15", "--seed", "42", "--count", "5", "--format", "json"])
        #expect(outcome.status == 0)
        let document = try JSONDecoder().decode(Document.self, from: Data(outcome.standardOutput.utf8))
        #expect(document.format == "neurodyn-perturbation/1")
        #expect(document.count == 5 && document.instances.count == 5 && document.seed == 42)
        #expect(document.registers == .defaultChip)
        let model = try MismatchModel(sigma: 0.15)
        for instance in document.instances {
            #expect(instance.factors == model.draw(seed: 42, instance: UInt64(instance.instance)))
        }
    }

    @Test("The same seed gives byte-identical output; instance k does not depend on the count")
    func reproducible() throws {
        let a = try BinaryRunner.run(["perturb", "--seed", "9", "--count", "20", "--format", "json"])
        let b = try BinaryRunner.run(["perturb", "--seed", "9", "--count", "20", "--format", "json"])
        #expect(a.standardOutput == b.standardOutput)
        let c = try BinaryRunner.run(["perturb", "--seed", "9", "--count", "30", "--format", "json"])
        let instances = { (text: String) in text.split(separator: "\n").filter { $0.contains("\"instance\":") } }
        #expect(Array(instances(c.standardOutput).prefix(19)) == Array(instances(a.standardOutput).prefix(19)))
        let text = try BinaryRunner.run(["perturb", "--seed", "9", "--count", "3"])
        #expect(text.status == 0 && text.standardOutput.split(separator: "\n").count == 5)
    }

    @Test("Perturbs the chip of a register file")
    func fromFile() throws {
        let directory = try BinaryRunner.temporaryDirectory()
        let path = directory.appendingPathComponent("fit.json").path
        _ = try BinaryRunner.run(["fit", "--no-search", "--format", "json", "--skip-fidelity", "--output", path])
        let outcome = try BinaryRunner.run(["perturb", "--registers", path, "--format", "json", "--count", "2"])
        #expect(outcome.status == 0)
        let document = try JSONDecoder().decode(Document.self, from: Data(outcome.standardOutput.utf8))
        #expect(document.registers == (try RegisterFile.decode(try Data(contentsOf: URL(fileURLWithPath: path)))))
    }
}

@Suite("ndfit help")
struct HelpTests {
    @Test("Each subcommand's help lists its options", arguments: [
        ("fit", ["--scl-v", "--i-master", "--i-voltage", "--capacitance-scaling", "--v-ref", "--kappa-lin", "--format", "--output", "--saturate"]),
        ("simulate", ["--registers", "--model", "--scl-v", "--scl-t", "--i-app", "--duration", "--x0", "--rtol", "--atol", "--threshold", "--format", "--output"]),
        ("perturb", ["--registers", "--sigma", "--seed", "--count", "--format", "--output"]),
    ])
    func help(command: String, options: [String]) throws {
        let outcome = try BinaryRunner.run([command, "--help"])
        #expect(outcome.status == 0)
        for option in options { #expect(outcome.standardOutput.contains(option), "\(command) lacks \(option)") }
        let root = try BinaryRunner.run(["--help"])
        #expect(root.standardOutput.contains(command))
    }
}
