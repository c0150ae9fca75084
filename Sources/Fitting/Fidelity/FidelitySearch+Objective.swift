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
    }

    /// The objective of one fitter; ∞ when the fit fails (codes out of range)
    /// or the chip cannot be simulated.
    static func score(
        _ fitter: HodgkinHuxleyFitter, objective: Objective, target: TargetMeasures
    ) -> Double {
        guard let fit = try? fitter.fit() else { return .infinity }
        guard let firing = firingScore(fit, target: target) else { return .infinity }
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
    static func firingScore(_ fit: ChipFit, target: TargetMeasures) -> (error: Double, spikeDifference: Double)? {
        var difference = 0.0
        var chipSpikes = 0
        for (k, current) in target.firing.currents.enumerated() {
            guard let run = try? FiringRates.chipRun(fit.neuron, mapping: fit.mapping, current: current, protocol: target.firing)
            else { return nil }
            difference += abs(run.rate / fit.speedUp - target.rates[k])
            chipSpikes += run.spikes
        }
        let peak = max(target.rates.max() ?? 1, 1e-9)
        let spikes = Double(target.spikes.reduce(0, +))
        return (difference / Double(target.rates.count) / peak, abs(Double(chipSpikes) - spikes) / max(spikes, 1))
    }
}
