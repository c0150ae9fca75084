import NeuroDynChip
import Testing

@testable import Fitting

@Suite("Compound verification: the currents compared and the agreement over a band")
struct CompoundVerificationTests {
    @Test("Without a band: the design current and around it; with one: every 0.05 from 0.1 below to 0.1 above")
    func comparisonCurrents() {
        #expect(CompoundVerification.comparisonCurrents(design: -5, band: nil) == [-5.25, -5, -4.75, -4.5, -4.25])
        let currents = CompoundVerification.comparisonCurrents(design: -5, band: -5.2 ... -4.9)
        #expect(currents.count == 11)
        #expect(currents.first == -5.3 && currents.last == -4.8)
        // On the 0.001 grid the design current is met exactly.
        #expect(currents.contains(-5))
        #expect(zip(currents.dropFirst(), currents).allSatisfy { abs($0 - $1 - 0.05) < 1e-9 })
    }

    /// A summary of bursts of `count` spikes every `period` s.
    static func summary(_ count: Int, period: Double?) -> BurstSummary {
        guard let period else { return BurstSummary(BurstTrain(spikeTimes: [], end: 4)) }
        let spikes = (0..<5).flatMap { burst in (0..<count).map { Double(burst) * period + Double($0) * 0.02 } }
        return BurstSummary(BurstTrain(spikeTimes: spikes, end: 5 * period))
    }

    @Test("Agreement counts, within the band only, the same spikes per burst and, of those, periods within 10 %")
    func agreement() {
        let rows: [(Double, (Int, Double?), (Int, Double?))] = [
            (-5.3, (4, 0.7), (4, 0.7)),      // outside the band: not counted
            (-5.2, (4, 0.70), (4, 0.60)),    // −14 %: same spikes, period off
            (-5.1, (4, 0.62), (4, 0.58)),    // −6.5 %
            (-5.0, (4, 0.58), (3, 0.58)),    // other spikes per burst
            (-4.9, (4, 0.55), (4, nil)),     // the chip does not burst
        ]
        let comparisons = rows.map {
            CompoundVerification.Comparison(
                current_uA_per_cm2: $0.0, target: Self.summary($0.1.0, period: $0.1.1),
                chip: Self.summary($0.2.0, period: $0.2.1))
        }
        let agreement = CompoundVerification.agreement(comparisons, band: -5.2 ... -4.9)
        #expect(agreement.currents == 4)
        #expect(agreement.same_spikes_per_burst == 2)
        #expect(agreement.period_within_10_percent == 1)
    }
}
