/// The rules every network's wiring follows, checked in one place for chip
/// networks, target networks, their equations and register files.
enum NetworkTopology {
    /// A rule broken: the key it concerns (`synapses[3].pre`) and why.
    struct Problem: Sendable, Hashable {
        let key: String
        let reason: String
    }

    /// The first rule the wiring breaks, or nil: every synapse joins two
    /// distinct existing neurons (of the same board of four when
    /// `synapsesStayOnBoards`), no (pre, post) pair twice; every gap junction
    /// joins existing neurons, no pair twice (listed both ways with different
    /// conductances it is asymmetric).
    static func firstProblem(
        neuronCount: Int, synapses: [(pre: Int, post: Int)], gapJunctions: [GapJunction],
        synapsesStayOnBoards: Bool = false
    ) -> Problem? {
        let neurons = 0..<neuronCount
        var pairs: [[Int]: Int] = [:]
        for (s, synapse) in synapses.enumerated() {
            for (role, index) in [("pre", synapse.pre), ("post", synapse.post)] where !neurons.contains(index) {
                return Problem(key: "synapses[\(s)].\(role)", reason: "neuron \(index) does not exist (the network has \(neuronCount))")
            }
            guard synapse.pre != synapse.post else {
                return Problem(key: "synapses[\(s)]", reason: "joins neuron \(synapse.pre) to itself")
            }
            if synapsesStayOnBoards && synapse.pre / 4 != synapse.post / 4 {
                return Problem(
                    key: "synapses[\(s)]",
                    reason: "joins neurons \(synapse.pre) and \(synapse.post) of different boards (synapses stay inside a board of 4)")
            }
            if let earlier = pairs.updateValue(s, forKey: [synapse.pre, synapse.post]) {
                return Problem(
                    key: "synapses[\(s)]",
                    reason: "repeats the pair (pre, post) = (\(synapse.pre), \(synapse.post)) of synapses[\(earlier)]")
            }
        }
        var junctions: [[Int]: (index: Int, conductance: Double)] = [:]
        for (k, gap) in gapJunctions.enumerated() {
            let (i, j) = gap.neurons
            for index in [i, j] where !neurons.contains(index) {
                return Problem(key: "gap_junctions[\(k)].neurons", reason: "neuron \(index) does not exist (the network has \(neuronCount))")
            }
            let key = [min(i, j), max(i, j)]
            if let earlier = junctions[key] {
                let reason = earlier.conductance == gap.conductance
                    ? "repeats the pair \(key) of gap_junctions[\(earlier.index)]"
                    : "is asymmetric: the pair \(key) has \(earlier.conductance) S in gap_junctions[\(earlier.index)] and \(gap.conductance) S here"
                return Problem(key: "gap_junctions[\(k)]", reason: reason)
            }
            junctions[key] = (k, gap.conductance)
        }
        return nil
    }

    /// ``firstProblem(neuronCount:synapses:gapJunctions:synapsesStayOnBoards:)`` as a thrown error.
    static func check(
        neuronCount: Int, synapses: [(pre: Int, post: Int)], gapJunctions: [GapJunction]
    ) throws(NeuroDynError) {
        guard neuronCount > 0 else { throw .wrongCount(name: "neurons", expected: 1, actual: 0) }
        if let problem = firstProblem(neuronCount: neuronCount, synapses: synapses, gapJunctions: gapJunctions) {
            throw .invalidNetwork(key: problem.key, reason: problem.reason)
        }
    }
}
