/// Firing rates from spike times.
public enum SpikeRate {
    /// 1 / mean inter-spike interval of `spikes` (increasing times):
    /// (count − 1) / (last − first), in spikes per unit of their time; 0 with
    /// fewer than two spikes, or none apart.
    public static func interSpike(_ spikes: [Double]) -> Double {
        guard spikes.count >= 2, let first = spikes.first, let last = spikes.last, last > first else { return 0 }
        return Double(spikes.count - 1) / (last - first)
    }
}
