import Foundation
import NeuroDynChip
import Testing

@testable import Fitting

@Suite("Fitting models other than HH 1952: goals, fit records, recipes")
struct ModelFitTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let neuroMLCell = root.appendingPathComponent("models/neuroml/hh_cell.cell.nml").path

    static func model(_ name: String) throws -> NeuronModel {
        name == "neuroml" ? try NeuronModel.load(neuroMLCell) : try #require(NeuronModel.builtIn(named: name))
    }

    /// The goals of a model fit (fidelity error ≤ 0.05, rheobase within 10%,
    /// every code in range) at the scl_v docs/models.md gives for each model.
    /// The fits measured 0.021, 0.005 and 0.017 (rheobase 2.4%, 0.5%, 4.1%
    /// apart), so a kernel-dependent last digit of the NNLS cannot move them
    /// across the line unless the search itself changed.
    @Test("Traub–Miles, Wang–Buzsáki and the NeuroML HH cell meet the fit goals", arguments: [
        ("traub-miles", 3.0), ("wang-buzsaki", 3.0), ("neuroml", 4.0),
    ])
    func goals(name: String, voltageScale: Double) throws {
        let target = try FitTarget(model: try Self.model(name))
        let fit = try target.fitter(recipe: .fidelity, settings: FitSettings(voltageScale: voltageScale)).fit()
        #expect(fit.saturated.isEmpty)
        let scale = target.currentScale
        let report = try FidelityEvaluator(
            firing: FiringProtocol.standard.scalingCurrents(by: scale), rheobaseResolution: 0.02 * scale
        ).evaluate(fit)
        #expect(report.error <= 0.05)
        let rheobase = try #require(report.rheobaseError)
        #expect(rheobase <= 0.1)
    }

    @Test("A leak that rounds to code 0 raises the capacitance scaling; HH keeps 0.1")
    func capacitanceLadder() throws {
        let wangBuzsaki = try FitTarget(model: .wangBuzsaki)
        let plainFirst = try HodgkinHuxleyFitter.forFidelity(
            voltageScale: 3, target: wangBuzsaki.target, capacitanceScaling: 0.1)
        #expect(try plainFirst.fit().registers.conductances.leak.value == 0)
        let chosen = try HodgkinHuxleyFitter.forFidelity(voltageScale: 3, target: wangBuzsaki.target)
        #expect(chosen.biases.capacitanceScaling > 0.1)
        #expect(try chosen.fit().registers.conductances.leak.value > 0)
        #expect(HodgkinHuxleyFitter.capacitanceScalingLadder.contains(chosen.biases.capacitanceScaling))
        let hh = try HodgkinHuxleyFitter.forFidelity(voltageScale: 3)
        #expect(hh.biases.capacitanceScaling == 0.1)
    }

    @Test("The plain and published recipes are the fitters they name")
    func recipes() throws {
        var constants = ChipConstants.neuroDyn
        constants.kappaLinear = 0.7
        let published = try FitTarget.hodgkinHuxley.fitter(
            recipe: .published, settings: FitSettings(voltageScale: 3, constants: constants))
        let direct = HodgkinHuxleyFitter(constants: constants, targetSampling: .published, refinesCodes: false)
        #expect(try published.fit().registers == direct.fit().registers)
        let plain = try FitTarget.hodgkinHuxley.fitter(recipe: .plain, settings: FitSettings(voltageScale: 2))
        #expect(try plain.fit().registers == HodgkinHuxleyFitter(voltageScale: 2).fit().registers)
    }

    @Test("A fit records its model, and the fitter is rebuilt from the record")
    func recordRoundTrip() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("ndfit-record-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let modelFile = folder.appendingPathComponent("tm.json")
        try NeuronModelFile.write(.traubMiles).write(to: modelFile)

        let target = try FitTarget(model: try NeuronModel.load(modelFile.path), file: modelFile.path)
        #expect(target.record.digest == ModelRecord.digest(of: .traubMiles))
        let fit = try target.fitter(recipe: .plain, settings: FitSettings(voltageScale: 3)).fit()
        let data = try fit.registerFileJSON(model: target.record)
        #expect(try ModelRecord.recorded(in: data) == target.record)
        let rebuilt = try HodgkinHuxleyFitter.recorded(in: data)
        #expect(rebuilt.target == target.target)
        #expect(try FitTarget.compared(registerFile: data, given: nil).model == .traubMiles)

        // Comparing with another model, or a file edited since, is refused.
        #expect(throws: FittingError.self) {
            try FitTarget.compared(registerFile: data, given: (model: .wangBuzsaki, file: nil))
        }
        var edited = NeuronModel.traubMiles
        edited.channels[0].conductance *= 1.01
        try NeuronModelFile.write(edited).write(to: modelFile)
        #expect(throws: ModelError.changed(
            model: modelFile.path, found: ModelRecord.digest(of: edited), recorded: target.record.digest)
        ) {
            try target.record.load()
        }
        #expect(throws: FittingError.self) { try HodgkinHuxleyFitter.recorded(in: data) }
    }

    @Test("A register file that names no model is HH 1952, unless its mapping has another origin")
    func unnamedModel() throws {
        let hh = try HodgkinHuxleyFitter().fit()
        let plain = try RegisterFile.encoder.encode(hh.registerFile)
        #expect(try ModelRecord.recorded(in: plain) == nil)
        #expect(try FitTarget.compared(registerFile: plain, given: nil).model == .hodgkinHuxley1952)
        #expect(try FitTarget.compared(registerFile: nil, given: nil).model == .hodgkinHuxley1952)

        let other = try FitTarget(model: .traubMiles)
        let fit = try other.fitter(recipe: .plain, settings: FitSettings(voltageScale: 3)).fit()
        let unnamed = try RegisterFile.encoder.encode(fit.registerFile)
        #expect(throws: FittingError.self) { try FitTarget.compared(registerFile: unnamed, given: nil) }
        #expect(try FitTarget.compared(registerFile: unnamed, given: (model: .traubMiles, file: nil)).model == .traubMiles)
    }

    @Test("A model file's path is recorded relative to the register file's folder")
    func relativeModelPath() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("ndfit-relative-\(UUID().uuidString)")
        let models = folder.appendingPathComponent("models"), fits = folder.appendingPathComponent("fits/deep")
        try FileManager.default.createDirectory(at: models, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: fits, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = models.appendingPathComponent("wb.json")
        try NeuronModelFile.write(.wangBuzsaki).write(to: file)
        let record = ModelRecord(model: .wangBuzsaki, file: file.path + "#cell")
        // An absolute path stays; a built-in has no file.
        #expect(record.relative(to: fits) == record)
        #expect(ModelRecord.hodgkinHuxley1952.relative(to: fits) == .hodgkinHuxley1952)
        // A relative one is rewritten from the working folder to the register
        // file's, and found from there.
        let moved = ModelRecord(model: .wangBuzsaki, file: "models/wb.json").relative(to: fits, from: folder)
        #expect(moved.file == "../../models/wb.json")
        #expect(try moved.load(relativeTo: fits) == .wangBuzsaki)
        // A path that does not exist from the working folder is kept.
        let missing = ModelRecord(model: .wangBuzsaki, file: "nowhere/wb.json")
        #expect(missing.relative(to: fits, from: folder) == missing)
    }
}
