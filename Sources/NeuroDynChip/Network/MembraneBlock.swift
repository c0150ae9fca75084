/// One neuron of a network: the block of the right-hand side that owns a
/// `[V, gates…]` slice of the network's state.
///
/// A network evaluates each membrane once per right-hand side: it asks for
/// the neuron's ``probe(at:)`` (what synapses read of its voltage), lets the
/// membrane write its gates' derivatives and return its own ionic current,
/// adds synaptic, gap-junction and applied currents, and divides by the
/// capacitance. Units are the model's own: SI for a chip (A, V, s, F), the
/// target model's for a conductance-based neuron.
public protocol MembraneBlock: Sendable {
    /// What a synapse reads of this neuron's membrane voltage.
    associatedtype Probe: Sendable

    /// The number of state variables of the neuron, V first.
    var stateCount: Int { get }
    /// 1 / C_m, in the model's units.
    var inverseCapacitance: Double { get }
    /// The factor on the neuron's applied current (1 for a chip; scl_v · scl_t
    /// for a scaled target, which takes the unscaled current it stands for).
    var inputScale: Double { get }

    /// What synapses read of the membrane at voltage `v`.
    func probe(at voltage: Double) -> Probe

    /// Writes the gates' derivatives into `derivative[1..<stateCount]` and
    /// returns the ionic current (outward positive). `state` and
    /// `derivative` point at V of this neuron's slice; a block reads V only
    /// as `voltage`, never as `state[0]`, so that ``CompoundMembrane`` can
    /// hand each of its parts the stretch of gates that is its own.
    func gatesAndCurrent(
        probe: Probe, voltage: Double, state: UnsafePointer<Double>, derivative: UnsafeMutablePointer<Double>
    ) -> Double
}

/// A synapse of a network: one state r ∈ [0, 1] with
/// dr/dt = α(V_pre)(1 − r) − β(V_post) r, passing a current into its
/// postsynaptic neuron.
public protocol SynapseBlock: Sendable {
    /// What the synapse reads of a membrane (the neurons' ``MembraneBlock/Probe``).
    associatedtype Probe: Sendable

    /// α at the presynaptic membrane and β at the postsynaptic one.
    func rates(pre: Probe, post: Probe) -> (alpha: Double, beta: Double)

    /// The current into the postsynaptic neuron's membrane, outward positive,
    /// at activation `r` and postsynaptic voltage `postVoltage`.
    func current(activation r: Double, postVoltage: Double) -> Double

    /// Whether the synapse passes any current (its conductance is > 0). A
    /// synapse that passes none only observes its neurons: it does not join
    /// them into one system.
    var carriesCurrent: Bool { get }
}
