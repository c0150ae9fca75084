import Testing
@testable import Fitting
import NeuroDynChip

/// A quick f-I protocol whose runs end once settled
/// (``FiringProtocol/stopsWhenSettled``) measures what the whole runs do.
@Suite("Firing runs ended once settled")
struct SettledFiringTests {
    /// HH at scl_v = 3 under the die search's protocol, run whole and ended
    /// once settled. A train taken for periodic is continued at the mean of
    /// three intervals that agree to 0.5%, so its late rate is that period's
    /// within 0.5%; a rest is taken when nothing could move more than 1 mV by
    /// the end. Rates within 1% of the peak rate, spike counts within one.
    @Test("Settled runs give the whole runs' rates and spike counts")
    func sameRates() throws {
        let target = try HodgkinHuxleyModel.standard.scaled(voltage: 3, time: 1).inSIUnits()
        var whole = DieCalibration.standardSearchFiring
        whole.stopsWhenSettled = false
        let settled = DieCalibration.standardSearchFiring
        #expect(settled.stopsWhenSettled)
        let runs = try whole.currents.map { current in
            (try FiringRates.targetRun(target, current: current, protocol: whole),
             try FiringRates.targetRun(target, current: current, protocol: settled))
        }
        let peak = runs.map(\.0.rate).max() ?? 0
        #expect(peak > 100)
        #expect(runs.contains { $0.0.rate == 0 } && runs.contains { $0.0.rate > 0 })
        for (current, (full, quick)) in zip(whole.currents, runs) {
            #expect(abs(full.rate - quick.rate) <= 0.01 * peak, "\(current) µA/cm²: \(full.rate) against \(quick.rate) Hz")
            #expect(abs(full.spikes - quick.spikes) <= 1, "\(current) µA/cm²: \(full.spikes) against \(quick.spikes) spikes")
        }
    }

    @Test("A periodic stop continues the train at its period to the end of the run")
    func continuedTrain() throws {
        let firing = DieCalibration.standardSearchFiring
        let spikes = [0.012, 0.022, 0.032, 0.042]
        let train = try #require(firing.spikeTrain(
            spikes, status: .settledPeriodic(time: 0.043, period: 0.01), duration: 0.1))
        #expect(Array(train.prefix(4)) == spikes)
        #expect(train.count == 9)
        #expect(abs(train.last! - 0.092) < 1e-12)
        #expect(firing.spikeTrain(spikes, status: .settledAtRest(time: 0.05), duration: 0.1) == spikes)
        #expect(firing.spikeTrain(spikes, status: .nonFiniteState(time: 0.05), duration: 0.1) == nil)
    }
}
