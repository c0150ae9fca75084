import NeuroDynChip

/// Chooses the fitter's compensation for fidelity: the chip's conductances
/// are scaled and its Na and K reversal potentials shifted (against its tanh),
/// and its slow rates scaled (against 10-bit rounding), so that the chip
/// programmed with the rounded codes fires like the target.
///
/// The objective is the fidelity error of the quick protocol, evaluated on the
/// chip the codes program (rounding inside the loop), plus a small term for
/// the difference in spike counts, which still moves while a chip is silent.
/// A coarse grid over the conductance factors and β_n comes first (a silent
/// chip gives a flat objective), then coordinate descent over seven factors in
/// log space and the two reversal shifts (first steps of 25 mV), halving the
/// step when a sweep finds nothing better, within an evaluation budget.
public struct FidelitySearch: Sendable {
    /// The fitter to tune (target, scl_v, biases, constants).
    public var fitter: HodgkinHuxleyFitter
    /// The protocol used inside the search (shorter and looser than the report's).
    public var firing: FiringProtocol
    /// The most chip evaluations the search may use.
    public var budget: Int
    /// The starting grid: (g_Na factor, g_K factor, β_n factor) triples.
    public var coarseGrid: [(sodium: Double, potassium: Double, betaN: Double)]

    /// The default grid: g_Na × {1.5, 2, 2.5, 3, 4, 5.5}, g_K × {1, 1.25, 1.5}, β_n × {1, 2}.
    public static let standardGrid: [(sodium: Double, potassium: Double, betaN: Double)] =
        [1.5, 2, 2.5, 3, 4, 5.5].flatMap { na in
            [1.0, 1.25, 1.5].flatMap { k in [1.0, 2].map { (na, k, $0) } }
        }

    /// The search stops as soon as its score is at most this (default 0: it
    /// runs until its step or budget is spent).
    public var goal = 0.0
    /// The first step of the coordinate descent (log factors; ×0.1 V for the shifts).
    public var initialStep = 0.25

    public init(
        fitter: HodgkinHuxleyFitter,
        firing: FiringProtocol = FiringProtocol(targetDuration: 0.25, relativeTolerance: 1e-4, absoluteTolerance: 1e-7),
        budget: Int = 92, coarseGrid: [(sodium: Double, potassium: Double, betaN: Double)] = standardGrid
    ) {
        self.fitter = fitter
        self.firing = firing
        self.budget = budget
        self.coarseGrid = coarseGrid
    }

    /// The factors searched, as logarithms, and the reversal shifts in units
    /// of 100 mV, all relative to the base fitter's own (so a search can start
    /// from an earlier search's result: see ``calibrating(_:for:budget:)``).
    struct Point: Sendable, Hashable {
        var values: [Double]  // ln g_Na, ln g_K, ln g_L, ln α_h, ln β_h, ln α_n, ln β_n, ΔE_Na, ΔE_K

        func fitter(from base: HodgkinHuxleyFitter) -> HodgkinHuxleyFitter {
            var fitter = base
            let f = values.map { Double.exp($0) }
            let g = base.conductanceFactors, r = base.rateFactors, e = base.reversalShifts
            fitter.conductanceFactors = PerChannel(sodium: g.sodium * f[0], potassium: g.potassium * f[1], leak: g.leak * f[2])
            fitter.rateFactors = PerGate(
                m: r.m, h: PerRate(alpha: r.h.alpha * f[3], beta: r.h.beta * f[4]),
                n: PerRate(alpha: r.n.alpha * f[5], beta: r.n.beta * f[6]))
            fitter.reversalShifts = PerChannel(
                sodium: e.sodium + values[7] * 0.1, potassium: e.potassium + values[8] * 0.1, leak: e.leak)
            return fitter
        }
    }

