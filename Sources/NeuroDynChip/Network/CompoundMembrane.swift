/// Several neurons short-circuited onto one membrane: one voltage, the
/// capacitances added, each part keeping its own gates and currents. A model
/// with more currents than one neuron holds (a burster's slow Ca and K-Ca
/// played by a second neuron's "Na" and "K") is built this way.
///
/// State slice `[V, gates of part 0, gates of part 1, …]`: part k's gates
/// follow part k − 1's, each part's in its own order (`m, h, n` for a chip or
/// HH neuron). The applied current is the total into the shared membrane, in
/// the parts' units, so every part must take its input with the same scale.
public struct CompoundMembrane<Part: MembraneBlock>: MembraneBlock {
    /// The parts, in state order.
    public let parts: [Part]
    /// Where each part's slice would start if its V were the shared one:
    /// part k's gates are at `gateOffsets[k] + 1 ..< gateOffsets[k] + stateCount`.
    let gateOffsets: [Int]
    public let stateCount: Int
    public let inverseCapacitance: Double
    public let inputScale: Double

    /// - Throws: ``NeuroDynError/invalidNetwork(key:reason:)`` for no part, or
    ///   parts whose applied currents do not share one scale (a scaled target
    ///   beside one with another scl_v · scl_t: one current cannot stand for both).
    public init(_ parts: [Part]) throws(NeuroDynError) {
        guard let first = parts.first else {
            throw .invalidNetwork(key: "compound_neurons", reason: "a compound neuron needs at least one part")
        }
        for part in parts where part.inputScale != first.inputScale {
            throw .invalidNetwork(
                key: "compound_neurons",
                reason: "its parts take applied current with different scales (\(first.inputScale) and \(part.inputScale))")
        }
        self.parts = parts
        var offsets: [Int] = []
        var next = 0
        for part in parts {
            offsets.append(next)
            next += part.stateCount - 1
        }
        gateOffsets = offsets
        stateCount = next + 1
        inverseCapacitance = 1 / parts.map { 1 / $0.inverseCapacitance }.reduce(0, +)
        inputScale = first.inputScale
    }

    /// The first part's probe: what a synapse from this neuron reads.
    public func probe(at voltage: Double) -> Part.Probe { parts[0].probe(at: voltage) }

    /// Each part writes its gates' derivatives into its own stretch of the
    /// slice, probed at the shared voltage; the currents add.
    public func gatesAndCurrent(
        probe: Part.Probe, voltage: Double, state: UnsafePointer<Double>, derivative: UnsafeMutablePointer<Double>
    ) -> Double {
        var current = parts[0].gatesAndCurrent(probe: probe, voltage: voltage, state: state, derivative: derivative)
        for k in 1..<parts.count {
            // The part reads its gates at [1 ..< stateCount] of the pointer
            // it is given and never V (it takes `voltage`), so it is handed
            // a pointer that many places earlier.
            let offset = gateOffsets[k]
            current += parts[k].gatesAndCurrent(
                probe: parts[k].probe(at: voltage), voltage: voltage, state: state + offset,
                derivative: derivative + offset)
        }
        return current
    }
}
