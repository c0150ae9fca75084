/// A current given by samples (t_k, I_k) and joined by straight lines.
///
/// Times are strictly increasing; before the first sample and after the last
/// the waveform holds the end value. Units are the caller's (seconds and
/// amperes on a chip, A/cm² for a target); ``Stimulus/scaled(current:time:)``
/// converts between them.
///
/// Every sample time is a kink of the current, so every one is a breakpoint
/// that the adaptive solver lands on.
public struct PiecewiseLinearWaveform: Sendable, Hashable {
    /// Sample times, strictly increasing.
    public let times: [Double]
    /// The current at each sample time.
    public let values: [Double]

    /// A waveform through the given samples.
    ///
    /// - Throws: ``NeuroDynError/invalidStimulus(_:)`` for no samples, counts
    ///   that differ, a non-finite time or value, or times that do not increase
    ///   strictly (the message names the first offending sample).
    public init(times: [Double], values: [Double]) throws(NeuroDynError) {
        guard !times.isEmpty else { throw .invalidStimulus("a waveform needs at least one sample") }
        guard times.count == values.count else {
            throw .invalidStimulus("a waveform has \(times.count) times but \(values.count) values")
        }
        for k in times.indices {
            guard times[k].isFinite else { throw .invalidStimulus("waveform sample \(k + 1): time \(times[k]) is not finite") }
            guard values[k].isFinite else {
                throw .invalidStimulus("waveform sample \(k + 1): current \(values[k]) is not finite")
            }
            if k > 0 && !(times[k] > times[k - 1]) {
                throw .invalidStimulus(
                    "waveform sample \(k + 1): time \(times[k]) does not come after \(times[k - 1])")
            }
        }
        self.times = times
        self.values = values
    }

    /// The current at `time`: linear between the samples around it, the end
    /// value outside them.
    @inline(__always)
    public func value(at time: Double) -> Double {
        let last = times.count - 1
        if time <= times[0] { return values[0] }
        if time >= times[last] { return values[last] }
        // The last sample at or before `time`: times[low] ≤ time < times[low + 1].
        var low = 0, high = last
        while high - low > 1 {
            let middle = (low + high) / 2
            if times[middle] <= time { low = middle } else { high = middle }
        }
        let fraction = (time - times[low]) / (times[low + 1] - times[low])
        return values[low] + fraction * (values[low + 1] - values[low])
    }

    /// The waveform with every time multiplied by `time` and every current by `current`.
    ///
    /// - Throws: ``NeuroDynError/invalidStimulus(_:)`` when a scaled value
    ///   overflows or two times round to one.
    func scaled(current: Double, time: Double) throws(NeuroDynError) -> PiecewiseLinearWaveform {
        try PiecewiseLinearWaveform(times: times.map { $0 * time }, values: values.map { $0 * current })
    }
}
