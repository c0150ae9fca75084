import Foundation
import NeuroDynChip
import Testing

@testable import ndfit

@Suite("ndfit with model files: fit --model, the fit record, verify, simulate --model")
struct ModelCommandTests {
    @Test("ndfit models lists every built-in and the AMPA kinetics")
    func listing() throws {
        let outcome = try BinaryRunner.run(["models"])
        #expect(outcome.status == 0)
        for model in NeuronModel.builtIns { #expect(outcome.standardOutput.contains(model.name)) }
        // The AMPA line is written from the library's kinetics, not beside them.
        let ampa = SynapseKinetics.ampa
        #expect(outcome.standardOutput.contains("α = \(ModelsCommand.formula(ampa.alpha, of: "V_pre"))"))
        #expect(outcome.standardOutput.contains("β = \(ModelsCommand.formula(ampa.beta, of: "V_pre"))"))
        #expect(ModelsCommand.formula(ampa.alpha, of: "V") == "1.1 /ms / (1 + exp(−(V − 67 mV)/5 mV))")
        #expect(ModelsCommand.formula(.exponential(amplitude: 4, halfVoltage: 0, slope: 18), of: "V")
            == "4 /ms · exp((0 mV − V)/18 mV)")
    }

    @Test("A bad model file fails with one line naming it, and --output is left alone", arguments: [
        ("unknown-form.json", #"{"format": "neurodyn-model/1", "name": "x", "capacitance": "1 uF_per_cm2", "channels": [{"name": "k", "conductance": "36 mS_per_cm2", "reversal": "-77 mV", "gates": [{"name": "n", "exponent": 4, "alpha": {"form": "cubic", "rate": "1 per_ms"}, "beta": {"form": "constant", "rate": "1 per_ms"}}]}]}"#),
        ("no-unit.json", #"{"format": "neurodyn-model/1", "name": "x", "capacitance": "1", "channels": []}"#),
        ("truncated.nml", #"<neuroml xmlns="http://www.neuroml.org/schema/neuroml2"><cell id="c">"#),
    ])
    func badModel(name: String, contents: String) throws {
        let folder = try BinaryRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        try Data(contents.utf8).write(to: folder.appendingPathComponent(name))
        let output = folder.appendingPathComponent("out.json")
        try Data("kept".utf8).write(to: output)
        let outcome = try BinaryRunner.run(["fit", "--model", name, "--output", "out.json"], in: folder)
        #expect(outcome.status == 1)
        let lines = outcome.standardError.split(separator: "\n")
        #expect(lines.count == 1)
        #expect(outcome.standardError.contains(name))
        #expect(try String(contentsOf: output, encoding: .utf8) == "kept")
    }

    @Test("A fit of a model file names it; verify and simulate rebuild it from the record, and refuse it once edited")
    func recordedModel() throws {
        let folder = try BinaryRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let modelFile = folder.appendingPathComponent("models/tm.json")
        try FileManager.default.createDirectory(
            at: modelFile.deletingLastPathComponent(), withIntermediateDirectories: true)
        try NeuronModelFile.write(.traubMiles).write(to: modelFile)
        try FileManager.default.createDirectory(
            at: folder.appendingPathComponent("fits"), withIntermediateDirectories: true)

        let fit = try BinaryRunner.run(
            ["fit", "--model", "models/tm.json", "--no-search", "--skip-fidelity", "--output", "fits/tm.json"], in: folder)
        #expect(fit.status == 0, "\(fit.standardError)")
        struct Record: Decodable {
            struct Target: Decodable { let model: String; let model_file: String?; let model_sha256: String }
            let target: Target
        }
        let record = try JSONDecoder().decode(
            Record.self, from: Data(contentsOf: folder.appendingPathComponent("fits/tm.json")))
        #expect(record.target.model == "traub-miles")
        #expect(record.target.model_file == "../models/tm.json")
        #expect(record.target.model_sha256.count == 64)

        // Run from another folder: the model is found next to the register file.
        let fits = folder.appendingPathComponent("fits")
        let verify = try BinaryRunner.run(["verify", "--registers", "tm.json", "--format", "json"], in: fits)
        #expect(verify.status == 0, "\(verify.standardError)")
        let simulate = try BinaryRunner.run(
            ["simulate", "--registers", "tm.json", "--model", "target", "--target-units", "--i-app", "1e-6",
             "--duration", "0.05"], in: fits)
        #expect(simulate.status == 0, "\(simulate.standardError)")
        #expect(simulate.standardOutput.contains("model: traub-miles"))
        // The run starts at the model's rest (its origin), not at 0 V.
        #expect(simulate.standardOutput.contains("from x0 = -0.06"))

        var edited = NeuronModel.traubMiles
        edited.channels[2].reversal += 1
        try NeuronModelFile.write(edited).write(to: modelFile)
        let refused = try BinaryRunner.run(["verify", "--registers", "tm.json"], in: fits)
        #expect(refused.status == 1)
        #expect(refused.standardError.split(separator: "\n").count == 1)
        #expect(refused.standardError.contains("SHA-256"))
    }
}
