import NeuroDynChip

/// `simulate` on a network register file: every neuron under its own
/// current and input, synapses and gap junctions as the file programs them.
struct NetworkSimulation {
    let file: RegisterFile
    let network: ChipNetwork

    init(file: RegisterFile) {
        self.file = file
        network = file.network()
    }

    /// The membrane voltages' indices in the state.
    var voltageIndices: [Int] { network.neurons.indices.map { 4 * $0 } }

    /// What the run needs, in the units it is asked in (chip, or target with `targetUnits`).
    struct Setup {
        let currents: [Double]
        let stimuli: [Stimulus]
        let initialState: [Double]
        let threshold: Double
        let duration: Double
    }

    /// The currents, stimuli, start and threshold of the run, in the units
    /// given (target units with `targetUnits`): per neuron `currents` (by
    /// default `--i-app`) and its input, `--x0` (default: the mapped rest, or
    /// the published 0.7 V; 0 in target units) overridden by `--x0-neuron`,
    /// gates and synapses 0.
    func setup(
        simulation: SimulationOptions, input: StimulusOptions, targetUnits: Bool, currents given: [Double]? = nil
    ) throws -> Setup {
        let count = network.neurons.count
        let currents = try given ?? simulation.appliedCurrents.perNeuron(count)
        let stimuli = try input.stimuli(constants: currents, duration: simulation.duration)
        let origin = file.mapping?.modelVoltageOrigin ?? 0
        let rest = targetUnits ? [origin, 0, 0, 0] : SimulationTarget.chipInitialState(mapping: file.mapping)
        let common = try simulation.parsedInitialState() ?? rest
        var state: [Double] = []
        let overrides = try simulation.parsedNeuronInitialStates()
        if let extra = overrides.keys.first(where: { $0 >= count }) {
            throw CommandFailure("--x0-neuron names neuron \(extra); the network has \(count) (0…\(count - 1))")
        }
        for i in 0..<count { state += overrides[i] ?? common }
        state += Array(repeating: 0, count: network.synapses.count)
        let threshold = simulation.threshold
            ?? (targetUnits ? origin + SimulationTarget.targetThreshold : SimulationTarget.chipThreshold(mapping: file.mapping))
        return Setup(
            currents: currents, stimuli: stimuli, initialState: state, threshold: threshold, duration: simulation.duration)
    }

    /// Runs the network; with `targetUnits`, the setup is mapped onto the chip
    /// through the file's mapping and the result mapped back.
    func run(
        _ setup: Setup, options: SolverOptions, targetUnits: Bool, progress: @escaping (Double) -> Void
    ) throws -> NetworkResult {
        guard targetUnits else {
            return try network.simulate(
                stimuli: setup.stimuli, duration: setup.duration, initialState: setup.initialState, options: options,
                progress: progress)
        }
        guard let mapping = file.mapping else {
            throw CommandFailure("--target-units needs a register file with a mapping (the file of a fit or a board built from one)")
        }
        var mapped = options
        mapped.spikeThreshold = options.spikeThreshold.map(mapping.chipVoltage)
        var stimuli: [Stimulus] = []
        for stimulus in setup.stimuli { stimuli.append(try mapping.chipStimulus(stimulus)) }
        let chip = try network.simulate(
            stimuli: stimuli, duration: mapping.chipTime(setup.duration),
            initialState: mapping.chipState(setup.initialState, voltageIndices: voltageIndices), options: mapped,
            progress: progress)
        return mapping.targetResult(chip)
    }

    /// The CSV header: t, then V, m, h, n of each neuron (suffixed with its
    /// index), then r of each synapse (`r_pre_post`).
    var csvHeader: String {
        var names = ["t"]
        for i in network.neurons.indices { names += ["V", "m", "h", "n"].map { "\($0)\(i)" } }
        names += network.synapses.map { "r_\($0.pre)_\($0.post)" }
        return names.joined(separator: ",")
    }
}
