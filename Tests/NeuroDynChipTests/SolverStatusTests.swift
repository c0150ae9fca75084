import Testing
import NeuroDynChip

/// A system whose solution blows up in finite time: y' = y², y(0) = 1 → 1/(1 − t).
struct BlowUp: ODESystem {
    var dimension: Int { 1 }
    func evaluate(at time: Double, state: UnsafeBufferPointer<Double>, derivative: UnsafeMutableBufferPointer<Double>) {
        derivative[0] = state[0] * state[0]
    }
}

@Suite("Solver status and bad input")
struct SolverStatusTests {
    @Test("A finite-time blow-up ends with a status, not a crash")
    func blowUp() throws {
        let result = try DormandPrince45.integrate(BlowUp(), initialState: [1], from: 0, to: 2)
        #expect(!result.status.isCompleted)
        #expect(result.finalTime < 1.0001 && result.finalTime > 0.99)
        #expect(result.statistics.rejectedSteps > 0)
    }

    @Test("A step budget ends the run with a status")
    func stepLimit() throws {
        let result = try NeuroDynNeuron.defaultChip.simulate(
            appliedCurrent: 0, duration: 0.02, options: SolverOptions(maximumStepAttempts: 10))
        guard case .stepLimitReached = result.status else {
            Issue.record("expected stepLimitReached, got \(result.status)")
            return
        }
    }

    @Test("Invalid inputs are refused with the offending value", arguments: [
        (SolverOptions(relativeTolerance: .nan), "rtol"),
        (SolverOptions(relativeTolerance: -1), "rtol"),
        (SolverOptions(absoluteTolerance: 0), "atol"),
        (SolverOptions(initialStep: -1), "first_step"),
        (SolverOptions(spikeThreshold: .infinity), "threshold"),
        (SolverOptions(thresholdComponent: 4), "threshold_component"),
    ])
    func badOptions(options: SolverOptions, name: String) {
        #expect(throws: NeuroDynError.self) {
            _ = try NeuroDynNeuron.defaultChip.simulate(appliedCurrent: 0, duration: 0.001, options: options)
        }
        do {
            _ = try NeuroDynNeuron.defaultChip.simulate(appliedCurrent: 0, duration: 0.001, options: options)
        } catch let NeuroDynError.invalidSolverOption(option, _) {
            #expect(option == name)
        } catch {
            Issue.record("unexpected error \(error)")
        }
    }

    @Test("Bad current, duration and initial state are refused")
    func badRunInputs() {
        let chip = NeuroDynNeuron.defaultChip
        #expect(throws: NeuroDynError.invalidParameter(name: "I_app", value: .infinity)) {
            _ = try chip.simulate(appliedCurrent: .infinity, duration: 0.01)
        }
        #expect(throws: NeuroDynError.invalidSolverOption(name: "duration", value: 0)) {
            _ = try chip.simulate(appliedCurrent: 0, duration: 0)
        }
        #expect(throws: NeuroDynError.invalidSolverOption(name: "duration", value: -1)) {
            _ = try chip.simulate(appliedCurrent: 0, duration: -1)
        }
        #expect(throws: NeuroDynError.self) {
            _ = try chip.simulate(appliedCurrent: 0, duration: 0.01, initialState: [0.7, 0, 0])
        }
        #expect(throws: NeuroDynError.self) {
            _ = try chip.simulate(appliedCurrent: 0, duration: 0.01, initialState: [.nan, 0, 0, 0])
        }
    }
}
