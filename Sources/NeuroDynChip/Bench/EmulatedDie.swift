import RealModule

/// A die emulated over hidden mismatch factors, read through a
/// ``MeasurementModel``: what bring-up algorithms are developed and tested
/// on before they meet a board.
///
/// Under voltage clamp the membrane voltage is fixed, so each gate obeys a
/// linear equation with constant rates and the clamp current is exact in
/// closed form: x(t) = x∞ + (x₀ − x∞) e^{−t/τ}. A recording integrates the
/// neuron (``NeuroDynNeuron/simulate(stimulus:duration:initialState:options:progress:)``)
/// from ``NeuroDynNeuron/publishedInitialState``.
///
/// A gate whose α and β are both zero keeps its value across a step, and
/// settles at 0 in a hold.
///
/// Deterministic: the noise comes from one ``SeededGenerator`` stream, so
/// the same die, seed, stream and sequence of measurements give the same
/// readings on every run and machine.
public struct EmulatedDie: MeasurableDie, Sendable {
    public let conversions: ChipConversions
    public var measurement: MeasurementModel
    public var timing: BenchTiming
    public private(set) var ledger = BenchLedger()
    public var clampRange: ClosedRange<Double> { measurement.clampRange }
    public var minimumSampleInterval: Double { measurement.minimumSampleInterval }
    /// The die's deviations: what bring-up estimates, never read by it.
    private let factors: MismatchFactors
    private var generator: SeededGenerator
    private var programmed: NeuronRegisters?

    /// A die with deviations `factors`, run with `biases` and `constants`,
    /// whose readings draw their noise from stream `stream` of `seed`.
    public init(
        factors: MismatchFactors, biases: ChipBiases = .standard, constants: ChipConstants = .neuroDyn,
        measurement: MeasurementModel = .bench, timing: BenchTiming = .standard, seed: UInt64 = 0, stream: UInt64 = 0
    ) {
        self.factors = factors
        conversions = ChipConversions(biases: biases, constants: constants)
        self.measurement = measurement
        self.timing = timing
        generator = SeededGenerator(seed: seed, stream: stream)
    }

    public mutating func clampCurrents(
        registers: NeuronRegisters, voltages: [Double]
    ) throws(MeasurementError) -> [Double] {
        for voltage in voltages { try checkClamp(voltage) }
        program(registers)
        let die = parameters(registers)
        let samples = measurement.samplesPerReading
        var readings: [Double] = []
        for voltage in voltages {
            let current = die.current(at: voltage, gates: die.steadyGates(at: voltage))
            var sum = 0.0
            for _ in 0..<samples { sum += read(current) }
            readings.append(sum / Double(samples))
            ledger.clampReadings += 1
            ledger.samples += samples
            ledger.benchTime += timing.settling + timing.overhead + Double(samples) * measurement.minimumSampleInterval
        }
        return readings
    }

    public mutating func clampStep(_ step: ClampStep) throws(MeasurementError) -> SampledTrace {
        try checkClamp(step.holdVoltage)
        try checkClamp(step.voltage)
        try checkSampling(duration: step.duration, interval: step.sampleInterval)
        program(step.hold)
        let start = parameters(step.hold).steadyGates(at: step.holdVoltage)
        program(step.registers)
        let die = parameters(step.registers)
        let end = die.steadyGates(at: step.voltage)
        let rates = die.totalRates(at: step.voltage)
        let times = step.sampleTimes
        let values = times.map { t in
            var gates = start
            for k in 0..<3 where rates[k] > 0 {
                gates[k] = end[k] + (start[k] - end[k]) * Double.exp(-rates[k] * t)
            }
            return read(die.current(at: step.voltage, gates: gates))
        }
        ledger.clampSteps += 1
        ledger.samples += times.count
        ledger.benchTime += timing.settling + timing.overhead + step.duration
        return SampledTrace(times: times, values: values)
    }

