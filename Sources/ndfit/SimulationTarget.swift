import ArgumentParser
import Fitting
import Foundation
import NeuroDynChip

/// What `simulate` runs: a chip neuron or the scaled HH model, with the
/// defaults that go with it.
struct SimulationTarget {
    enum Kind {
        case chip(NeuroDynNeuron, mapping: RegisterFile.Mapping?)
        case hodgkinHuxley(HodgkinHuxleyModel)
    }

    let kind: Kind

    /// - Parameter chip: the file's neuron as loaded (the die a calibrated
    ///   file records); the file's first neuron, nominal, when nil.
    init(
        model: String, file: RegisterFile?, data: Data? = nil, registerFile: String? = nil,
        chip: NeuroDynNeuron? = nil, voltageScale: Double?, timeScale: Double?
    ) throws {
        guard model != "chip" else {
            let file = file ?? .defaultChip
            kind = .chip(chip ?? file.neuron(), mapping: file.mapping)
            modelName = "chip"
            return
        }
        // Only the target's equations: the measures' current scale of a
        // FitTarget (two rheobase searches) is not needed to simulate it.
        let chosen: (model: NeuronModel, file: String?)
        switch model {
        case "hh": chosen = (.hodgkinHuxley1952, nil)
        case "target":
            guard let data else {
                throw ValidationError("--model target simulates the model a register file's fit names: give --registers")
            }
            chosen = try ModelRecord.comparedModel(
                registerFile: data, given: nil, relativeTo: registerFile.map(InputFile.folder))
        default: chosen = try ModelReference.load(model)
        }
        let sclV = voltageScale ?? file?.mapping?.voltageScale ?? 1
        let sclT = timeScale ?? file?.mapping?.speedUp ?? 1
        let target = try chosen.model.chipTarget()
        try FitTarget.checkRates(of: target, model: chosen.model.name)
        do {
            kind = .hodgkinHuxley(try target.comparisonTarget(voltageScale: sclV, speedUp: sclT))
        } catch {
            throw CommandFailure(error.description)
        }
        modelName = chosen.model.name == NeuronModel.hodgkinHuxley1952.name ? "hh" : chosen.model.name
    }

    /// What runs: `chip`, `hh` for HH 1952, or the model's name.
    let modelName: String

    var name: String { modelName }

    /// Whether figures show V in millivolts (the HH model) rather than volts (a chip).
    var plotsMillivolts: Bool {
        if case .hodgkinHuxley = kind { return true }
        return false
    }

    /// The unit of the applied current.
    var currentUnit: String {
        switch kind {
        case .chip: "A"
        case .hodgkinHuxley: name == "hh" ? "A/cm2 (unscaled HH current)" : "A/cm2 (unscaled model current)"
        }
    }

    /// How the simulated model's units relate to the target's: the file's
    /// mapping for a chip (nil without one), the model's own scaling for HH.
    var targetMapping: RegisterFile.Mapping? {
        switch kind {
        case let .chip(_, mapping): mapping
        case let .hodgkinHuxley(model): model.targetMapping
        }
    }

    var defaultInitialState: [Double] {
        switch kind {
        case let .chip(_, mapping): Self.chipInitialState(mapping: mapping)
        case .hodgkinHuxley: [0, 0, 0, 0]
        }
    }

    var defaultThreshold: Double {
        switch kind {
        case let .chip(_, mapping): Self.chipThreshold(mapping: mapping)
        case let .hodgkinHuxley(model): 0.05 * model.voltageScale
        }
    }

    /// The spike threshold in target units: 50 mV above rest.
    static let targetThreshold = 0.05

    /// The start of a run in target units: the target's rest (the model's
    /// origin: 0 for HH 1952) with every gate at 0.
    var targetInitialState: [Double] { [targetMapping?.modelVoltageOrigin ?? 0, 0, 0, 0] }

    /// The spike threshold in target units: ``targetThreshold`` above the model's origin.
    var targetThreshold: Double { (targetMapping?.modelVoltageOrigin ?? 0) + Self.targetThreshold }

    /// A chip starts at the target's rest mapped onto it (V = voltage_offset),
    /// or, without a mapping, at the published V = 0.7 V; gates closed.
    static func chipInitialState(mapping: RegisterFile.Mapping?) -> [Double] {
        mapping.map { $0.chipState([$0.modelVoltageOrigin, 0, 0, 0]) } ?? NeuroDynNeuron.publishedInitialState
    }

    /// A chip spikes at the target's 0.05·scl_v V mapped onto it, or, without
    /// a mapping, at the published 0.85 V.
    static func chipThreshold(mapping: RegisterFile.Mapping?) -> Double {
        mapping.map { $0.chipVoltage($0.modelVoltageOrigin + targetThreshold) } ?? 0.85
    }

    func simulate(
        stimulus: Stimulus, duration: Double, initialState: [Double], options: SolverOptions,
        progress: @escaping (Double) -> Void
    ) throws -> SimulationResult {
        switch kind {
        case let .chip(neuron, _):
            try neuron.simulate(
                stimulus: stimulus, duration: duration, initialState: initialState, options: options, progress: progress)
        case let .hodgkinHuxley(model):
            try model.simulate(
                stimulus: stimulus, duration: duration, initialState: initialState, options: options, progress: progress)
        }
    }

    /// The same run with the stimulus, duration, initial state and threshold
    /// in target units, mapped onto the model and its result mapped back.
    ///
    /// - Throws: ``CommandFailure`` when a chip has no mapping.
    func simulateInTargetUnits(
        stimulus: Stimulus, duration: Double, initialState: [Double], options: SolverOptions,
        progress: @escaping (Double) -> Void
    ) throws -> SimulationResult {
        guard let mapping = targetMapping else {
            throw CommandFailure("--target-units needs a register file with a mapping (the file of a fit)")
        }
        var mapped = options
        mapped.spikeThreshold = options.spikeThreshold.map(mapping.chipVoltage)
        let result = try simulate(
            stimulus: try mapping.chipStimulus(stimulus), duration: mapping.chipTime(duration),
            initialState: mapping.chipState(initialState), options: mapped, progress: progress)
        return mapping.targetResult(result)
    }
}
