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
        model: SimulateCommand.Model, file: RegisterFile?, chip: NeuroDynNeuron? = nil, voltageScale: Double?,
        timeScale: Double?
    ) throws {
        switch model {
        case .chip:
            let file = file ?? .defaultChip
            kind = .chip(chip ?? file.neuron(), mapping: file.mapping)
        case .hh:
            let sclV = voltageScale ?? file?.mapping?.voltageScale ?? 1
            let sclT = timeScale ?? file?.mapping?.speedUp ?? 1
            do {
                kind = .hodgkinHuxley(try HodgkinHuxleyModel.comparisonTarget(voltageScale: sclV, speedUp: sclT))
            } catch {
                throw CommandFailure(error.description)
            }
        }
    }

    var name: String {
        switch kind {
        case .chip: "chip"
        case .hodgkinHuxley: "hh"
        }
    }

    /// Whether figures show V in millivolts (the HH model) rather than volts (a chip).
    var plotsMillivolts: Bool {
        if case .hodgkinHuxley = kind { return true }
        return false
    }

    /// The unit of the applied current.
    var currentUnit: String {
        switch kind {
        case .chip: "A"
        case .hodgkinHuxley: "A/cm2 (unscaled HH current)"
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

    /// A chip starts at the target's rest mapped onto it (V = voltage_offset),
    /// or, without a mapping, at the published V = 0.7 V; gates closed.
    static func chipInitialState(mapping: RegisterFile.Mapping?) -> [Double] {
        mapping.map { $0.chipState([0, 0, 0, 0]) } ?? NeuroDynNeuron.publishedInitialState
    }

    /// A chip spikes at the target's 0.05·scl_v V mapped onto it, or, without
    /// a mapping, at the published 0.85 V.
    static func chipThreshold(mapping: RegisterFile.Mapping?) -> Double {
        mapping.map { $0.chipVoltage(0.05) } ?? 0.85
    }

    func simulate(
        appliedCurrent: Double, duration: Double, initialState: [Double], options: SolverOptions,
        progress: @escaping (Double) -> Void
    ) throws -> SimulationResult {
        switch kind {
        case let .chip(neuron, _):
            try neuron.simulate(
                appliedCurrent: appliedCurrent, duration: duration, initialState: initialState,
                options: options, progress: progress)
        case let .hodgkinHuxley(model):
            try model.simulate(
                appliedCurrent: appliedCurrent, duration: duration, initialState: initialState,
                options: options, progress: progress)
        }
    }
}
