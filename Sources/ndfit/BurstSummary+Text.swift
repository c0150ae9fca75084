import Fitting

extension BurstSummary {
    /// The spikes per burst as a report shows them: `none` (with the spike
    /// count of a train that spikes without bursting), one count when every
    /// burst has it, or the counts in order.
    var spikesPerBurstText: String {
        if spikes_per_burst.isEmpty { return spikes == 0 ? "none" : "none, \(spikes) spike\(spikes == 1 ? "" : "s")" }
        if Set(spikes_per_burst).count == 1 { return "\(spikes_per_burst[0])" }
        return spikes_per_burst.map(String.init).joined(separator: ",")
    }
}
