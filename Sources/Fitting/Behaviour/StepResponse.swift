import RealModule

/// The response of a resting neuron to a small current step, relative to its
/// resting potential: the steady and peak deflections, the rise time, and
/// whether it fired.
///
/// Rise time: from the step to the first time the deflection reaches
/// 1 − 1/e of its peak (the time constant of an exponential rise).
/// Units are the caller's (target units in a ``BehaviourReport``).
public struct StepResponse: Sendable, Hashable, Codable {
    /// V at the end of the run minus rest.
    public var steadyDeflection: Double
    /// The largest V minus rest.
    public var peakDeflection: Double
    /// Time from the step to 1 − 1/e of the peak deflection.
    public var riseTime: Double
    /// Threshold crossings during the step.
    public var spikes: Int

    public init(steadyDeflection: Double, peakDeflection: Double, riseTime: Double, spikes: Int) {
        self.steadyDeflection = steadyDeflection
        self.peakDeflection = peakDeflection
        self.riseTime = riseTime
        self.spikes = spikes
    }

    /// The response in samples of V taken from the step (at `stepTime`) on.
    ///
    /// - Returns: nil with fewer than two samples, or a peak deflection ≤ 0.
    public static func measure(
        times: [Double], voltages: [Double], rest: Double, stepTime: Double, spikes: Int
    ) -> StepResponse? {
        precondition(times.count == voltages.count, "one voltage per sample time")
        let after = times.indices.filter { times[$0] >= stepTime }
        guard after.count >= 2, let last = after.last else { return nil }
        let peak = after.map { voltages[$0] - rest }.max()!
        guard peak > 0 else { return nil }
        let level = (1 - Double.exp(-1)) * peak
        var rise = times[last] - stepTime
        for (a, b) in zip(after, after.dropFirst()) where voltages[b] - rest >= level {
            let va = voltages[a] - rest, vb = voltages[b] - rest
            let fraction = vb == va ? 0 : (level - va) / (vb - va)
            rise = times[a] + max(0, fraction) * (times[b] - times[a]) - stepTime
            break
        }
        return StepResponse(
            steadyDeflection: voltages[last] - rest, peakDeflection: peak, riseTime: rise, spikes: spikes)
    }
}
