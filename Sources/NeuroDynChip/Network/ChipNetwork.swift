/// A network of NeuroDyn neurons: the chip neurons (each with its biases and
/// die), the synapses between them, gap junctions, and how synaptic currents
/// are computed.
///
/// The board and the cube are the named configurations of
/// ``ChipNetwork/board(neurons:synapses:)`` and ``ChipNetwork/cube(boards:gapJunctions:)``;
/// any number of neurons and any topology is allowed. A synapse is converted
/// with its postsynaptic neuron's biases (on a board every neuron shares the
/// board's), and may only join neurons with the same spline centres.
public struct ChipNetwork: Sendable {
    public var neurons: [NeuroDynNeuron]
    public var synapses: [NeuroDynSynapse]
    public var gapJunctions: [GapJunction]
    public var synapseCurrent: SynapseCurrentForm

    /// - Throws: ``NeuroDynError/invalidNetwork(key:reason:)`` for a synapse
    ///   or gap junction naming a neuron that does not exist, a synapse from a
    ///   neuron to itself, two synapses with the same (pre, post), a gap
    ///   junction pair listed twice, or a synapse between neurons whose spline
    ///   centres differ.
    public init(
        neurons: [NeuroDynNeuron], synapses: [NeuroDynSynapse] = [], gapJunctions: [GapJunction] = [],
        synapseCurrent: SynapseCurrentForm = .chip
    ) throws(NeuroDynError) {
        try NetworkTopology.check(
            neuronCount: neurons.count, synapses: synapses.map { ($0.pre, $0.post) }, gapJunctions: gapJunctions)
        for (s, synapse) in synapses.enumerated()
        where neurons[synapse.pre].conversions.splineCentres != neurons[synapse.post].conversions.splineCentres {
            throw .invalidNetwork(
                key: "synapses[\(s)]",
                reason: "joins neurons \(synapse.pre) and \(synapse.post), whose biases give different spline centres")
        }
        self.neurons = neurons
        self.synapses = synapses
        self.gapJunctions = gapJunctions
        self.synapseCurrent = synapseCurrent
    }

    /// The network's equations, neuron i driven by `stimuli[i]` (A over s).
    ///
    /// - Throws: ``NeuroDynError`` for a stimulus count other than the neuron
    ///   count or a stimulus that fails ``Stimulus/validate()``.
    public func dynamics(stimuli: [Stimulus]) throws(NeuroDynError) -> NetworkDynamics<ChipMembrane, ChipSynapse> {
        try NetworkDynamics(
            membranes: neurons.map(ChipMembrane.init),
            connections: synapses.map { synapse in
                .init(pre: synapse.pre, post: synapse.post, block: ChipSynapse(
                    registers: synapse.registers, conversions: neurons[synapse.post].conversions,
                    mismatch: synapse.mismatch, form: synapseCurrent))
            },
            gapJunctions: gapJunctions, stimuli: stimuli)
    }

    /// The published initial state: every neuron at `voltage` (V; the
    /// published 0.7 V by default) with its gates closed, every synapse at 0.
    public func initialState(voltages: [Double]? = nil) -> [Double] {
        var state: [Double] = []
        for i in neurons.indices {
            state += [voltages?[i] ?? NeuroDynNeuron.publishedInitialState[0], 0, 0, 0]
        }
        return state + Array(repeating: 0, count: synapses.count)
    }

    /// Simulates the network, neuron i under `stimuli[i]` (A over s of chip
    /// time), from `initialState` (default: ``initialState(voltages:)``).
    ///
    /// - Throws: ``NeuroDynError`` for invalid input.
    public func simulate(
        stimuli: [Stimulus], duration: Double, initialState: [Double]? = nil, options: SolverOptions = SolverOptions(),
        progress: ((Double) -> Void)? = nil
    ) throws(NeuroDynError) -> NetworkResult {
        try dynamics(stimuli: stimuli).simulate(
            duration: duration, initialState: initialState ?? self.initialState(), options: options, progress: progress)
    }

