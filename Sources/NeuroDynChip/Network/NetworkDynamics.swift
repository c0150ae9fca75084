/// The equations of a network: neurons (``MembraneBlock``) and synapses
/// (``SynapseBlock``) that each write into their own slice of one state
/// vector, joined by gap junctions, each neuron under its own stimulus.
///
/// State: every neuron's slice in order (`[V, gates…]`), then one r per
/// synapse in order. For neuron i,
///
///     C_i dV_i/dt = −I_int,i − Σ_j G_ij (V_i − V_j) − Σ_{s → i} I_syn,s + s_i I_app,i(t)
///     dr_s/dt = α_s(V_pre)(1 − r_s) − β_s(V_post) r_s
///
/// with s_i the membrane's ``MembraneBlock/inputScale``. A network of one
/// neuron and no synapse evaluates exactly (bit for bit) as the neuron's own
/// equations.
public struct NetworkDynamics<Membrane: MembraneBlock, Synapse: SynapseBlock>: ODESystem
where Synapse.Probe == Membrane.Probe {
    /// A synapse and the neurons it joins.
    public struct Connection: Sendable {
        public let pre: Int
        public let post: Int
        public let block: Synapse

        public init(pre: Int, post: Int, block: Synapse) {
            self.pre = pre
            self.post = post
            self.block = block
        }
    }

    public let membranes: [Membrane]
    public let connections: [Connection]
    public let gapJunctions: [GapJunction]
    /// One stimulus per neuron, in its model's units.
    public let stimuli: [Stimulus]
    /// Where each neuron's slice starts.
    public let offsets: [Int]
    /// Where the synapses' states start.
    public let synapseOffset: Int
    public let dimension: Int
    private let constantCurrents: [Double?]
    private let inverseCapacitances: [Double]
    private let inputScales: [Double]

    /// - Throws: ``NeuroDynError`` for a stimulus count other than the
    ///   neuron count, a stimulus that fails ``Stimulus/validate()``, or
    ///   wiring that breaks a rule (``NeuroDynError/invalidNetwork(key:reason:)``).
    public init(
        membranes: [Membrane], connections: [Connection], gapJunctions: [GapJunction], stimuli: [Stimulus]
    ) throws(NeuroDynError) {
        guard !membranes.isEmpty else { throw .wrongCount(name: "neurons", expected: 1, actual: 0) }
        guard stimuli.count == membranes.count else {
            throw .wrongCount(name: "stimuli (one per neuron)", expected: membranes.count, actual: stimuli.count)
        }
        for stimulus in stimuli { try stimulus.validate() }
        try NetworkTopology.check(
            neuronCount: membranes.count, synapses: connections.map { ($0.pre, $0.post) }, gapJunctions: gapJunctions)
        self.membranes = membranes
        self.connections = connections
        self.gapJunctions = gapJunctions
        self.stimuli = stimuli
        var offsets: [Int] = []
        var next = 0
        for membrane in membranes {
            offsets.append(next)
            next += membrane.stateCount
        }
        self.offsets = offsets
        synapseOffset = next
        dimension = next + connections.count
        constantCurrents = stimuli.map { $0.isConstant ? $0.offset : nil }
        inverseCapacitances = membranes.map(\.inverseCapacitance)
        inputScales = membranes.map(\.inputScale)
    }

    /// Every neuron's breakpoints, merged.
    public var breakpoints: [Double] {
        var times = stimuli.flatMap(\.breakpoints)
        times.sort()
        var unique: [Double] = []
        for time in times where time != unique.last { unique.append(time) }
        return unique
    }

    @_specialize(exported: true, where Membrane == ChipMembrane, Synapse == ChipSynapse)
    @_specialize(exported: true, where Membrane == TargetMembrane, Synapse == TargetSynapse)
    public func evaluate(
        at time: Double, state: UnsafeBufferPointer<Double>, derivative: UnsafeMutableBufferPointer<Double>
    ) {
        withUnsafeTemporaryAllocation(of: Membrane.Probe.self, capacity: membranes.count) { probes in
            evaluate(at: time, y: state.baseAddress!, dy: derivative.baseAddress!, probes: probes.baseAddress!)
        }
    }

    /// The right-hand side with scratch room for one probe per neuron.
    @inline(__always)
    private func evaluate(
        at time: Double, y: UnsafePointer<Double>, dy: UnsafeMutablePointer<Double>,
        probes: UnsafeMutablePointer<Membrane.Probe>
    ) {
        let count = membranes.count
        // Each membrane's own currents; the net current collects in dV.
        for i in 0..<count {
            let o = offsets[i]
            let v = y[o]
            (probes + i).initialize(to: membranes[i].probe(at: v))
            let ionic = membranes[i].gatesAndCurrent(probe: probes[i], voltage: v, state: y + o, derivative: dy + o)
            let applied = (constantCurrents[i] ?? stimuli[i].value(at: time)) * inputScales[i]
            dy[o] = applied - ionic
        }
        for s in 0..<connections.count {
            let pre = connections[s].pre, post = connections[s].post
            let r = y[synapseOffset + s]
            let rates = connections[s].block.rates(pre: probes[pre], post: probes[post])
            dy[synapseOffset + s] = rates.alpha * (1 - r) - rates.beta * r
            let o = offsets[post]
            dy[o] -= connections[s].block.current(activation: r, postVoltage: y[o])
        }
        for gap in gapJunctions {
            let i = offsets[gap.neurons.0], j = offsets[gap.neurons.1]
            let flow = gap.conductance * (y[i] - y[j])
            dy[i] -= flow
            dy[j] += flow
        }
        for i in 0..<count { dy[offsets[i]] *= inverseCapacitances[i] }
        probes.deinitialize(count: count)
    }
}
