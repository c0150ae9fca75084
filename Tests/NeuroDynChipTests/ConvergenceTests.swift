import Foundation
import Testing
import NeuroDynChip

/// Measured orders of convergence of the fixed-step methods on the chip's tanh
/// leak, whose exact solution is known. The observed order is
/// log2(e(h) / e(h/2)); we require it within ±0.3 of the theoretical order on
/// steps small enough to be asymptotic and large enough to stay above round-off.
@Suite("Convergence order")
struct ConvergenceTests {
    static func observedOrder(steps: [Double], error: (Double) throws -> Double) rethrows -> [Double] {
        let errors = try steps.map(error)
        return zip(errors, errors.dropFirst()).map { log2($0 / $1) }
    }

    struct Method: CustomTestStringConvertible, Sendable {
        let name: String
        let tableau: ButcherTableau
        let order: Int
        var testDescription: String { name }
    }

    static let dormandPrince = ButcherTableau.dormandPrince
    static let embedded = ButcherTableau(
        nodes: dormandPrince.nodes, coefficients: dormandPrince.coefficients,
        weights: dormandPrince.embeddedWeights!, embeddedWeights: nil, order: 4, embeddedOrder: nil)

    @Test("Explicit Runge–Kutta order", arguments: [
        Method(name: "RK4", tableau: .classicalRungeKutta, order: 4),
        Method(name: "Dormand–Prince 5th order", tableau: dormandPrince, order: 5),
        Method(name: "Dormand–Prince embedded 4th order", tableau: embedded, order: 4),
    ])
    func rungeKuttaOrder(method: Method) throws {
        let neuron = try TestSystems.leakOnlyChip()
        let tau = neuron.effectiveParameters.membraneCapacitance / neuron.effectiveParameters.conductances.leak
        // Start deep in the tanh's saturation ((V0 − E_L) κ_lin / 2V_T ≈ 6) and
        // integrate 8 τ, so the error is well above round-off at every step.
        let exact = TestSystems.leakOnlyVoltage(neuron, at: 8 * tau, from: 2.5)
        let orders = try Self.observedOrder(steps: [tau / 4, tau / 8, tau / 16]) { h in
            let result = try ExplicitRungeKutta.integrate(
                neuron.dynamics(appliedCurrent: 0), tableau: method.tableau,
                initialState: [2.5, 0, 0, 0], from: 0, to: 8 * tau,
                options: FixedStepOptions(step: h, recordsTrace: false))
            return abs(result.finalState[0] - exact)
        }
        for order in orders {
            #expect(abs(order - Double(method.order)) < 0.3, "observed order \(orders)")
        }
    }

    @Test("Exponential Euler is first order on the tanh leak")
    func exponentialEulerOrder() throws {
        let neuron = try TestSystems.leakOnlyChip()
        let tau = neuron.effectiveParameters.membraneCapacitance / neuron.effectiveParameters.conductances.leak
        let exact = TestSystems.leakOnlyVoltage(neuron, at: 2 * tau, from: 1.4)
        let orders = try Self.observedOrder(steps: [tau / 64, tau / 128, tau / 256]) { h in
            let result = try ExponentialEuler.integrate(
                neuron.dynamics(appliedCurrent: 0), initialState: [1.4, 0, 0, 0], from: 0, to: 2 * tau,
                options: FixedStepOptions(step: h, recordsTrace: false))
            return abs(result.finalState[0] - exact)
        }
        for order in orders { #expect(abs(order - 1) < 0.3, "observed order \(orders)") }
    }

    /// Adaptive error control: tightening rtol by 1000 must shrink the error by
    /// at least 100 (tolerance proportionality, with slack for the 4th-order
    /// estimator driving a 5th-order solution).
    @Test("Adaptive error scales with the tolerance")
    func toleranceProportionality() throws {
        let model = try HodgkinHuxleyModel.standard.scaled(voltage: 1, time: 1)
        let reference = try model.simulate(
            appliedCurrent: 10, duration: 30,
            options: SolverOptions(relativeTolerance: 1e-12, absoluteTolerance: 1e-14, trace: .none))
        func error(_ rtol: Double) throws -> Double {
            let result = try model.simulate(
                appliedCurrent: 10, duration: 30,
                options: SolverOptions(relativeTolerance: rtol, absoluteTolerance: rtol * 1e-3, trace: .none))
            return zip(result.finalState, reference.finalState).map { abs($0 - $1) }.max()!
        }
        let coarse = try error(1e-5), fine = try error(1e-8)
        #expect(fine * 100 < coarse, "error \(coarse) at 1e-5, \(fine) at 1e-8")
    }
}
