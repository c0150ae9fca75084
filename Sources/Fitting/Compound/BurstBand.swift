import NeuroDynChip

/// The currents around a design current at which a compound target bursts
/// with the design current's spikes per burst: the span the chip's bursts
/// are matched over.
///
/// Found by stepping away from the design current, `step` µA/cm² at a time
/// and no further than `reach`, until the target no longer bursts with the
/// same spike counts (every burst) or the reach ends. Each step is one
/// simulation of the target.
struct BurstBand: Sendable {
    /// The lowest and highest current of the band, µA/cm² (total).
    let currents: ClosedRange<Double>
    /// The target's bursts at the band's inner edges (each one step inside
    /// the band, when that lies on the far side of the design current from
    /// the edge): the currents the burst search matches besides the design
    /// current. Lower edge first.
    let innerEdges: [BurstReference]

    init(around design: BurstReference, target: CompoundTarget, step: Double, reach: Double) {
        let wanted = Set(design.bursts.spikesPerBurst)
        var found: [Int: BurstReference] = [:]
        func holds(_ k: Int) -> Bool {
            let current = design.current + Double(k) * step
            guard let reference = try? BurstReference(
                target: target, current: current, duration: design.duration, settling: design.settling),
                Set(reference.bursts.spikesPerBurst) == wanted
            else { return false }
            found[k] = reference
            return true
        }
        let steps = Int((reach / step + 1e-9).rounded(.down))
        var low = 0, high = 0
        while low > -steps && holds(low - 1) { low -= 1 }
        while high < steps && holds(high + 1) { high += 1 }
        currents = (design.current + Double(low) * step)...(design.current + Double(high) * step)
        // One step inside each edge, on that edge's side of the design current.
        innerEdges = [low + 1 < 0 ? low + 1 : nil, high - 1 > 0 ? high - 1 : nil].compactMap { $0.flatMap { found[$0] } }
    }
}