    public mutating func record(
        registers: NeuronRegisters, stimulus: Stimulus, duration: Double, sampleInterval: Double, threshold: Double
    ) throws(MeasurementError) -> Recording {
        try checkSampling(duration: duration, interval: sampleInterval)
        guard threshold.isFinite else { throw .invalidSetting(name: "threshold", value: threshold) }
        program(registers)
        let count = Int((duration / sampleInterval).rounded(.down))
        let times = (0...count).map { Double($0) * sampleInterval }
        let neuron = NeuroDynNeuron(
            registers: registers, biases: conversions.biases, constants: conversions.constants, mismatch: factors)
        let result: SimulationResult
        do {
            result = try neuron.simulate(
                stimulus: stimulus, duration: duration,
                options: SolverOptions(relativeTolerance: 1e-6, absoluteTolerance: 1e-9, trace: .times(times)))
        } catch {
            throw .simulation(error)
        }
        let voltages = result.trace.component(0).map { $0 + measurement.voltageNoise * generator.nextNormal() }
        var spikes: [Double] = []
        for k in voltages.indices.dropFirst() where voltages[k - 1] < threshold && voltages[k] >= threshold {
            spikes.append(result.trace.times[k])
        }
        ledger.recordings += 1
        ledger.samples += voltages.count
        ledger.benchTime += timing.settling + timing.overhead + duration
        return Recording(voltage: SampledTrace(times: Array(result.trace.times), values: voltages), spikeTimes: spikes)
    }

    // MARK: - The die

    private func parameters(_ registers: NeuronRegisters) -> EffectiveNeuronParameters {
        NeuroDynNeuron(
            registers: registers, biases: conversions.biases, constants: conversions.constants, mismatch: factors
        ).effectiveParameters
    }

    /// Counts the writes of the registers that differ from those programmed.
    private mutating func program(_ registers: NeuronRegisters) {
        let changed = registers.differingCodes(from: programmed)
        ledger.registerWrites += changed
        ledger.benchTime += Double(changed) * timing.registerWrite
        programmed = registers
    }

    private func checkClamp(_ voltage: Double) throws(MeasurementError) {
        guard voltage.isFinite && measurement.clampRange.contains(voltage) else {
            throw .voltageOutOfRange(voltage, range: measurement.clampRange)
        }
    }

    private func checkSampling(duration: Double, interval: Double) throws(MeasurementError) {
        guard interval.isFinite && interval >= measurement.minimumSampleInterval * (1 - 1e-12) else {
            throw .invalidSetting(name: "sample interval", value: interval)
        }
        guard duration.isFinite && duration >= interval else { throw .invalidSetting(name: "duration", value: duration) }
    }

    /// One noisy sample of `current`.
    private mutating func read(_ current: Double) -> Double {
        let floored = abs(current) < measurement.currentFloor ? 0 : current
        var value = floored
        if measurement.relativeNoise > 0 { value += floored * measurement.relativeNoise * generator.nextNormal() }
        if measurement.additiveNoise > 0 { value += measurement.additiveNoise * generator.nextNormal() }
        return value
    }
}

extension NeuronRegisters {
    /// How many codes differ from `other` (all 48 when there is none).
    func differingCodes(from other: NeuronRegisters?) -> Int {
        guard let other else { return 6 + 6 * SplineCodes.count }
        var count = 0
        for channel in IonChannel.allCases {
            if conductances[channel] != other.conductances[channel] { count += 1 }
            if reversals[channel] != other.reversals[channel] { count += 1 }
        }
        for gate in Gate.allCases {
            for rate in Rate.allCases {
                count += zip(splines[gate][rate].codes, other.splines[gate][rate].codes).filter { $0 != $1 }.count
            }
        }
        return count
    }
}

extension EffectiveNeuronParameters {
    /// The gates' steady states (m, h, n) at `voltage`; 0 where both rates vanish.
    func steadyGates(at voltage: Double) -> [Double] {
        Gate.allCases.map { steadyState(of: $0, at: voltage) }
    }

    /// α + β of each gate (m, h, n) at `voltage`, in 1/s.
    func totalRates(at voltage: Double) -> [Double] {
        Gate.allCases.map { rate(.alpha, of: $0, at: voltage) + rate(.beta, of: $0, at: voltage) }
    }

    /// The ionic current (A, outward positive) at `voltage` with gates (m, h, n).
    func current(at voltage: Double, gates: [Double]) -> Double {
        let m = max(gates[0], 0), h = max(gates[1], 0), n = max(gates[2], 0)
        let sodium = conductances.sodium * Double.pow(m, exponents.p) * Double.pow(h, exponents.q)
        let potassium = conductances.potassium * Double.pow(n, exponents.r)
        return conductanceCurrent(conductance: sodium, drop: voltage - reversalPotentials.sodium)
            + conductanceCurrent(conductance: potassium, drop: voltage - reversalPotentials.potassium)
            + conductanceCurrent(conductance: conductances.leak, drop: voltage - reversalPotentials.leak)
    }
}
