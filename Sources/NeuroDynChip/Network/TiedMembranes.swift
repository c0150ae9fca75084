/// The membranes of one compound neuron and how they are tied: by a short
/// circuit into one membrane (state `[V, gates of each membrane]`), or each
/// on its own, joined to the first by gap junctions of one conductance
/// (state `[V, gates]` of each membrane in turn). The applied current goes
/// into the first membrane, whose voltage and spikes are the compound's.
/// Chip neurons (``CompoundChip``) and targets (``CompoundTarget``) both run
/// through it.
struct TiedMembranes<Membrane: MembraneBlock>: Sendable {
    let membranes: [Membrane]
    /// The gap junctions' conductance (in the membranes' units); nil for a short circuit.
    let junction: Double?

    /// Where the membrane voltages are in the state (the first is the compound's).
    var voltageIndices: [Int] {
        guard junction != nil else { return [0] }
        var indices: [Int] = [], next = 0
        for membrane in membranes {
            indices.append(next)
            next += membrane.stateCount
        }
        return indices
    }

    /// The state with membrane k at `voltages[k]` (the first alone for a
    /// short circuit) and every membrane's gates at `gates`.
    func initialState(voltages: [Double], gates: [Double]) -> [Double] {
        junction == nil
            ? [voltages[0]] + membranes.flatMap { _ in gates }
            : zip(membranes, voltages).flatMap { [$1] + gates }
    }

    /// A run under `stimulus` for `duration` from `initialState`, spikes read on the first membrane.
    func simulate<Synapse: SynapseBlock>(
        _ synapse: Synapse.Type, stimulus: Stimulus, duration: Double, initialState: [Double], options: SolverOptions,
        progress: ((Double) -> Void)? = nil
    ) throws(NeuroDynError) -> NetworkResult where Synapse.Probe == Membrane.Probe {
        guard let junction else {
            let dynamics = try NetworkDynamics<CompoundMembrane<Membrane>, Synapse>(
                membranes: [try CompoundMembrane(membranes)], connections: [], gapJunctions: [], stimuli: [stimulus])
            return try dynamics.simulate(duration: duration, initialState: initialState, options: options, progress: progress)
        }
        var junctions: [GapJunction] = []
        for k in 1..<membranes.count { junctions.append(try GapJunction(0, k, conductance: junction)) }
        let dynamics = try NetworkDynamics<Membrane, Synapse>(
            membranes: membranes, connections: [], gapJunctions: junctions,
            stimuli: [stimulus] + Array(repeating: Stimulus.constant(0), count: membranes.count - 1))
        return try dynamics.simulate(duration: duration, initialState: initialState, options: options, progress: progress)
    }
}
