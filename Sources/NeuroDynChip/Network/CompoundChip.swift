/// The chip neurons of one compound neuron as a circuit to simulate: one
/// membrane for a short circuit (state `[V, m, h, n of each neuron]`), or
/// each neuron on its own membrane joined to the first by gap junctions
/// (state `[V, m, h, n]` of each neuron in turn). The applied current goes
/// into the first neuron's membrane, whose voltage and spikes are the
/// compound's.
public struct CompoundChip: Sendable {
    /// The chip neurons, in membrane order.
    public let neurons: [NeuroDynNeuron]
    public let tie: CompoundNeuron.Tie

    /// - Throws: ``NeuroDynError/invalidNetwork(key:reason:)`` for fewer than two neurons.
    public init(neurons: [NeuroDynNeuron], tie: CompoundNeuron.Tie) throws(NeuroDynError) {
        guard neurons.count >= 2 else {
            throw .invalidNetwork(key: "compound_neurons", reason: "a compound neuron needs at least two neurons (got \(neurons.count))")
        }
        self.neurons = neurons
        self.tie = tie
    }

    /// The compound `index` of `file`, each neuron on its board's biases
    /// and on its die in `dies` (by the file's neuron index; see
    /// ``RegisterFile/recordedDies(in:)``).
    ///
    /// - Throws: ``NeuroDynError/invalidNetwork(key:reason:)`` when the file has no such compound.
    public init(file: RegisterFile, compound index: Int, dies: [Int: MismatchFactors] = [:]) throws(NeuroDynError) {
        guard file.compoundNeurons.indices.contains(index) else {
            throw .invalidNetwork(key: "compound_neurons", reason: "the file has no compound neuron \(index)")
        }
        let compound = file.compoundNeurons[index]
        try self.init(neurons: compound.neurons.map { i in
            var neuron = file.neuron(i)
            if let die = dies[i] { neuron.perturb(with: die) }
            return neuron
        }, tie: compound.tie)
    }

    /// The neurons' membranes, tied as ``tie`` says.
    var tied: TiedMembranes<ChipMembrane> {
        switch tie {
        case .short: TiedMembranes(membranes: neurons.map(ChipMembrane.init), junction: nil)
        case let .gapJunction(conductance): TiedMembranes(membranes: neurons.map(ChipMembrane.init), junction: conductance)
        }
    }

    /// Where the membrane voltages are in the state (the first is the compound's).
    public var voltageIndices: [Int] { tied.voltageIndices }

    /// The state with every membrane at `voltage` (V) and every neuron's
    /// gates at `gates` (m, h, n).
    public func initialState(voltage: Double, gates: [Double] = [0, 0, 0]) -> [Double] {
        tied.initialState(voltages: neurons.map { _ in voltage }, gates: gates)
    }

    /// A run under `stimulus` (A, s) for `duration` (s), spikes read on the first membrane.
    ///
    /// - Throws: ``NeuroDynError`` for a bad duration, stimulus, state or options.
    public func simulate(
        stimulus: Stimulus, duration: Double, initialState: [Double], options: SolverOptions = SolverOptions(),
        progress: ((Double) -> Void)? = nil
    ) throws(NeuroDynError) -> NetworkResult {
        try tied.simulate(
            ChipSynapse.self, stimulus: stimulus, duration: duration, initialState: initialState, options: options,
            progress: progress)
    }
}
