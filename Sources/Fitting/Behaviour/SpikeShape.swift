/// The shape of repetitive spikes, averaged over the spikes of a run: peak,
/// trough (the after-hyperpolarisation) and width at half amplitude.
///
/// For spike k (threshold crossing s_k) with a successor s_{k+1}: the peak is
/// the largest V on [s_k, s_{k+1}), the trough the smallest; the half level is
/// (peak + trough)/2, and the width the time between the crossings of that
/// level on either side of the peak, interpolated linearly between samples.
/// Units are the caller's (target units in a ``BehaviourReport``).
public struct SpikeShape: Sendable, Hashable, Codable {
    /// Mean peak voltage.
    public var peak: Double
    /// Mean trough voltage after the spike.
    public var trough: Double
    /// Mean width at half amplitude.
    public var width: Double
    /// The number of spikes averaged.
    public var count: Int

    public init(peak: Double, trough: Double, width: Double, count: Int) {
        self.peak = peak
        self.trough = trough
        self.width = width
        self.count = count
    }

    /// The mean shape of the spikes of a sampled run that cross threshold at
    /// or after `start`; nil when fewer than two such spikes (with their
    /// successor) are sampled.
    ///
    /// - Parameters:
    ///   - times: increasing sample times; `voltages`: V at each.
    ///   - spikeTimes: the run's threshold crossings, increasing.
    public static func measure(
        times: [Double], voltages: [Double], spikeTimes: [Double], start: Double
    ) -> SpikeShape? {
        precondition(times.count == voltages.count, "one voltage per sample time")
        var peaks = 0.0, troughs = 0.0, widths = 0.0, count = 0
        var lower = 0
        for (k, spike) in spikeTimes.enumerated() where spike >= start && k + 1 < spikeTimes.count {
            let next = spikeTimes[k + 1]
            while lower < times.count && times[lower] < spike { lower += 1 }
            var upper = lower
            while upper < times.count && times[upper] < next { upper += 1 }
            guard upper - lower >= 3, upper < times.count else { continue }
            let window = lower..<upper
            let peakIndex = window.max { voltages[$0] < voltages[$1] }!
            let peak = voltages[peakIndex]
            let trough = window.map { voltages[$0] }.min()!
            let half = (peak + trough) / 2
            // Rise: walk back from the peak to the last sample below half.
            var rise = peakIndex
            while rise > 0 && voltages[rise - 1] >= half { rise -= 1 }
            var fall = peakIndex
            while fall + 1 < upper && voltages[fall + 1] >= half { fall += 1 }
            guard rise > 0, fall + 1 < upper else { continue }
            let up = crossing(times, voltages, rise - 1, rise, level: half)
            let down = crossing(times, voltages, fall, fall + 1, level: half)
            peaks += peak
            troughs += trough
            widths += down - up
            count += 1
        }
        guard count >= 2 else { return nil }
        let n = Double(count)
        return SpikeShape(peak: peaks / n, trough: troughs / n, width: widths / n, count: count)
    }

    /// The time where V crosses `level` between samples i and j, linearly.
    private static func crossing(_ times: [Double], _ voltages: [Double], _ i: Int, _ j: Int, level: Double) -> Double {
        let dv = voltages[j] - voltages[i]
        guard dv != 0 else { return times[i] }
        return times[i] + (level - voltages[i]) / dv * (times[j] - times[i])
    }
}
