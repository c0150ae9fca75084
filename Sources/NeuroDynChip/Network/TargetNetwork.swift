/// A network of conductance-based target neurons, designed in the target's
/// units before it is mapped onto chips: neurons (``HodgkinHuxleyModel``s,
/// scaled or not), synapses with their kinetics, conductance and reversal
/// potential, and gap junctions, all in the neurons' units (biological: mV,
/// ms, mS/cm², µA/cm²; or SI). Synaptic and gap currents are linear.
public struct TargetNetwork: Sendable {
    /// A synapse between target neurons.
    public struct Synapse: Sendable, Hashable {
        public var pre: Int
        public var post: Int
        public var kinetics: SynapseKinetics
        /// g in the neurons' conductance unit.
        public var conductance: Double
        /// E in the neurons' voltage unit (rest at 0).
        public var reversal: Double

        public init(pre: Int, post: Int, kinetics: SynapseKinetics, conductance: Double, reversal: Double) {
            self.pre = pre
            self.post = post
            self.kinetics = kinetics
            self.conductance = conductance
            self.reversal = reversal
        }
    }

    public var neurons: [HodgkinHuxleyModel]
    public var synapses: [Synapse]
    public var gapJunctions: [GapJunction]

    /// - Throws: ``NeuroDynError/invalidNetwork(key:reason:)`` for wiring that
    ///   breaks a rule (as ``ChipNetwork``'s), ``NeuroDynError/invalidParameter(name:value:)``
    ///   for a non-finite or negative g or a non-finite E.
    public init(neurons: [HodgkinHuxleyModel], synapses: [Synapse] = [], gapJunctions: [GapJunction] = []) throws(NeuroDynError) {
        try NetworkTopology.check(
            neuronCount: neurons.count, synapses: synapses.map { ($0.pre, $0.post) }, gapJunctions: gapJunctions)
        for (s, synapse) in synapses.enumerated() {
            guard synapse.conductance.isFinite && synapse.conductance >= 0 else {
                throw .invalidParameter(name: "synapses[\(s)].g", value: synapse.conductance)
            }
            guard synapse.reversal.isFinite else { throw .invalidParameter(name: "synapses[\(s)].E", value: synapse.reversal) }
        }
        self.neurons = neurons
        self.synapses = synapses
        self.gapJunctions = gapJunctions
    }

    /// The equations, neuron i under `stimuli[i]` (the unscaled current it
    /// stands for, over the model's time).
    public func dynamics(stimuli: [Stimulus]) throws(NeuroDynError) -> NetworkDynamics<TargetMembrane, TargetSynapse> {
        try NetworkDynamics(
            membranes: neurons.map(TargetMembrane.init),
            connections: synapses.map { synapse in
                .init(pre: synapse.pre, post: synapse.post, block: TargetSynapse(
                    kinetics: synapse.kinetics, conductance: synapse.conductance, reversal: synapse.reversal))
            },
            gapJunctions: gapJunctions, stimuli: stimuli)
    }

    /// Every neuron at rest (all zeros), every synapse at 0.
    public var restingState: [Double] { Array(repeating: 0, count: 4 * neurons.count + synapses.count) }

    /// Simulates the network from `initialState` (default: ``restingState``).
    public func simulate(
        stimuli: [Stimulus], duration: Double, initialState: [Double]? = nil, options: SolverOptions = SolverOptions(),
        progress: ((Double) -> Void)? = nil
    ) throws(NeuroDynError) -> NetworkResult {
        try dynamics(stimuli: stimuli).simulate(
            duration: duration, initialState: initialState ?? restingState, options: options, progress: progress)
    }
}
