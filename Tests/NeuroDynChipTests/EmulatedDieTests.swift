import Foundation
import Testing
@testable import NeuroDynChip

/// The emulated bench: its closed-form clamp against the integrated gate
/// equations, its steady readings, its floor, its recordings and its ledger.
@Suite("Emulated die")
struct EmulatedDieTests {
    static let factors = try! MismatchModel(sigma: 0.15).draw(seed: 9, instance: 1)

    /// Codes that hold the default chip's gates somewhere between open and
    /// shut, and others to step to.
    static var hold: NeuronRegisters { .defaultChip }
    static var stepped: NeuronRegisters {
        var registers = NeuronRegisters.defaultChip
        registers.splines.m.alpha = try! SplineCodes(values: [0, 0, 40, 0, 0, 0, 0])
        registers.splines.n.beta = try! SplineCodes(values: [0, 0, 0, 0, 0, 25, 0])
        return registers
    }

    /// Under clamp the gates obey linear equations, so the closed form is
    /// exact; the adaptive solver at rtol 1e-10 agrees to its tolerance
    /// (errors of a few 1e-10 relative to the current's scale).
    @Test("A clamp step's current is the integrated gate equations'", arguments: [0.75, 0.9, 1.05])
    func clampStepMatchesIntegration(voltage: Double) throws {
        var die = EmulatedDie(factors: Self.factors, measurement: .noiseless)
        let step = ClampStep(
            hold: Self.hold, holdVoltage: 0.8, registers: Self.stepped, voltage: voltage, duration: 2e-3,
            sampleInterval: 2e-5)
        let trace = try die.clampStep(step)
        let held = NeuroDynNeuron(registers: Self.hold, mismatch: Self.factors).effectiveParameters
        let parameters = NeuroDynNeuron(registers: Self.stepped, mismatch: Self.factors).effectiveParameters
        let start = [voltage] + held.steadyGates(at: 0.8)
        let result = try DormandPrince45.integrate(
            NeuroDynDynamics(parameters: parameters, appliedCurrent: 0, clampedVoltage: voltage), initialState: start,
            from: 0, to: 2e-3,
            options: SolverOptions(relativeTolerance: 1e-10, absoluteTolerance: 1e-13, trace: .times(trace.times)))
        let scale = trace.values.map(abs).max() ?? 1
        for k in trace.times.indices {
            let gates = Array(result.trace.state(at: k).dropFirst())
            let integrated = parameters.current(at: voltage, gates: gates)
            #expect(abs(trace.values[k] - integrated) <= 1e-8 * scale, "t = \(trace.times[k])")
        }
        #expect(die.ledger.clampSteps == 1 && die.ledger.samples == trace.times.count)
    }

    @Test("A steady reading is where a step ends")
    func steadyReading() throws {
        var die = EmulatedDie(factors: Self.factors, measurement: .noiseless)
        let late = try die.clampStep(ClampStep(
            hold: Self.hold, holdVoltage: 0.8, registers: Self.stepped, voltage: 0.95, duration: 0.2,
            sampleInterval: 1e-3))
        let steady = try die.clampCurrents(registers: Self.stepped, voltages: [0.95])
        #expect(abs(steady[0] - late.values.last!) <= 1e-9 * abs(steady[0]))
        #expect(die.ledger.clampReadings == 1)
    }

    @Test("Currents under the floor read 0; noise is seeded")
    func floorAndNoise() throws {
        var silent = NeuronRegisters.defaultChip
        silent.conductances = PerChannel(sodium: .zero, potassium: .zero, leak: 1)
        var die = EmulatedDie(factors: .none, measurement: try MeasurementModel(additiveNoise: 0, currentFloor: 1))
        #expect(try die.clampCurrents(registers: silent, voltages: [0.5, 1.3]) == [0, 0])
        let noisy = try MeasurementModel(relativeNoise: 0.01)
        var first = EmulatedDie(factors: Self.factors, measurement: noisy, seed: 4, stream: 2)
        var second = EmulatedDie(factors: Self.factors, measurement: noisy, seed: 4, stream: 2)
        var other = EmulatedDie(factors: Self.factors, measurement: noisy, seed: 4, stream: 3)
        let a = try first.clampCurrents(registers: Self.stepped, voltages: [0.7, 1.0])
        #expect(a == (try second.clampCurrents(registers: Self.stepped, voltages: [0.7, 1.0])))
        #expect(a != (try other.clampCurrents(registers: Self.stepped, voltages: [0.7, 1.0])))
    }

    @Test("A recording of a driven die has the simulated neuron's spikes")
    func recording() throws {
        var die = EmulatedDie(factors: Self.factors, measurement: .noiseless)
        let duration = 0.02, interval = 1e-6
        let recording = try die.record(
            registers: .defaultChip, stimulus: .constant(3e-10), duration: duration, sampleInterval: interval,
            threshold: 0.85)
        let simulated = try NeuroDynNeuron(registers: .defaultChip, mismatch: Self.factors).simulate(
            appliedCurrent: 3e-10, duration: duration,
            options: SolverOptions(relativeTolerance: 1e-6, absoluteTolerance: 1e-9, trace: .none, spikeThreshold: 0.85))
        #expect(!simulated.spikeTimes.isEmpty)
        #expect(recording.spikeTimes.count == simulated.spikeTimes.count)
        // A sampled crossing is the first sample at or past the crossing.
        for (sampled, exact) in zip(recording.spikeTimes, simulated.spikeTimes) {
            #expect(sampled >= exact - 1e-9 && sampled - exact <= interval + 1e-6, "\(sampled) vs \(exact)")
        }
        #expect(recording.voltage.times.count == Int(duration / interval) + 1)
        #expect(die.ledger.recordings == 1 && die.ledger.benchTime >= duration)
        #expect(throws: MeasurementError.self) {
            try die.record(registers: .defaultChip, stimulus: .constant(0), duration: duration, sampleInterval: 1e-8,
                           threshold: 0.85)
        }
        #expect(throws: MeasurementError.self) { try die.clampCurrents(registers: .defaultChip, voltages: [.nan]) }
    }

    @Test("The standard bench is the measurement model's defaults; the noiseless one differs only in noise")
    func standardModels() throws {
        #expect(MeasurementModel.bench == (try MeasurementModel()))
        #expect(MeasurementModel.noiseless == (try MeasurementModel(additiveNoise: 0, voltageNoise: 0)))
    }
}
