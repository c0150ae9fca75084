import Testing
@testable import Fitting
import NeuroDynChip

/// The search abandons a candidate once its partial f-I error exceeds the
/// best score so far; that must never change what the search keeps.
@Suite("Search bound")
struct FidelitySearchBoundTests {
    /// For candidates around a die's codes: a bound at or above the full
    /// score gives the full score to the last bit; a bound below it gives
    /// a value above the bound (so the candidate is not kept either way).
    @Test("An abandoned candidate scores above its bound, a kept one exactly", arguments: [UInt64(0), 1])
    func bound(instance: UInt64) throws {
        var fitter = try HodgkinHuxleyFitter.forFidelity(voltageScale: 3)
        fitter.fixedTimeScale = try fitter.fit().timeScales.timeScale
        fitter.outOfRangePolicy = .saturate
        fitter.die = try MismatchModel(sigma: 0.15).draw(seed: 4, instance: instance)
        let search = FidelitySearch(fitter: fitter, coarseGrid: [(1, 1, 1)])
        let target = try search.measureTarget()
        for factor in [0.8, 1.0, 1.3] {
            var candidate = fitter
            candidate.conductanceFactors.sodium *= factor
            let full = FidelitySearch.score(candidate, objective: .firing, target: target)
            #expect(full.isFinite)
            #expect(FidelitySearch.score(candidate, objective: .firing, target: target, bound: full) == full)
            #expect(FidelitySearch.score(candidate, objective: .firing, target: target, bound: 2 * full) == full)
            let below = full / 4
            #expect(FidelitySearch.score(candidate, objective: .firing, target: target, bound: below) > below)
        }
    }
}
