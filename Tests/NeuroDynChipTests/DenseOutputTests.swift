import Foundation
import Testing
import NeuroDynChip

@Suite("Dense output and spike location")
struct DenseOutputTests {
    static let options = SolverOptions(
        relativeTolerance: 1e-6, absoluteTolerance: 1e-9, spikeThreshold: 0.85, keepsDenseOutput: true)

    /// At each step point the interpolant must return the step's value: at
    /// θ = 0 exactly y_n, and at θ = 1 of the previous step y_{n+1} up to round-off.
    @Test("Dense output equals the step values at step points")
    func stepPoints() throws {
        let result = try NeuroDynNeuron.defaultChip.simulate(
            appliedCurrent: 0, duration: 0.005, options: Self.options)
        let dense = try #require(result.denseOutput)
        #expect(dense.stepCount == result.statistics.acceptedSteps)
        for k in 0..<result.trace.count {
            let sample = try #require(dense.state(at: result.trace.times[k]))
            for (a, b) in zip(sample, result.trace.state(at: k)) {
                #expect(abs(a - b) <= 1e-13 * max(1, abs(b)))
            }
        }
        #expect(dense.state(at: -1) == nil)
        #expect(dense.state(at: 0.006) == nil)
    }

    /// Between steps the interpolant is 4th order: on the tanh leak it stays
    /// within the tolerance of the exact solution.
    @Test("Dense output between steps matches the exact tanh leak")
    func betweenSteps() throws {
        let neuron = try TestSystems.leakOnlyChip()
        let tau = neuron.effectiveParameters.membraneCapacitance / neuron.effectiveParameters.conductances.leak
        let result = try neuron.simulate(
            appliedCurrent: 0, duration: 5 * tau, initialState: [1.4, 0, 0, 0],
            options: SolverOptions(relativeTolerance: 1e-8, absoluteTolerance: 1e-11, keepsDenseOutput: true))
        let dense = try #require(result.denseOutput)
        for k in 1..<200 {
            let t = 5 * tau * Double(k) / 200
            let v = try #require(dense.state(at: t))[0]
            let exact = TestSystems.leakOnlyVoltage(neuron, at: t, from: 1.4)
            #expect(abs(v - exact) <= 1e-7 * exact)
        }
    }

    /// Each spike time is a root of V − threshold on the interpolant, and the
    /// voltage rises through it.
    @Test("Spikes are threshold crossings on the interpolant")
    func spikeResiduals() throws {
        let result = try NeuroDynNeuron.defaultChip.simulate(
            appliedCurrent: 0, duration: 0.02, options: Self.options)
        let dense = try #require(result.denseOutput)
        #expect(result.spikeTimes.count == 11)
        for t in result.spikeTimes {
            let v = try #require(dense.state(at: t))[0]
            #expect(abs(v - 0.85) < 1e-10)
            let before = try #require(dense.state(at: t - 1e-7))[0]
            let after = try #require(dense.state(at: t + 1e-7))[0]
            #expect(before < 0.85 && after > 0.85)
        }
    }

    @Test("Requested output times are honoured")
    func outputTimes() throws {
        let times = [0.0, 0.001, 0.0025, 0.003, 0.02, 0.5]
        let result = try NeuroDynNeuron.defaultChip.simulate(
            appliedCurrent: 0, duration: 0.02,
            options: SolverOptions(trace: .times(times)))
        #expect(result.trace.times == [0.0, 0.001, 0.0025, 0.003, 0.02])
        #expect(result.trace.state(at: 0) == NeuroDynNeuron.publishedInitialState)
        #expect(result.trace.state(at: 4) == result.finalState)
    }
}
