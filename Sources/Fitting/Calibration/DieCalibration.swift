import NeuroDynChip

/// Calibrates mismatched dies: given a die's deviations (measured in bring-up,
/// or drawn for a perturbed instance), re-fits its codes so that it fires like
/// the target again.
///
/// Two steps, both in ``HodgkinHuxleyFitter``:
/// 1. The fit's codes are chosen for the die (``HodgkinHuxleyFitter/die``):
///    each nominal code is divided by its register's factor, so that on this
///    die it carries the nominal current (spline codes refined against the
///    nominal rates through the die's scaled sigmoids). The time scale stays
///    the nominal fit's, so the die keeps the register file's mapping.
/// 2. A fidelity search, started from the nominal fit's compensation,
///    re-tunes it with the die in the loop: the exponents p, q, r and 10-bit
///    rounding have no register of their own, and the conductances, slow
///    rates and reversal shifts make up for them. It stops at `goal` (quick
///    protocol score) or when `budget` chip evaluations are spent. Its f-I
///    protocol is ``searchFiring``: a die's steady rates settle within a few
///    spikes of the step, so short, loose runs, ended once they have
///    settled, rank its candidates as the long ones do. It polls
///    ``polling``: a die needs a few moves from the nominal compensation,
///    and taking the first that helps reaches the goal in about 15
///    candidates where whole sweeps took about 55.
///
/// At σ = 0.15 and scl_v = 3, step 1 alone brings a fifth of the dies
/// within fidelity error 0.1; with the search (budget 150), 96.4% of 1000
/// dies, from 14.4% uncalibrated (docs/fitting.md).
///
/// Deterministic: the same fitter and factors give the same codes on every
/// run, thread count and machine.
public struct DieCalibration: Sendable {
    /// The fitter of the nominal fit, with its compensation (usually the
    /// result of ``FidelitySearch/run()``).
    public var fitter: HodgkinHuxleyFitter
    /// The most chip evaluations the search may use per die (0: step 1 only).
    public var budget: Int
    /// The search stops once its quick score is at most this (default 0.06:
    /// the quick f-I error, with its spike-count term, that still leaves a
    /// margin under the fidelity limit 0.1 of the standard measure).
    public var goal: Double
    /// What the search with the die in the loop minimises: steady rates
    /// (the default, about 0.05 s of core time a die) or the whole behaviour
    /// (``FidelitySearch/Objective/behaviour(_:_:)``, every knob; several
    /// times slower, and the die then keeps its spike timing too).
    public var objective: FidelitySearch.Objective
    /// How the search polls its moves (default ``FidelitySearch/Polling/opportunistic``;
    /// ``behaviour(fitter:budget:currentScale:)``: ``FidelitySearch/Polling/complete``).
    public var polling = FidelitySearch.Polling.opportunistic
    /// The target's measures under the search's protocols, once ``prepared()``.
    var knownTarget: FidelitySearch.TargetMeasures?
    /// The f-I protocol inside the search (before ``currentScale``); default ``standardSearchFiring``.
    public var searchFiring = DieCalibration.standardSearchFiring

    /// The f-I protocol of a die's search: the standard currents, 100 ms
    /// runs (target time) at rtol 1e-3, ended once settled
    /// (``FiringProtocol/stopsWhenSettled``), the steady rate from at least
    /// two spikes of the second half (the target's slowest firing, just
    /// above its onset, gives two or three there).
    ///
    /// Run to the end, a third of the cost of ``FidelitySearch/searchFiring``
    /// (250 ms, rtol 1e-4, three spikes), with the same yield over the first
    /// 200 dies of seed 1 at σ = 0.15 (94% with either; docs/bring-up.md);
    /// ending settled runs saves about a quarter of what is left.
    public static let standardSearchFiring: FiringProtocol = {
        var firing = FiringProtocol(
            targetDuration: 0.1, minimumSpikes: 2, relativeTolerance: 1e-3, absoluteTolerance: 1e-7)
        firing.stopsWhenSettled = true
        return firing
    }()
    /// The factor on the currents of the search's protocols
    /// (``FitTarget/currentScale``, ``TargetCurrentScale``; 1 for HH 1952).
    public var currentScale: Double

    public init(
        fitter: HodgkinHuxleyFitter, budget: Int = 150, goal: Double = 0.06, objective: FidelitySearch.Objective = .firing,
        currentScale: Double = 1
    ) {
        self.fitter = fitter
        self.budget = budget
        self.goal = goal
        self.objective = objective
        self.currentScale = currentScale
    }

    /// A calibration for behaviour: the behaviour search's objective and
    /// knobs, with the die in the loop, `budget` candidates, the protocol's
    /// currents × `currentScale`.
    public static func behaviour(fitter: HodgkinHuxleyFitter, budget: Int = 150, currentScale: Double = 1) -> DieCalibration {
        var calibration = DieCalibration(
            fitter: fitter, budget: budget, goal: 0,
            objective: .behaviour(
                FidelitySearch.quickBehaviour.scalingCurrents(by: currentScale), FidelitySearch.searchGoals),
            currentScale: currentScale)
        calibration.polling = .complete
        return calibration
    }

    /// The fit of the die with deviations `factors`: its codes, and in
    /// ``ChipFit/neuron`` the die programmed with them.
    ///
    /// Codes that the die would want past the end of their range are clamped
    /// and listed in ``ChipFit/saturated``.
    ///
    /// - Throws: ``FittingError`` for an invalid fitter, as ``HodgkinHuxleyFitter/fit()``.
    public func calibrate(_ factors: MismatchFactors) throws(FittingError) -> ChipFit {
        var base = fitter
        base.die = factors
        // The die keeps the nominal time scale, so its mapping (scl_t, current
        // gain, voltage offset) is the register file's.
        base.fixedTimeScale = try fitter.fit().timeScales.timeScale
        // A die whose current is weak can want a code past the end of its
        // range (a reversal fitted near ±1023, say): it gets the end, and the
        // search compensates.
        base.outOfRangePolicy = .saturate
        guard budget > 0 else { return try base.fit() }
        return try search(base).run().fitter.fit()
    }

    /// This calibration with the target measured once for the search, so
    /// that each die it calibrates skips that part (a population's dies
    /// share it). The result is the same. Prepare last: the measures are of
    /// the fitter's target under the protocols set now, and are not taken
    /// again when a setting changes afterwards.
    ///
    /// - Throws: ``FittingError`` when the fitter fails or the target cannot be simulated.
    public func prepared() throws(FittingError) -> DieCalibration {
        guard budget > 0, knownTarget == nil else { return self }
        var prepared = self
        prepared.knownTarget = try search(fitter).prepared().knownTarget
        return prepared
    }

    /// The search of a die whose fitter is `base`.
    private func search(_ base: HodgkinHuxleyFitter) -> FidelitySearch {
        var search = FidelitySearch(
            fitter: base, firing: searchFiring.scalingCurrents(by: currentScale), budget: budget, coarseGrid: [(1, 1, 1)])
        search.currentScale = currentScale
        if case .behaviour = objective {
            search = FidelitySearch.behaviour(fitter: base, budget: budget, currentScale: currentScale)
            search.coarseGrid = [(1, 1, 1)]
        }
        search.objective = objective
        search.polling = polling
        search.initialStep = 0.125
        search.goal = goal
        search.knownTarget = knownTarget
        return search
    }
}
