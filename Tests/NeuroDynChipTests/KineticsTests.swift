import Foundation
import Testing
import NeuroDynChip

@Suite("Rates and kinetics")
struct KineticsTests {
    @Test("Sigmoids never overflow and the two directions sum to one",
          arguments: [-1e308, -800, -30, -1e-12, 0, 1e-12, 30, 800, 1e308])
    func logistic(x: Double) {
        let pair = Logistic.pair(x)
        #expect(pair.increasing.isFinite && pair.decreasing.isFinite)
        #expect(pair.increasing >= 0 && pair.decreasing >= 0)
        #expect(abs(pair.increasing + pair.decreasing - 1) < 1e-15)
        #expect(abs(pair.increasing - 1 / (1 + exp(min(x, 700)))) < 1e-15)
    }

    @Test("Chip rates equal the spline sum of the specification", arguments: Gate.allCases)
    func chipRates(gate: Gate) {
        let p = NeuroDynNeuron.defaultChip.effectiveParameters
        for v in stride(from: 0.5, through: 1.3, by: 0.05) {
            for rate in Rate.allCases {
                let s: Double = gate.kind.direction(of: rate) == .increasing ? 1 : -1
                var current = 0.0
                for j in 0..<7 {
                    current += p.splineWeights[gate][rate][j] / (1 + exp(s * 0.7 * (p.splineCentres[j] - v) / 0.026))
                }
                let expected = current / (5e-12 * 0.026)
                #expect(abs(p.rate(rate, of: gate, at: v) - expected) <= 1e-12 * max(expected, 1e-300))
            }
        }
    }

    /// Under voltage clamp a gate relaxes exponentially to x∞(V) with τ(V).
    @Test("Voltage clamp: gates relax to x∞ with τ", arguments: [0.8, 0.9, 1.05])
    func voltageClamp(voltage: Double) throws {
        let chip = NeuroDynNeuron.defaultChip
        let p = chip.effectiveParameters
        let x0 = [0.3, 0.1, 0.9, 0.2]
        let duration = 2e-4
        let result = try DormandPrince45.integrate(
            chip.dynamics(appliedCurrent: 0, clampedVoltage: voltage), initialState: x0, from: 0,
            to: duration, options: SolverOptions(relativeTolerance: 1e-10, absoluteTolerance: 1e-12))
        #expect(result.finalState[0] == x0[0])
        for gate in Gate.allCases {
            let inf = p.steadyState(of: gate, at: voltage), tau = p.timeConstant(of: gate, at: voltage)
            let exact = inf + (x0[gate.stateIndex] - inf) * exp(-duration / tau)
            #expect(abs(result.finalState[gate.stateIndex] - exact) < 1e-9)
        }
        // Exponential Euler is exact for a clamped gate whatever the step.
        let euler = try ExponentialEuler.integrate(
            chip.dynamics(appliedCurrent: 0, clampedVoltage: voltage), initialState: x0, from: 0,
            to: duration, options: FixedStepOptions(step: duration / 3))
        for gate in Gate.allCases {
            let inf = p.steadyState(of: gate, at: voltage), tau = p.timeConstant(of: gate, at: voltage)
            let exact = inf + (x0[gate.stateIndex] - inf) * exp(-duration / tau)
            #expect(abs(euler.finalState[gate.stateIndex] - exact) < 1e-13)
        }
    }

    @Test("Tanh conductance is linear for small drops and saturates for large ones")
    func tanhCurrent() {
        let p = NeuroDynNeuron.defaultChip.effectiveParameters
        let g = 1e-6
        #expect(abs(p.conductanceCurrent(conductance: g, drop: 1e-6) - g * 1e-6) < 1e-18)
        let saturation = 2 * g * 0.026 / 0.2
        #expect(abs(p.conductanceCurrent(conductance: g, drop: 10) - saturation) < 1e-15)
    }

    @Test("Reprogramming codes keeps the die's mismatch")
    func updateKeepsMismatch() throws {
        var chip = NeuroDynNeuron.defaultChip
        try chip.perturb(sigma: 0.15, seed: 7)
        let factors = chip.mismatch
        let updated = chip.updateRegisters { $0.conductances.potassium = 200 }
        #expect(updated)
        #expect(chip.mismatch == factors)
        let g = chip.effectiveParameters.conductances.potassium
        #expect(abs(g - chip.conversions.conductance(200) * factors.conductances.potassium) < 1e-20)
        chip.program(.defaultChip)
        #expect(chip.mismatch == factors)
        var analogChip = NeuroDynNeuron(analog: chip.nominalParameters)
        #expect(!analogChip.updateRegisters { $0.conductances.potassium = 1 })
    }
}
