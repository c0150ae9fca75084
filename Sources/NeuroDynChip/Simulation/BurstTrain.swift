/// The bursts of a spike train and their measures: period, spikes per burst,
/// intra-burst rate, duty cycle.
///
/// **Detection.** A burst is a run of spikes whose intervals are all at most
/// the train's threshold; a longer interval ends it. The threshold is the
/// geometric mean of the shortest and the longest inter-spike interval,
/// √(ISI_min · ISI_max): the middle, on a log scale, of a bursting train's
/// two clusters (spikes within a burst, the silences between bursts),
/// whatever the time unit. A train whose longest interval is less than
/// ``minimumContrast`` times its shortest is tonic and has no bursts (nor
/// has a train of fewer than three spikes).
///
/// **Edges.** Spikes before `start` (an initial transient) are left out; the
/// last burst is dropped when the run ends within one threshold of its last
/// spike (it may not be over), and the first when a spike before `start`
/// lies within one threshold of it (it began before).
public struct BurstTrain: Sendable, Hashable {
    /// One burst: its spike times (increasing, at least one).
    public struct Burst: Sendable, Hashable {
        public let spikes: [Double]

        public var start: Double { spikes[0] }
        public var end: Double { spikes[spikes.count - 1] }
        /// Last spike minus first (0 for a single spike).
        public var duration: Double { end - start }
        /// (count − 1) / duration; nil for a single spike.
        public var rate: Double? { spikes.count > 1 && duration > 0 ? Double(spikes.count - 1) / duration : nil }
    }

    /// The complete bursts, in order.
    public let bursts: [Burst]
    /// The spikes from `start` on, in bursts or not.
    public let spikeCount: Int
    /// The interval (same unit as the spike times) above which a burst ends;
    /// nil for a tonic train.
    public let threshold: Double?

    /// The longest interval must be at least this many times the shortest
    /// for a train to burst.
    public static let minimumContrast = 3.0

    /// - Parameters:
    ///   - spikeTimes: increasing spike times.
    ///   - start: spikes before it are left out (a transient).
    ///   - end: the end of the run.
    public init(spikeTimes: [Double], start: Double = 0, end: Double) {
        let spikes = spikeTimes.filter { $0 >= start }
        spikeCount = spikes.count
        let intervals = zip(spikes.dropFirst(), spikes).map { $0 - $1 }
        guard spikes.count >= 3, let shortest = intervals.min(), let longest = intervals.max(), shortest > 0,
            longest >= Self.minimumContrast * shortest
        else {
            bursts = []
            threshold = nil
            return
        }
        let threshold = (shortest * longest).squareRoot()
        var groups: [[Double]] = [[spikes[0]]]
        for (spike, interval) in zip(spikes.dropFirst(), intervals) {
            if interval > threshold { groups.append([spike]) } else { groups[groups.count - 1].append(spike) }
        }
        if let last = groups.last?.last, end - last < threshold { groups.removeLast() }
        if let first = groups.first?.first, let before = spikeTimes.last(where: { $0 < start }), first - before <= threshold {
            groups.removeFirst()
        }
        bursts = groups.map(Burst.init)
        self.threshold = threshold
    }

    /// Whether the train bursts: at least two complete bursts of two or more spikes.
    public var isBursting: Bool { bursts.filter { $0.spikes.count >= 2 }.count >= 2 }

    /// The spike count of each burst.
    public var spikesPerBurst: [Int] { bursts.map(\.spikes.count) }

    /// The mean interval between the starts of consecutive bursts; nil with fewer than two.
    public var period: Double? {
        guard bursts.count >= 2 else { return nil }
        return (bursts[bursts.count - 1].start - bursts[0].start) / Double(bursts.count - 1)
    }

    /// The mean over bursts of (count − 1) / duration; nil when no burst has two spikes.
    public var intraBurstRate: Double? {
        let rates = bursts.compactMap(\.rate)
        return rates.isEmpty ? nil : rates.reduce(0, +) / Double(rates.count)
    }

    /// The mean burst duration over the period (0…1); nil without a period.
    public var dutyCycle: Double? {
        guard let period, period > 0 else { return nil }
        return bursts.map(\.duration).reduce(0, +) / Double(bursts.count) / period
    }
}
