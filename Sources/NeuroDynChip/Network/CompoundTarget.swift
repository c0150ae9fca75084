/// A compound target: HH-type models short-circuited onto one membrane
/// (``CompoundMembrane`` of ``TargetMembrane``s), in the models' own units
/// (biological: mV, ms, µA/cm², the current being the total into the shared
/// membrane).
public struct CompoundTarget: Sendable, Hashable {
    /// The parts, in state order: `[V, m, h, n of part 0, m, h, n of part 1, …]`.
    public let parts: [HodgkinHuxleyModel]

    /// - Throws: ``NeuroDynError/invalidNetwork(key:reason:)`` for no part or
    ///   parts in different units or scalings.
    public init(parts: [HodgkinHuxleyModel]) throws(NeuroDynError) {
        _ = try CompoundMembrane(parts.map(TargetMembrane.init))
        self.parts = parts
    }

    /// The published bursting pair: HH and ``HodgkinHuxleyModel/burstingPairSlowPart``.
    public static let burstingPair = CompoundTarget(unchecked: [.standard, .burstingPairSlowPart])

    private init(unchecked parts: [HodgkinHuxleyModel]) { self.parts = parts }

    /// The number of state variables: 1 + 3 per part.
    public var stateCount: Int { 1 + 3 * parts.count }

    /// A run from the models' origin (their rest) with every gate at 0, the
    /// published start of the bursting pair, under `stimulus` for `duration`
    /// (model units). Spikes are upward crossings of `spikeThreshold` above
    /// the origin (50 mV by default), read on the first part.
    ///
    /// With `gapJunction` (a conductance in the models' unit, mS/cm²) the
    /// parts keep their own membranes, joined to the first by gap junctions,
    /// and the current goes into the first: as the conductance grows the run
    /// tends to the short circuit's. The trace then holds every part's
    /// `[V, m, h, n]` in turn.
    ///
    /// - Throws: ``NeuroDynError`` for a bad duration, stimulus, tolerance or conductance.
    public func simulate(
        _ stimulus: Stimulus, duration: Double, samples: [Double]? = nil, relativeTolerance: Double = 1e-7,
        spikeThreshold: Double = 50, gapJunction: Double? = nil
    ) throws(NeuroDynError) -> NetworkResult {
        let origin = parts[0].voltageOrigin
        let options = SolverOptions(
            relativeTolerance: relativeTolerance, absoluteTolerance: 1e-9,
            trace: samples.map { .times($0) } ?? .none, spikeThreshold: origin + spikeThreshold)
        let tied = TiedMembranes(membranes: parts.map(TargetMembrane.init), junction: gapJunction)
        return try tied.simulate(
            TargetSynapse.self, stimulus: stimulus, duration: duration,
            initialState: tied.initialState(voltages: parts.map(\.voltageOrigin), gates: [0, 0, 0]), options: options)
    }

    /// The total ionic current (model units, outward positive) at voltage
    /// `v` with every gate at its steady state except those given in
    /// `held` (part index, gate) → value.
    public func steadyCurrent(at v: Double, held: [PartGate: Double] = [:]) -> Double {
        var total = 0.0
        for (k, model) in parts.enumerated() {
            func gate(_ g: Gate) -> Double { held[PartGate(part: k, gate: g)] ?? model.steadyState(of: g, at: v) }
            let m = gate(.m), h = gate(.h), n = gate(.n)
            let e = model.reversalPotentials, g = model.conductances
            total += g.sodium * m * m * m * h * (v - e.sodium) + g.potassium * n * n * n * n * (v - e.potassium)
                + g.leak * (v - e.leak)
        }
        return total
    }
}

/// One gate of one part of a compound neuron.
public struct PartGate: Sendable, Hashable {
    public var part: Int
    public var gate: Gate
    public init(part: Int, gate: Gate) {
        self.part = part
        self.gate = gate
    }
}
