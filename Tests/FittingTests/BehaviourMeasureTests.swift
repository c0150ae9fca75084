import Foundation
import Testing
import NeuroDynChip
@testable import Fitting

/// The behaviour measures on cases whose answers are known.
@Suite("Coincidence factor")
struct CoincidenceFactorTests {
    static let reference = [0.1, 0.2, 0.3, 0.4]

    @Test("Identical trains, or trains shifted within the window, score 1")
    func identical() throws {
        #expect(CoincidenceFactor.gamma(reference: Self.reference, candidate: Self.reference, window: 2e-3, duration: 1) == 1)
        let shifted = Self.reference.map { $0 + 1.5e-3 }
        let gamma = try #require(CoincidenceFactor.gamma(reference: Self.reference, candidate: shifted, window: 2e-3, duration: 1))
        #expect(abs(gamma - 1) <= 4 * Double.ulpOfOne)
    }

    /// Two of four matched, two candidate spikes far away: N_coinc = 2,
    /// ν = 4 / 1 s, ⟨N_coinc⟩ = 2νΔN_ref = 0.064, 𝒩 = 1 − 2νΔ = 0.984:
    /// Γ = (2 − 0.064) / (½ · 8) / 0.984.
    @Test("Half the spikes matched")
    func half() throws {
        let candidate = [0.1005, 0.2995, 0.6, 0.8]
        let gamma = try #require(CoincidenceFactor.gamma(reference: Self.reference, candidate: candidate, window: 2e-3, duration: 1))
        let expected = (2 - 0.064) / 4 / 0.984
        #expect(abs(gamma - expected) <= 8 * Double.ulpOfOne * expected)
    }

    @Test("A candidate spike matches one reference spike at most; windows are closed")
    func oneToOne() {
        #expect(CoincidenceFactor.coincidences(reference: [0.1, 0.1015], candidate: [0.1008], window: 2e-3) == 1)
        #expect(CoincidenceFactor.coincidences(reference: [0.1, 0.1015], candidate: [0.0995, 0.1008], window: 2e-3) == 2)
        #expect(CoincidenceFactor.coincidences(reference: [0.1], candidate: [0.1 + 2e-3], window: 2e-3) == 1)
        #expect(CoincidenceFactor.coincidences(reference: [0.1], candidate: [0.1021], window: 2e-3) == 0)
    }

    @Test("Silence: nothing to compare, or no agreement")
    func silence() {
        #expect(CoincidenceFactor.gamma(reference: [], candidate: [], window: 2e-3, duration: 1) == nil)
        #expect(CoincidenceFactor.gamma(reference: Self.reference, candidate: [], window: 2e-3, duration: 1) == 0)
        #expect(CoincidenceFactor.gamma(reference: [], candidate: Self.reference, window: 2e-3, duration: 1) == 0)
        // 2νΔ ≥ 1: chance alone fills every window.
        #expect(CoincidenceFactor.gamma(reference: [0.5], candidate: (0..<300).map { Double($0) / 300 }, window: 2e-3, duration: 1) == nil)
    }
}

@Suite("Spike shape and step response")
struct WaveformMeasureTests {
    /// Triangular spikes every 10 ms from −10 to 90 mV, rising for 1 ms and
    /// falling for 3: half amplitude 40 mV, crossed 0.5 ms into the rise and
    /// 1.5 ms into the fall, so the width is 2 ms.
    @Test("Triangular spikes have the width, peak and trough drawn")
    func triangles() throws {
        let dt = 1e-5
        let times = (0..<6000).map { Double($0) * dt }
        let voltages = times.map { t -> Double in
            let phase = t.truncatingRemainder(dividingBy: 0.01)
            if phase < 1e-3 { return -0.01 + 0.1 * phase / 1e-3 }
            if phase < 4e-3 { return 0.09 - 0.1 * (phase - 1e-3) / 3e-3 }
            return -0.01
        }
        // Threshold crossings of 50 mV: 0.6 ms into each rise.
        let spikes = (0..<6).map { Double($0) * 0.01 + 0.6e-3 }
        let shape = try #require(SpikeShape.measure(times: times, voltages: voltages, spikeTimes: spikes, start: 0.005))
        #expect(abs(shape.peak - 0.09) <= 1e-7)  // the sample nearest the apex, within rounding of its time
        #expect(abs(shape.trough + 0.01) <= 1e-12)
        #expect(abs(shape.width - 2e-3) <= 1e-9)
        #expect(shape.count == 4)
        #expect(SpikeShape.measure(times: times, voltages: voltages, spikeTimes: [spikes[0]], start: 0) == nil)
    }

    /// A passive membrane answers a step with ΔV (1 − e^{−t/τ}): steady and
    /// peak deflection ΔV, and 1 − 1/e of it at t = τ exactly.
    @Test("A passive membrane's step response has rise time τ")
    func passiveStep() throws {
        let passive = HodgkinHuxleyModel(
            conductances: PerChannel(sodium: 0, potassium: 0, leak: 0.3),
            reversalPotentials: PerChannel(sodium: 120, potassium: -12, leak: 0), capacitance: 1,
            rates: HodgkinHuxleyModel.standard.rates).inSIUnits()
        let tau = 1e-6 / 0.3e-3  // C / g = 3.33 ms
        let samples = (0...20000).map { Double($0) * 5e-6 }
        let run = try MeasuredNeuron.target(passive).run(
            stimulus: .constant(2e-6), duration: 0.1, initialState: [0, 0, 0, 0], threshold: 0.05, sampleTimes: samples,
            relativeTolerance: 1e-9, absoluteTolerance: 1e-12)
        let response = try #require(StepResponse.measure(
            times: run.times, voltages: run.voltages, rest: 0, stepTime: 0, spikes: run.spikeTimes.count))
        let deflection = 2e-6 / 0.3e-3  // I / g: (A/cm²) / (S/cm²) = 6.67 mV
        #expect(abs(response.peakDeflection - deflection) <= 1e-6 * deflection)
        #expect(abs(response.steadyDeflection - deflection) <= 1e-6 * deflection)
        // Linear interpolation between 5 µs samples of a curve bending on τ.
        #expect(abs(response.riseTime - tau) <= 1e-5 * tau)
        #expect(response.spikes == 0)
    }
}

