import Foundation
import Testing
import Fitting
import NeuroDynChip

/// `ndfit calibrate` and `perturb --simulate --calibrate`, run as a user would.
@Suite("ndfit calibrate")
struct CalibrateCommandTests {
    /// A searched fit written as `ndfit fit --format json` writes it, made once.
    static let fitFile = Result { () throws -> URL in
        let directory = try BinaryRunner.temporaryDirectory()
        let path = directory.appendingPathComponent("regs.json")
        let outcome = try BinaryRunner.run(["fit", "--scl-v", "3", "--skip-fidelity", "--format", "json", "--output", path.path])
        guard outcome.status == 0 else { throw CocoaError(.fileWriteUnknown) }
        return path
    }

    @Test("calibrate emits the die's register file with the file's mapping and its fidelity before and after")
    func calibrateDrawnDie() throws {
        let file = try Self.fitFile.get()
        let arguments = ["calibrate", "--registers", file.path, "--seed", "1", "--instance", "1", "--budget", "20",
                         "--format", "json"]
        let outcome = try BinaryRunner.run(arguments)
        #expect(outcome.status == 0, "\(outcome.standardError)")
        let data = Data(outcome.standardOutput.utf8)
        let calibrated = try RegisterFile.decode(data)
        let nominal = try RegisterFile.decode(try Data(contentsOf: file))
        #expect(calibrated.mapping == nominal.mapping)
        #expect(calibrated.biases == nominal.biases)
        #expect(calibrated.neurons != nominal.neurons)
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let record = try #require(object["calibration"] as? [String: Any])
        let before = try #require(record["fidelity_before"] as? [String: Any])
        let after = try #require(record["fidelity_after"] as? [String: Any])
        let errorBefore = try #require(before["error"] as? Double), errorAfter = try #require(after["error"] as? Double)
        #expect(errorAfter < errorBefore)
        // The same arguments give the same bytes.
        #expect(try BinaryRunner.run(arguments).standardOutput == outcome.standardOutput)
        // The library calibrates the same die to the same codes.
        let fitter = try HodgkinHuxleyFitter.recorded(in: try Data(contentsOf: file))
        let library = try DieCalibration(fitter: fitter, budget: 20)
            .calibrate(try MismatchModel(sigma: 0.15).draw(seed: 1, instance: 1))
        #expect(calibrated.neurons == [library.registers])
        // verify models the die the file records, and agrees with the record.
        let saved = try BinaryRunner.temporaryDirectory().appendingPathComponent("die.json")
        try data.write(to: saved)
        let verified = try BinaryRunner.run(["verify", "--registers", saved.path, "--format", "json"])
        #expect(verified.status == 0)
        let recorded = try JSONSerialization.data(withJSONObject: after)
        let verifiedReport = try #require(
            try JSONSerialization.jsonObject(with: Data(verified.standardOutput.utf8)) as? [String: Any])
        let verifiedRates = try JSONSerialization.data(withJSONObject: try #require(verifiedReport["f_I"]))
        #expect(try JSONDecoder().decode(FidelityReport.self, from: verifiedRates)
                == JSONDecoder().decode(FidelityReport.self, from: recorded))
    }

    @Test("A factors file calibrates the die it describes, as --seed/--instance does")
    func factorsFile() throws {
        let file = try Self.fitFile.get()
        let directory = try BinaryRunner.temporaryDirectory()
        let factorsPath = directory.appendingPathComponent("die.json")
        let factors = try MismatchModel(sigma: 0.15).draw(seed: 4, instance: 2)
        try RegisterFile.encoder.encode(factors).write(to: factorsPath)
        let byFile = try BinaryRunner.run(
            ["calibrate", "--registers", file.path, "--factors", factorsPath.path, "--budget", "0", "--format", "json"])
        let byDraw = try BinaryRunner.run(
            ["calibrate", "--registers", file.path, "--seed", "4", "--instance", "2", "--budget", "0", "--format", "json"])
        #expect(byFile.status == 0 && byDraw.status == 0)
        #expect(try RegisterFile.decode(Data(byFile.standardOutput.utf8)).neurons
                == RegisterFile.decode(Data(byDraw.standardOutput.utf8)).neurons)
        let text = try BinaryRunner.run(["calibrate", "--registers", file.path, "--factors", factorsPath.path, "--budget", "0"])
        #expect(text.standardOutput.contains("error"))
        #expect(text.standardOutput.contains("registers changed"))
    }

    @Test("perturb --simulate --calibrate reports yields, reproducibly")
    func population() throws {
        let file = try Self.fitFile.get()
        let arguments = ["perturb", "--registers", file.path, "--seed", "1", "--count", "3", "--simulate", "--calibrate",
                         "--budget", "4", "--format", "json"]
        let outcome = try BinaryRunner.run(arguments)
        #expect(outcome.status == 0, "\(outcome.standardError)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(outcome.standardOutput.utf8)) as? [String: Any])
        #expect(object["format"] as? String == "neurodyn-calibration/1")
        #expect((object["instances"] as? [Any])?.count == 3)
        let summary = try #require(object["summary"] as? [String: Any])
        #expect(summary["yield_before"] is Double && summary["yield_after"] is Double)
        #expect(try BinaryRunner.run(arguments).standardOutput == outcome.standardOutput)
        let text = try BinaryRunner.run(Array(arguments.dropLast(2)))
        #expect(text.standardOutput.contains("yield:"))
    }

    static let usageErrors: [[String]] = [
        ["calibrate", "--factors", "x.json", "--seed", "1"], ["calibrate", "--sigma=-1"], ["calibrate", "--budget=-1"],
        ["calibrate", "--neuron", "4"], ["calibrate", "--factors", ""], ["perturb", "--calibrate"],
        ["perturb", "--simulate", "--calibrate", "--sweep-hh", "1,2"], ["perturb", "--simulate", "--calibrate", "--budget=-2"],
        ["perturb", "--simulate", "--calibrate", "--fidelity-tolerance", "nan"],
    ]

    @Test("Usage errors exit 64 with one line", arguments: usageErrors)
    func usage(arguments: [String]) throws {
        let outcome = try BinaryRunner.run(arguments)
        #expect(outcome.status == 64, "\(arguments): \(outcome.standardError)")
        #expect(outcome.standardError.split(separator: "\n").count == 1)
    }

    @Test("Files that hold no usable fit are refused with one line naming them")
    func badFiles() throws {
        let directory = try BinaryRunner.temporaryDirectory()
        let plain = directory.appendingPathComponent("plain.json")
        try RegisterFile.defaultChip.encoded().write(to: plain)
        let nominal = try String(contentsOf: try Self.fitFile.get(), encoding: .utf8)
        let edited = directory.appendingPathComponent("edited.json")
        let dgNa = try RegisterFile.decode(Data(nominal.utf8)).neurons[0].conductances.sodium.value
        try nominal.replacingOccurrences(of: "\"na\" : \(dgNa)", with: "\"na\" : \(dgNa - 5)")
            .write(to: edited, atomically: true, encoding: .utf8)
        let cases: [([String], String)] = [
            (["calibrate", "--registers", plain.path], "plain.json"),
            (["calibrate", "--registers", edited.path], "dg.na"),
            (["calibrate", "--registers", directory.appendingPathComponent("none.json").path], "no such file"),
            (["calibrate", "--factors", plain.path, "--budget", "0"], "plain.json"),
            (["perturb", "--simulate", "--calibrate"], "needs a fitted register file"),
        ]
        for (arguments, named) in cases {
            let outcome = try BinaryRunner.run(arguments)
            #expect(outcome.status == 1, "\(arguments): \(outcome.standardError)")
            #expect(outcome.standardError.split(separator: "\n").count == 1)
            #expect(outcome.standardError.contains(named), "\(outcome.standardError)")
        }
    }
}
