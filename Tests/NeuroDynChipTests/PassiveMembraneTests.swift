import Foundation
import Testing
import NeuroDynChip

/// The simulators against closed-form solutions of passive membranes.
@Suite("Passive membrane")
struct PassiveMembraneTests {
    /// The adaptive solver's global error stays within a small multiple of the
    /// tolerance it was given (the local error per step is controlled to
    /// atol + rtol|V|; over ~20 τ the global error stays of that order).
    @Test("Dormand–Prince matches the analytic HH passive membrane", arguments: [1e-3, 1e-6, 1e-9])
    func adaptiveLinear(rtol: Double) throws {
        let model = TestSystems.passiveMembrane()
        let times = stride(from: 0.0, through: 60.0, by: 2.5).map { $0 }
        let result = try model.simulate(
            appliedCurrent: 3, duration: 60, initialState: [-5, 0, 0, 0],
            options: SolverOptions(relativeTolerance: rtol, absoluteTolerance: rtol * 1e-3, trace: .times(times)))
        #expect(result.status == .completed)
        #expect(result.trace.times == times)
        let voltages = result.trace.component(0)
        for (t, v) in zip(times, voltages) {
            let exact = TestSystems.passiveVoltage(at: t, from: -5, current: 3)
            #expect(abs(v - exact) <= 10 * rtol * max(1, abs(exact)), "t = \(t): \(v) vs \(exact)")
        }
    }

    @Test("Dormand–Prince matches the analytic tanh leak of the chip", arguments: [1e-4, 1e-7, 1e-10])
    func adaptiveTanh(rtol: Double) throws {
        let neuron = try TestSystems.leakOnlyChip()
        let v0 = 1.4  // far into the tanh's saturation: (V0 − E_L) k ≈ 2.7
        let tau = neuron.effectiveParameters.membraneCapacitance / neuron.effectiveParameters.conductances.leak
        let times = (0...20).map { Double($0) * tau / 2 }
        let result = try neuron.simulate(
            appliedCurrent: 0, duration: 10 * tau, initialState: [v0, 0, 0, 0],
            options: SolverOptions(relativeTolerance: rtol, absoluteTolerance: rtol * 1e-3, trace: .times(times)))
        for (t, v) in zip(result.trace.times, result.trace.component(0)) {
            let exact = TestSystems.leakOnlyVoltage(neuron, at: t, from: v0)
            #expect(abs(v - exact) <= 10 * rtol * abs(exact), "t = \(t): \(v) vs \(exact)")
        }
    }

    /// Exponential Euler is exact for a linear equation with constant coefficients.
    @Test("Exponential Euler is exact on the linear passive membrane", arguments: [0.5, 2.0, 7.0])
    func exponentialEulerExact(step: Double) throws {
        let model = TestSystems.passiveMembrane()
        let result = try ExponentialEuler.integrate(
            model.dynamics(appliedCurrent: 3), initialState: [-5, 0, 0, 0], from: 0, to: 42,
            options: FixedStepOptions(step: step))
        for (t, v) in zip(result.trace.times, result.trace.component(0)) {
            let exact = TestSystems.passiveVoltage(at: t, from: -5, current: 3)
            #expect(abs(v - exact) <= 1e-12 * max(1, abs(exact)))
        }
    }
}
