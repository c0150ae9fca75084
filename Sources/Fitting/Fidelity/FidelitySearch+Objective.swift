import NeuroDynChip

extension FidelitySearch {
    /// What the search minimises, on the chip the rounded codes program.
    public enum Objective: Sendable, Hashable {
        /// Steady rates only: the quick f-I error plus 0.02 × the relative
        /// difference in total spike counts (which still moves while a chip
        /// is silent). Cheap; calibration of a population uses it.
        case firing
        /// Behaviour: Σ s² over the scores s of ``BehaviourGoals`` on a quick
        /// ``BehaviourProtocol`` (each capped at ``BehaviourGoals/missingScore``),
        /// plus the squared quick f-I error over its limit. Spike timing,
        /// shape, rest, the small step and latencies steer the search.
        case behaviour(BehaviourProtocol, BehaviourGoals)
    }

    /// The quick behaviour protocol of the search: the six noise settings for
    /// 200 ms each, sampled every 1 ms (τ/2) and seeded 101…106 (not the report's
    /// seeds, so the fit is not tuned to the noise it is judged on); shorter
    /// shape (80 ms), rest (100 ms), step (50 ms) and latency (30 ms) runs.
    public static let quickBehaviour = BehaviourProtocol(
        noise: BehaviourProtocol.standardNoise(seed: 101), noiseDuration: 0.2, noiseSampleInterval: 1e-3,
        shapeDuration: 0.08, shapeStart: 0.02, restDuration: 0.1, stepDuration: 0.05, latencyDuration: 0.03,
        relativeTolerance: 1e-4, absoluteTolerance: 1e-7)

    /// The target's side of the objective, measured once per search.
    struct TargetMeasures: Sendable {
        /// The f-I protocol of the search (with currents around the target's rheobase).
        let firing: FiringProtocol
        let rates: [Double]
        let spikes: [Int]
        /// The target's behaviour under the objective's protocol, if it has one.
        let behaviour: NeuronBehaviour?

        /// The least score, under the firing objective, of a chip that fires
        /// steadily at none of the currents: its f-I error alone (∞ under the
        /// behaviour objective).
        func silentScore(_ objective: Objective) -> Double {
            guard case .firing = objective else { return .infinity }
            return rates.reduce(0, +) / Double(rates.count) / peakRate
        }

        /// The target's largest rate, what f-I errors are relative to (at
        /// least 1e-9 Hz, so a silent target divides by no zero).
        var peakRate: Double { max(rates.max() ?? 1, 1e-9) }

        /// The order the chip's currents run in: fastest target rate first
        /// (ties: protocol order).
        var runOrder: [Int] {
            rates.indices.sorted { rates[$0] > rates[$1] || (rates[$0] == rates[$1] && $0 < $1) }
        }
    }

    /// The objective of one fitter; ∞ when the fit fails (codes out of range)
    /// or the chip cannot be simulated.
    ///
    /// With the firing objective, a candidate whose f-I error alone already
    /// exceeds `bound` is abandoned: it returns a value above `bound` (a
    /// lower bound of its score) without running its other currents. A
    /// search that only keeps candidates scoring below `bound` decides as it
    /// would with every score complete.
    static func score(
        _ fitter: HodgkinHuxleyFitter, objective: Objective, target: TargetMeasures, bound: Double = .infinity
    ) -> Double {
        guard let fit = try? fitter.fit() else { return .infinity }
        let firingBound: Double
        if case .firing = objective { firingBound = bound } else { firingBound = .infinity }
        guard let firing = firingScore(fit, target: target, bound: firingBound) else { return .infinity }
        guard case let .behaviour(behaviour, goals) = objective, let targetBehaviour = target.behaviour else {
            return firing.error + 0.02 * firing.spikeDifference
        }
        guard let chip = try? NeuronBehaviour.measure(.chip(fit.neuron, fit.mapping), protocol: behaviour) else {
            return .infinity
        }
        let report = BehaviourReport(protocol: behaviour, target: targetBehaviour, chip: chip, firing: nil)
        let cap = BehaviourGoals.missingScore
        let behaviourTerm = goals.assess(report).reduce(0) { $0 + min($1.score, cap) * min($1.score, cap) }
        let firingTerm = min(firing.error / goals.firingErrorLimit, cap)
        let total = behaviourTerm + firingTerm * firingTerm
        return total.isNaN ? .infinity : total
    }

    /// The quick f-I error of a fit (mean |f_chip − f_target| over the largest
    /// target rate) and the relative difference in total spike counts.
    ///
    /// The currents run in ``TargetMeasures/runOrder`` (fastest target
    /// rates first, where a poor candidate differs most). Once the error of
    /// those run exceeds `bound`, the rest are skipped and that partial
    /// error (a lower bound of the whole) is returned with no spike term.
    /// The differences are summed in the protocol's order, so a complete
    /// score does not depend on the run order.
    static func firingScore(
        _ fit: ChipFit, target: TargetMeasures, bound: Double = .infinity
    ) -> (error: Double, spikeDifference: Double)? {
        let count = target.rates.count
        let peak = target.peakRate
        var differences = [Double](repeating: 0, count: count)
        var partial = 0.0
        var chipSpikes = 0
        for k in target.runOrder {
            guard let run = try? FiringRates.chipRun(
                fit.neuron, mapping: fit.mapping, current: target.firing.currents[k], protocol: target.firing)
            else { return nil }
            differences[k] = abs(run.rate / fit.speedUp - target.rates[k])
            chipSpikes += run.spikes
            partial += differences[k]
            if partial / Double(count) / peak > bound { return (partial / Double(count) / peak, 0) }
        }
        let difference = differences.reduce(0, +)
        let spikes = Double(target.spikes.reduce(0, +))
        return (difference / Double(count) / peak, abs(Double(chipSpikes) - spikes) / max(spikes, 1))
    }
}
