/// When an adaptive run may end before its interval does, because what is
/// left of it can be told already: the solution has settled onto a periodic
/// orbit (regular threshold crossings) or onto a resting state.
///
/// - Periodic: the last ``intervals`` intervals between upward crossings of
///   the first watched component agree to within ``intervalTolerance``
///   (largest over smallest, minus one). The status is then
///   ``SolverStatus/settledPeriodic(time:period:)`` with their mean.
/// - At rest: after an accepted step, every component's rate of change,
///   times the time left in the interval, is at most its entry of
///   ``restDrift``; even drifting at that rate to the end, no component
///   would move further. The status is then ``SolverStatus/settledAtRest(time:)``.
///
/// Neither test is a proof: a slowly drifting train whose intervals agree
/// for a while, or a rest point left later through a slow instability, is
/// taken for settled. Use it where a run's ending only needs to be ranked
/// (a search's quick protocol), not where it is reported.
public struct SettlingStop: Sendable, Hashable {
    /// How many successive crossing intervals must agree (≥ 1).
    public var intervals: Int
    /// Their largest relative spread, (max − min) / min (≥ 0).
    public var intervalTolerance: Double
    /// The largest drift to the end of the interval, per state component, in
    /// the component's unit (≥ 0; `nil`: the rest test is off).
    public var restDrift: [Double]?

    public init(intervals: Int = 3, intervalTolerance: Double = 0.005, restDrift: [Double]? = nil) {
        self.intervals = intervals
        self.intervalTolerance = intervalTolerance
        self.restDrift = restDrift
    }

    /// The mean of the last ``intervals`` intervals of `crossings` when they
    /// agree, else nil.
    func period(of crossings: [Double]) -> Double? {
        guard crossings.count > intervals else { return nil }
        var shortest = Double.infinity, longest = 0.0
        for k in (crossings.count - intervals)..<crossings.count {
            let interval = crossings[k] - crossings[k - 1]
            shortest = min(shortest, interval)
            longest = max(longest, interval)
        }
        guard shortest > 0, longest - shortest <= intervalTolerance * shortest else { return nil }
        return (crossings[crossings.count - 1] - crossings[crossings.count - 1 - intervals]) / Double(intervals)
    }

    /// Checks the settings against a system of `dimension` variables.
    func validate(dimension: Int) throws(NeuroDynError) {
        guard intervals >= 1 else { throw .invalidSolverOption(name: "settling intervals", value: Double(intervals)) }
        guard intervalTolerance.isFinite && intervalTolerance >= 0 else {
            throw .invalidSolverOption(name: "settling interval tolerance", value: intervalTolerance)
        }
        if let restDrift {
            guard restDrift.count == dimension else {
                throw .invalidSolverOption(name: "settling rest drift count", value: Double(restDrift.count))
            }
            if let bad = restDrift.first(where: { !($0.isFinite && $0 >= 0) }) {
                throw .invalidSolverOption(name: "settling rest drift", value: bad)
            }
        }
    }
}
