import Foundation
import Testing
import NeuroDynChip

/// The solvers under time-varying input: they end a step on every breakpoint,
/// never step over a pulse, and match the exact solution of a passive
/// membrane driven by pulses and ramps.
@Suite("Breakpoints")
struct BreakpointTests {
    /// The exact voltage of ``TestSystems/passiveMembrane()`` (τ = C/g = 3.33 ms)
    /// under a stimulus that is affine between its breakpoints: on a piece
    /// where I = a + b s, V = E + (a + b s)/g − bτ/g + (V₀ − E − a/g + bτ/g) e^{−s/τ}.
    static func exactPassive(at time: Double, from v0: Double, stimulus: Stimulus) -> Double {
        let g = 0.3, e = 10.6, tau = 1 / 0.3
        let edges = [0] + stimulus.breakpoints.filter { $0 > 0 && $0 < time } + [time]
        var v = v0
        for (start, end) in zip(edges, edges.dropFirst()) where end > start {
            let length = end - start
            let a = stimulus.value(at: start)
            let b = (stimulus.value(at: start + length / 2) - a) / (length / 2)
            let offset = v - e - a / g + b * tau / g
            v = e + (a + b * length) / g - b * tau / g + offset * exp(-length / tau)
        }
        return v
    }

    static let pulses = Stimulus(offset: 1, pulses: [
        Stimulus.Pulse(start: 5, duration: 2, amplitude: 8),
        Stimulus.Pulse(start: 12, duration: 0.05, amplitude: 200),
        Stimulus.Pulse(start: 20, duration: .infinity, amplitude: -3),
    ])

    @Test("Dormand–Prince lands on every pulse edge and matches the exact response", arguments: [1e-4, 1e-7, 1e-10])
    func pulseTrain(rtol: Double) throws {
        let model = TestSystems.passiveMembrane()
        let result = try model.simulate(
            stimulus: Self.pulses, duration: 40, initialState: [0, 0, 0, 0],
            options: SolverOptions(relativeTolerance: rtol, absoluteTolerance: rtol * 1e-3))
        #expect(result.status == .completed)
        let times = Set(result.trace.times)
        for edge in Self.pulses.breakpoints { #expect(times.contains(edge), "no step ends on \(edge)") }
        for (t, v) in zip(result.trace.times, result.trace.component(0)) {
            let exact = Self.exactPassive(at: t, from: 0, stimulus: Self.pulses)
            #expect(abs(v - exact) <= 10 * rtol * max(1, abs(exact)), "t = \(t): \(v) vs \(exact)")
        }
    }

    /// At rest the solver takes steps of many τ; a 1 µs pulse of 3000 µA/cm²
    /// (3 nC/cm², a 3 mV kick) in the middle of such a step is still seen.
    @Test("A pulse far shorter than the step is not stepped over")
    func shortPulse() throws {
        let model = TestSystems.passiveMembrane()
        let stimulus = Stimulus(pulses: [Stimulus.Pulse(start: 300.0005, duration: 0.001, amplitude: 3000)])
        let rest = 10.6
        let result = try model.simulate(
            stimulus: stimulus, duration: 310, initialState: [rest, 0, 0, 0],
            options: SolverOptions(relativeTolerance: 1e-6, absoluteTolerance: 1e-9, trace: .times([300.0015, 305])))
        let kick = Self.exactPassive(at: 300.0015, from: rest, stimulus: stimulus) - rest
        #expect(abs(kick - 3) < 0.01)
        let voltages = result.trace.component(0)
        #expect(abs(voltages[0] - rest - kick) <= 1e-5 * kick)
        #expect(abs(voltages[1] - Self.exactPassive(at: 305, from: rest, stimulus: stimulus)) <= 1e-5)
    }

    @Test("A sampled waveform is followed exactly between its samples")
    func ramps() throws {
        let waveform = try PiecewiseLinearWaveform(times: [0, 3, 4, 10, 10.5, 18], values: [0, 20, -5, 12, 12, 0])
        let stimulus = Stimulus.waveform(waveform)
        let model = TestSystems.passiveMembrane()
        let times = stride(from: 0.0, through: 25, by: 0.5).map { $0 }
        let result = try model.simulate(
            stimulus: stimulus, duration: 25, initialState: [0, 0, 0, 0],
            options: SolverOptions(relativeTolerance: 1e-9, absoluteTolerance: 1e-12, trace: .times(times)))
        for (t, v) in zip(result.trace.times, result.trace.component(0)) {
            let exact = Self.exactPassive(at: t, from: 0, stimulus: stimulus)
            #expect(abs(v - exact) <= 1e-8 * max(1, abs(exact)), "t = \(t)")
        }
    }

    /// Exponential Euler is exact for a linear equation with constant input;
    /// its steps end on every pulse edge, so it stays exact under pulses.
    @Test("Exponential Euler stays exact under pulses", arguments: [0.3, 1.0, 7.0])
    func exponentialEuler(step: Double) throws {
        let model = TestSystems.passiveMembrane()
        let result = try ExponentialEuler.integrate(
            model.dynamics(stimulus: Self.pulses), initialState: [0, 0, 0, 0], from: 0, to: 40,
            options: FixedStepOptions(step: step))
        let times = Set(result.trace.times)
        for edge in Self.pulses.breakpoints { #expect(times.contains(edge)) }
        for (t, v) in zip(result.trace.times, result.trace.component(0)) {
            let exact = Self.exactPassive(at: t, from: 0, stimulus: Self.pulses)
            #expect(abs(v - exact) <= 1e-11 * max(1, abs(exact)), "t = \(t): \(v) vs \(exact)")
        }
    }

    /// RK4 is fourth order on each smooth piece; ending its steps on the
    /// edges keeps the global error O(h⁴): halving h divides it by ≈ 16.
    @Test("RK4 keeps its order under pulses")
    func rungeKuttaOrder() throws {
        let model = TestSystems.passiveMembrane()
        func error(_ step: Double) throws -> Double {
            let result = try ExplicitRungeKutta.integrate(
                model.dynamics(stimulus: Self.pulses), initialState: [0, 0, 0, 0], from: 0, to: 40,
                options: FixedStepOptions(step: step, recordsTrace: false))
            return abs(result.finalState[0] - Self.exactPassive(at: 40, from: 0, stimulus: Self.pulses))
        }
        let coarse = try error(0.4), fine = try error(0.2)
        let order = log2(coarse / fine)
        #expect(order > 3.7 && order < 4.3, "observed order \(order)")
    }

    @Test("A constant stimulus integrates exactly as a constant current")
    func constantStimulus() throws {
        let chip = NeuroDynNeuron.defaultChip
        let options = SolverOptions(relativeTolerance: 1e-8, absoluteTolerance: 1e-10, spikeThreshold: 0.85)
        let a = try chip.simulate(appliedCurrent: 2e-10, duration: 0.01, options: options)
        let b = try chip.simulate(stimulus: .constant(2e-10), duration: 0.01, options: options)
        #expect(a.spikeTimes == b.spikeTimes && a.finalState == b.finalState)
        #expect(a.statistics == b.statistics)
    }
}