    /// The tuned fitter and its score (quick-protocol objective).
    ///
    /// Postcondition: the score returned is the smallest seen, so never above
    /// the best grid point's.
    public func run() throws(FittingError) -> (fitter: HodgkinHuxleyFitter, score: Double) {
        let (searchFiring, targetRates, targetSpikes) = try targetFiring(try fitter.scaledTarget())
        let base = fitter
        let objective: @Sendable (Point) -> Double = { point in
            Self.score(point.fitter(from: base), firing: searchFiring, targetRates: targetRates, targetSpikes: targetSpikes)
        }
        var used = 0
        func evaluate(_ points: [Point]) -> [Double] {
            used += points.count
            return ParallelMap.map(count: points.count) { objective(points[$0]) }
        }
        // Coarse grid: conductance factors and β_n, where silence hides everything else.
        let grid = (coarseGrid.isEmpty ? [(1.0, 1.0, 1.0)] : coarseGrid).map { na, k, nb in
            Point(values: [Double.log(na), Double.log(k), 0, 0, 0, 0, Double.log(nb), 0, 0])
        }
        let gridScores = evaluate(grid)
        var bestIndex = 0
        for k in gridScores.indices where gridScores[k] < gridScores[bestIndex] { bestIndex = k }
        var best = grid[bestIndex], bestScore = gridScores[bestIndex]
        // Coordinate descent in log space; a sweep's moves run in parallel.
        var step = initialStep
        while used < budget && step > 0.02 && bestScore > goal {
            var moves: [Point] = []
            for coordinate in best.values.indices {
                for sign in [-1.0, 1.0] {
                    var moved = best
                    moved.values[coordinate] += sign * step
                    moves.append(moved)
                }
            }
            let scores = evaluate(moves)
            var improved = false
            for k in scores.indices where scores[k] < bestScore {
                best = moves[k]
                bestScore = scores[k]
                improved = true
            }
            if !improved { step /= 2 }
        }
        return (best.fitter(from: base), bestScore)
    }

    /// The protocol of the search and the target's rates and spike counts under
    /// it, in target time. The onset of firing matters most and falls between
    /// grid currents, so the target's rheobase is located once and currents
    /// just around it join the protocol.
    private func targetFiring(
        _ target: HodgkinHuxleyModel
    ) throws(FittingError) -> (FiringProtocol, rates: [Double], spikes: [Int]) {
        do {
            var firing = self.firing
            let probeFiring = firing
            let probe = try ParallelMap.map(count: probeFiring.currents.count) { (k) throws(NeuroDynError) in
                try FiringRates.target(target, current: probeFiring.currents[k], protocol: probeFiring)
            }
            let locator = FidelityEvaluator(firing: probeFiring, rheobaseResolution: 0.05)
            if let onset = try locator.rheobase(rates: probe, rate: { (current) throws(NeuroDynError) in
                try FiringRates.target(target, current: current, protocol: probeFiring)
            }), onset > 0 {
                firing.currents += [0.9 * onset, 1.1 * onset, 1.25 * onset]
            }
            let searchFiring = firing
            let runs = try ParallelMap.map(count: searchFiring.currents.count) { (k) throws(NeuroDynError) in
                try FiringRates.targetRun(target, current: searchFiring.currents[k], protocol: searchFiring)
            }
            return (searchFiring, runs.map(\.rate), runs.map(\.spikes))
        } catch {
            throw .invalidTarget("the target cannot be simulated: \(error.description)")
        }
    }

    /// The objective of one fitter: quick fidelity error of the chip its codes
    /// program, plus 0.02 × the relative difference in total spike counts;
    /// ∞ when the fit fails (codes out of range).
    static func score(
        _ fitter: HodgkinHuxleyFitter, firing: FiringProtocol, targetRates: [Double], targetSpikes: [Int]
    ) -> Double {
        guard let fit = try? fitter.fit() else { return .infinity }
        let mapping = fit.registerFile.mapping!
        var difference = 0.0
        var chipSpikes = 0
        for (k, current) in firing.currents.enumerated() {
            guard let run = try? FiringRates.chipRun(fit.neuron, mapping: mapping, current: current, protocol: firing)
            else { return .infinity }
            difference += abs(run.rate / fit.speedUp - targetRates[k])
            chipSpikes += run.spikes
        }
        let peak = max(targetRates.max() ?? 1, 1e-9)
        let spikes = Double(targetSpikes.reduce(0, +))
        return difference / Double(targetRates.count) / peak + 0.02 * abs(Double(chipSpikes) - spikes) / max(spikes, 1)
    }
}
