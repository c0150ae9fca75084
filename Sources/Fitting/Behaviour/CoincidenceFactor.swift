/// The coincidence factor Γ of two spike trains (Kistler, Gerstner & van
/// Hemmen 1997, as used by Jolivet et al. 2008 to benchmark neuron models):
///
///     Γ = (N_coinc − ⟨N_coinc⟩) / (½ (N_ref + N_cand)) · 1/𝒩,
///     ⟨N_coinc⟩ = 2 ν Δ N_ref,   𝒩 = 1 − 2 ν Δ,   ν = N_cand / T,
///
/// where N_coinc counts the reference spikes with a candidate spike within
/// ±Δ, each candidate spike matched to at most one reference spike, and
/// ⟨N_coinc⟩ is what a Poisson train at the candidate's rate would score.
/// Γ = 1 for identical trains, ≈ 0 for chance agreement, negative for less.
///
/// Matching is greedy in time order: each reference spike takes the earliest
/// unmatched candidate spike within its window. When no two candidate spikes
/// are within 2Δ of each other (true of HH-like trains at Δ = 2 ms, whose
/// intervals exceed 5 ms), a window holds at most one candidate and the count
/// is the largest possible.
public enum CoincidenceFactor {
    /// The number of reference spikes with a distinct candidate spike within ±`window`.
    ///
    /// - Precondition: both trains increasing; `window` ≥ 0.
    public static func coincidences(reference: [Double], candidate: [Double], window: Double) -> Int {
        var count = 0
        var next = 0
        for time in reference {
            while next < candidate.count && candidate[next] < time - window { next += 1 }
            if next < candidate.count && candidate[next] <= time + window {
                count += 1
                next += 1
            }
        }
        return count
    }

    /// Γ of `candidate` against `reference` over a recording of `duration`.
    ///
    /// - Returns: nil when both trains are empty (nothing to compare) or when
    ///   2νΔ ≥ 1 (the candidate fires so fast that chance alone fills every
    ///   window); 0 when exactly one train is empty.
    public static func gamma(reference: [Double], candidate: [Double], window: Double, duration: Double) -> Double? {
        let total = reference.count + candidate.count
        guard total > 0, duration > 0 else { return nil }
        let rate = Double(candidate.count) / duration
        let normalisation = 1 - 2 * rate * window
        guard normalisation > 0 else { return nil }
        let expected = 2 * rate * window * Double(reference.count)
        let observed = Double(coincidences(reference: reference, candidate: candidate, window: window))
        return (observed - expected) / (0.5 * Double(total)) / normalisation
    }
}