    /// The 384 digital parameters of the board are its 24 channel variables
    /// (3 gates × 4 neurons + 12 synapses) × 16 codes each.
    public static let boardCodeCount = 384

    /// The board: 4 neurons and a synapse for every ordered pair (pre ≠ post),
    /// listed in the published order (by post, then pre). `synapses` replaces
    /// the published default of a pair (matched by pre and post); the others
    /// keep it, with dg = 0.
    ///
    /// - Throws: ``NeuroDynError`` for other than 4 neurons, or a synapse
    ///   outside the board.
    public static func board(
        neurons: [NeuroDynNeuron], synapses: [NeuroDynSynapse] = [], gapJunctions: [GapJunction] = [],
        synapseCurrent: SynapseCurrentForm = .chip
    ) throws(NeuroDynError) -> ChipNetwork {
        guard neurons.count == 4 else { throw .wrongCount(name: "board neurons", expected: 4, actual: neurons.count) }
        let full = try fullBoardSynapses(replacing: synapses, board: 0)
        return try ChipNetwork(
            neurons: neurons, synapses: full, gapJunctions: gapJunctions, synapseCurrent: synapseCurrent)
    }

    /// The cube: 4 boards (16 neurons, board b holding neurons 4b…4b + 3),
    /// each with its 12 synapses inside it, joined by `gapJunctions` between
    /// chosen neurons.
    ///
    /// - Throws: ``NeuroDynError`` for other than 4 boards of 4 neurons, or a
    ///   synapse that leaves its board.
    public static func cube(
        boards: [[NeuroDynNeuron]], synapses: [NeuroDynSynapse] = [], gapJunctions: [GapJunction],
        synapseCurrent: SynapseCurrentForm = .chip
    ) throws(NeuroDynError) -> ChipNetwork {
        guard boards.count == 4 else { throw .wrongCount(name: "cube boards", expected: 4, actual: boards.count) }
        var all: [NeuroDynSynapse] = []
        for b in 0..<4 {
            guard boards[b].count == 4 else { throw .wrongCount(name: "cube board \(b) neurons", expected: 4, actual: boards[b].count) }
            let inside = synapses.filter { $0.post / 4 == b }
            all += try fullBoardSynapses(replacing: inside, board: b)
        }
        return try ChipNetwork(
            neurons: boards.flatMap { $0 }, synapses: all, gapJunctions: gapJunctions, synapseCurrent: synapseCurrent)
    }

    /// The 12 synapses of board `board` in the published order, each replaced
    /// by the one of `synapses` with its (pre, post).
    static func fullBoardSynapses(replacing synapses: [NeuroDynSynapse], board: Int) throws(NeuroDynError) -> [NeuroDynSynapse] {
        let full = try SynapseRegisters.fullBoard(board, replacing: synapses.map(\.registers))
        return full.map { registers in
            synapses.first { $0.registers == registers } ?? NeuroDynSynapse(registers: registers)
        }
    }

    /// The same network with the deviations of die `instance` of `seed`:
    /// neuron i from ``MismatchModel/draw(seed:instance:element:)`` with
    /// element i, synapse s from ``MismatchModel/drawSynapse(seed:instance:element:)``
    /// with element (neuron count + s). Neuron 0 is the die a single neuron of
    /// the same seed and instance would be.
    public func perturbed(by model: MismatchModel, seed: UInt64, instance: UInt64) -> ChipNetwork {
        var copy = self
        for i in copy.neurons.indices {
            copy.neurons[i].perturb(with: model.draw(seed: seed, instance: instance, element: i))
        }
        for s in copy.synapses.indices {
            copy.synapses[s].mismatch = model.drawSynapse(seed: seed, instance: instance, element: neurons.count + s)
        }
        return copy
    }
}
