import Foundation
import Testing
import NeuroDynChip

/// y' = −y: y(t) = y₀ e^{−t}, at rest at 0.
struct ExponentialDecay: ODESystem {
    var dimension: Int { 1 }
    func evaluate(at time: Double, state: UnsafeBufferPointer<Double>, derivative: UnsafeMutableBufferPointer<Double>) {
        derivative[0] = -state[0]
    }
}

/// Runs that end once they have settled (``SolverOptions/settling``).
@Suite("Settled runs end early")
struct SettlingStopTests {
    /// y' = −y from 1 over [0, 20] with a rest drift of 1e-3: the run may end
    /// at the first accepted step where e^{−t} (20 − t) ≤ 1e-3, i.e. after
    /// t* ≈ 7.7 (solving e^{−t}(20 − t) = 1e-3), and must not end before.
    @Test("A decay ends at rest once its drift to the end is below the bound")
    func restStop() throws {
        var options = SolverOptions(relativeTolerance: 1e-8, absoluteTolerance: 1e-12, trace: .none)
        options.settling = SettlingStop(restDrift: [1e-3])
        let result = try DormandPrince45.integrate(
            ExponentialDecay(), initialState: [1], from: 0, to: 20, options: options)
        guard case let .settledAtRest(time) = result.status else {
            Issue.record("expected a rest stop, got \(result.status)")
            return
        }
        #expect(result.status.isSuccessful && !result.status.isCompleted)
        #expect(time == result.finalTime)
        // t*: the root of e^{−t}(20 − t) = 1e-3 by bisection on [0, 20].
        var low = 0.0, high = 20.0
        for _ in 0..<100 {
            let middle = (low + high) / 2
            if exp(-middle) * (20 - middle) > 1e-3 { low = middle } else { high = middle }
        }
        // The state is accurate to ~1e-8, so the test at the stop sees the
        // true drift within that; the stop comes at the first step past t*.
        #expect(time >= low * (1 - 1e-6), "stopped at \(time), before t* = \(low)")
        #expect(time < 19)
        #expect(abs(result.finalState[0] - exp(-time)) <= 1e-7 * exp(-time) + 1e-12)
        #expect(result.finalState[0] * (20 - time) <= 1e-3 * (1 + 1e-6))
    }

    /// The default chip fires repetitively; stopped once three intervals
    /// agree, its spikes are the first ones of the whole run (the same steps
    /// up to the stop) and the period is the whole run's late interval.
    @Test("A regular spike train ends once three intervals agree")
    func periodicStop() throws {
        let chip = NeuroDynNeuron.defaultChip
        let plain = SolverOptions(relativeTolerance: 1e-6, absoluteTolerance: 1e-9, trace: .none, spikeThreshold: 0.85)
        var settling = plain
        settling.settling = SettlingStop(intervals: 3, intervalTolerance: 0.005)
        let whole = try chip.simulate(appliedCurrent: 0, duration: 0.1, options: plain)
        let settled = try chip.simulate(appliedCurrent: 0, duration: 0.1, options: settling)
        guard case let .settledPeriodic(time, period) = settled.status else {
            Issue.record("expected a periodic stop, got \(settled.status)")
            return
        }
        #expect(settled.spikeTimes.count >= 4)
        #expect(settled.spikeTimes == Array(whole.spikeTimes.prefix(settled.spikeTimes.count)))
        #expect(time < whole.finalTime / 2, "stopped at \(time) s of \(whole.finalTime) s")
        let late = whole.spikeTimes.suffix(4)
        let wholePeriod = (late.last! - late.first!) / 3
        #expect(abs(period / wholePeriod - 1) < 0.005, "period \(period) against \(wholePeriod)")
    }

    @Test("Without a threshold or a drift bound, nothing stops a run early")
    func nothingToTest() throws {
        var options = SolverOptions(trace: .none)
        options.settling = SettlingStop()
        let result = try DormandPrince45.integrate(
            ExponentialDecay(), initialState: [1], from: 0, to: 20, options: options)
        #expect(result.status == .completed)
        #expect(result.finalTime == 20)
    }

    @Test("Bad settling settings are refused with the offending value", arguments: [
        (SettlingStop(intervals: 0), "settling intervals", 0.0),
        (SettlingStop(intervalTolerance: -0.1), "settling interval tolerance", -0.1),
        (SettlingStop(intervalTolerance: .nan), "settling interval tolerance", .nan),
        (SettlingStop(restDrift: [1e-3, 1e-3]), "settling rest drift count", 2),
        (SettlingStop(restDrift: [-1]), "settling rest drift", -1),
    ])
    func badSettings(settling: SettlingStop, name: String, value: Double) {
        var options = SolverOptions()
        options.settling = settling
        do {
            _ = try DormandPrince45.integrate(ExponentialDecay(), initialState: [1], from: 0, to: 1, options: options)
            Issue.record("accepted \(settling)")
        } catch let NeuroDynError.invalidSolverOption(option, bad) {
            #expect(option == name)
            #expect(bad == value || (bad.isNaN && value.isNaN))
        } catch {
            Issue.record("unexpected error \(error)")
        }
    }
}
