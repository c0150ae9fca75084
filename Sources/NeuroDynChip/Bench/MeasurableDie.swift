/// A NeuroDyn neuron on the bench: it can be programmed and measured, never
/// inspected. Bring-up algorithms (``EmulatedDie`` here; a board driver on
/// real hardware) are written against this protocol alone.
///
/// Every measurement programs the neuron's registers first, so a caller never
/// depends on what an earlier measurement left behind. Every measurement
/// costs bench time, which the die adds to its ``ledger``.
///
/// Units: volts (absolute, as V_ref is), amperes (the membrane's ionic
/// current, outward positive, as the clamp amplifier reads it) and seconds of
/// chip time.
public protocol MeasurableDie {
    /// The biases and constants the bench runs the die with. The bench sets
    /// them, so they are known; the die's mismatch is not.
    var conversions: ChipConversions { get }

    /// The measurements made so far and the bench time they took.
    var ledger: BenchLedger { get }

    /// The voltages the clamp can hold, in volts.
    var clampRange: ClosedRange<Double> { get }

    /// The shortest interval between samples the bench can take, in seconds.
    var minimumSampleInterval: Double { get }

    /// Programs `registers`, clamps the membrane at each of `voltages` in
    /// turn, waits for the steady state and reads the clamp current (A).
    ///
    /// - Throws: ``MeasurementError`` for a voltage that is not finite or
    ///   outside the clamp's range, or when the bench fails.
    mutating func clampCurrents(registers: NeuronRegisters, voltages: [Double]) throws(MeasurementError) -> [Double]

    /// Programs `step.hold`, clamps at `step.holdVoltage` until the steady
    /// state, then at time 0 programs `step.registers` and steps to
    /// `step.voltage`, and samples the clamp current (A) every
    /// `step.sampleInterval` for `step.duration`.
    ///
    /// - Throws: ``MeasurementError`` for a voltage out of range or a
    ///   sampling the bench cannot do.
    mutating func clampStep(_ step: ClampStep) throws(MeasurementError) -> SampledTrace

    /// Programs `registers`, lets the membrane go (no clamp) from rest under
    /// `stimulus` (A over s) and records the membrane voltage (V) every
    /// `sampleInterval` for `duration`, with the upward crossings of
    /// `threshold` (V) as spike times.
    ///
    /// - Throws: ``MeasurementError`` for a stimulus or sampling the bench
    ///   cannot apply.
    mutating func record(
        registers: NeuronRegisters, stimulus: Stimulus, duration: Double, sampleInterval: Double, threshold: Double
    ) throws(MeasurementError) -> Recording
}

/// One voltage-clamp step with a change of codes: see
/// ``MeasurableDie/clampStep(_:)``.
public struct ClampStep: Sendable, Hashable {
    /// The codes held before the step, until the gates are steady.
    public var hold: NeuronRegisters
    /// The clamp voltage before the step, in volts.
    public var holdVoltage: Double
    /// The codes from time 0.
    public var registers: NeuronRegisters
    /// The clamp voltage from time 0, in volts.
    public var voltage: Double
    /// How long the current is sampled, in seconds.
    public var duration: Double
    /// The interval between samples, in seconds; the first sample is at one
    /// interval after the step.
    public var sampleInterval: Double

    public init(
        hold: NeuronRegisters, holdVoltage: Double, registers: NeuronRegisters, voltage: Double, duration: Double,
        sampleInterval: Double
    ) {
        self.hold = hold
        self.holdVoltage = holdVoltage
        self.registers = registers
        self.voltage = voltage
        self.duration = duration
        self.sampleInterval = sampleInterval
    }

    /// The sample times: k · interval for k = 1 … ⌊duration / interval⌋.
    public var sampleTimes: [Double] {
        let count = Int((duration / sampleInterval).rounded(.down))
        return (1...max(count, 1)).map { Double($0) * sampleInterval }
    }
}

/// Samples of one measured quantity over time.
public struct SampledTrace: Sendable, Hashable {
    /// Sample times in seconds.
    public var times: [Double]
    /// The readings (A for a clamp current, V for a membrane voltage).
    public var values: [Double]

    public init(times: [Double], values: [Double]) {
        precondition(times.count == values.count, "one reading per sample time")
        self.times = times
        self.values = values
    }
}

/// A free-running recording: the sampled membrane voltage and its spikes.
public struct Recording: Sendable, Hashable {
    /// The membrane voltage in volts.
    public var voltage: SampledTrace
    /// Upward crossings of the threshold, in seconds (at the first sample above it).
    public var spikeTimes: [Double]

    public init(voltage: SampledTrace, spikeTimes: [Double]) {
        self.voltage = voltage
        self.spikeTimes = spikeTimes
    }
}