@Suite("Measured neurons")
struct MeasuredNeuronTests {
    /// Driven in target units through the mapping, a chip gives the run of
    /// the chip simulated directly with the mapped stimulus, read back.
    @Test("A chip in target units is the chip in its own units, mapped")
    func chipThroughMapping() throws {
        let fit = try HodgkinHuxleyFitter(voltageScale: 3, biases: try ChipBiases(capacitanceScaling: 0.1)).fit()
        let mapping = fit.mapping
        let stimulus = Stimulus(offset: 4e-6, pulses: [Stimulus.Pulse(start: 0.01, duration: 0.02, amplitude: 8e-6)])
        let run = try MeasuredNeuron.chip(fit.neuron, mapping).run(
            stimulus: stimulus, duration: 0.05, initialState: [0, 0.05, 0.6, 0.32], threshold: 0.05)
        let direct = try fit.neuron.simulate(
            stimulus: try stimulus.scaled(current: mapping.currentGain, time: 1 / mapping.speedUp),
            duration: 0.05 / mapping.speedUp, initialState: [mapping.voltageOffset, 0.05, 0.6, 0.32],
            options: SolverOptions(relativeTolerance: 1e-6, absoluteTolerance: 1e-8, trace: .none,
                                   spikeThreshold: 0.05 * mapping.voltageScale + mapping.voltageOffset))
        #expect(run.spikeTimes == direct.spikeTimes.map { $0 * mapping.speedUp })
        #expect(run.finalState[0] == (direct.finalState[0] - mapping.voltageOffset) / mapping.voltageScale)
        #expect(Array(run.finalState.dropFirst()) == Array(direct.finalState.dropFirst()))
    }

    /// The target scaled by scl_v and scl_t and read back in target units is
    /// the unscaled target: the same spikes to the solver's tolerance.
    @Test("A scaled target in target units fires as the unscaled one")
    func scaledTarget() throws {
        let plain = HodgkinHuxleyModel.standard.inSIUnits()
        let scaled = try HodgkinHuxleyModel.comparisonTarget(voltageScale: 3, speedUp: 12)
        let options = (stimulus: Stimulus.constant(10e-6), duration: 0.05, state: [0.0, 0.05, 0.6, 0.32])
        let a = try MeasuredNeuron.target(plain).run(
            stimulus: options.stimulus, duration: options.duration, initialState: options.state, threshold: 0.05,
            relativeTolerance: 1e-9, absoluteTolerance: 1e-12)
        let b = try MeasuredNeuron.target(scaled).run(
            stimulus: options.stimulus, duration: options.duration, initialState: options.state, threshold: 0.05,
            relativeTolerance: 1e-9, absoluteTolerance: 1e-12)
        #expect(a.spikeTimes.count == b.spikeTimes.count && a.spikeTimes.count >= 3)
        for (x, y) in zip(a.spikeTimes, b.spikeTimes) { #expect(abs(x - y) < 1e-7) }
    }
}

@Suite("Behaviour goals")
struct BehaviourGoalTests {
    static func behaviour(rest: Double?, width: Double, latency: Double?, spikes: [Int]) -> NeuronBehaviour {
        NeuronBehaviour(
            noiseSpikes: spikes.map { count in (0..<count).map { Double($0) * 0.02 + 0.01 } },
            shape: SpikeShape(peak: 0.1, trough: -0.01, width: width, count: 5), rest: rest, spikesAtRest: rest == nil ? 3 : 0,
            step: rest.map { _ in StepResponse(steadyDeflection: 1.5e-3, peakDeflection: 6e-3, riseTime: 2.7e-3, spikes: 0) },
            latencies: [latency, 1.8e-3, 1.2e-3])
    }

    /// Scores are errors over allowances: 10% off a 15% width allowance is
    /// 2/3; 1 mV off a 2 mV rest allowance 1/2; a missing measure 10.
    @Test("Scores are errors over allowances; missing measures score 10")
    func scores() throws {
        let target = Self.behaviour(rest: 0, width: 1.5e-3, latency: 2.5e-3, spikes: [40, 50])
        let chip = Self.behaviour(rest: 1e-3, width: 1.65e-3, latency: nil, spikes: [40, 50])
        var behaviour = BehaviourProtocol.standard
        behaviour.noise = Array(behaviour.noise.prefix(2))
        let report = BehaviourReport(protocol: behaviour, target: target, chip: chip, firing: nil)
        let assessments = Dictionary(uniqueKeysWithValues: report.assessments().map { ($0.measure, $0) })
        #expect(abs(try #require(assessments["spike width"]).score - 2.0 / 3) < 1e-12)
        #expect(abs(try #require(assessments["resting potential"]).score - 0.5) < 1e-12)
        #expect(try #require(assessments["latency at 6 µA/cm²"]).score == BehaviourGoals.missingScore)
        #expect(try #require(assessments["Γ mean"]).score == 0)
        #expect(report.coincidences.allSatisfy { abs(($0 ?? 0) - 1) <= 4 * Double.ulpOfOne })
        #expect(try #require(assessments["latency at 6 µA/cm²"]).met == false)
    }
}
