/// How an emulated bench reads a die: noise, the smallest current it
/// resolves, how fast it samples and over what range it can clamp.
///
/// A current sample reads I·(1 + ε_rel) + ε_add, with ε_rel ~ N(0, relativeNoise²)
/// and ε_add ~ N(0, additiveNoise²) drawn afresh for every sample, after a
/// current smaller in magnitude than ``currentFloor`` has read as 0. A steady
/// reading averages ``samplesPerReading`` samples. A voltage sample adds
/// N(0, voltageNoise²).
///
/// The defaults are assumptions about a bench, not figures from the chip's
/// papers (which report no bench noise): a transimpedance amplifier of
/// 10 MΩ over a 100 kHz band has a thermal noise of about 13 pA RMS (10 pA
/// here), pad leakage sets a floor near 1 pA, and a 1 MS/s acquisition card
/// samples every 1 µs. The gain is taken as calibrated (no relative noise);
/// set ``relativeNoise`` to study a bench whose gain drifts.
public struct MeasurementModel: Sendable, Hashable {
    /// The standard deviation of each current sample's relative error (≥ 0).
    public var relativeNoise: Double
    /// The standard deviation of each current sample's additive error, in A (≥ 0).
    public var additiveNoise: Double
    /// Currents of smaller magnitude read as 0, in A (≥ 0).
    public var currentFloor: Double
    /// The standard deviation of each voltage sample's error, in V (≥ 0).
    public var voltageNoise: Double
    /// The shortest interval between samples, in s (> 0).
    public var minimumSampleInterval: Double
    /// Samples averaged into one steady clamp reading (≥ 1).
    public var samplesPerReading: Int
    /// The voltages the clamp can hold, in V.
    public var clampRange: ClosedRange<Double>

    /// Creates a measurement model.
    /// - Throws: ``MeasurementError/invalidSetting(name:value:)`` naming a
    ///   negative or non-finite noise or floor, a non-positive interval or an
    ///   empty average.
    public init(
        relativeNoise: Double = 0, additiveNoise: Double = 10e-12, currentFloor: Double = 1e-12,
        voltageNoise: Double = 1e-3, minimumSampleInterval: Double = 1e-6, samplesPerReading: Int = 100,
        clampRange: ClosedRange<Double> = 0...3.3
    ) throws(MeasurementError) {
        for (name, value) in [
            ("relative noise", relativeNoise), ("additive noise", additiveNoise), ("current floor", currentFloor),
            ("voltage noise", voltageNoise),
        ] where !(value.isFinite && value >= 0) {
            throw .invalidSetting(name: name, value: value)
        }
        guard minimumSampleInterval.isFinite && minimumSampleInterval > 0 else {
            throw .invalidSetting(name: "minimum sample interval", value: minimumSampleInterval)
        }
        guard samplesPerReading >= 1 else {
            throw .invalidSetting(name: "samples per reading", value: Double(samplesPerReading))
        }
        guard clampRange.lowerBound.isFinite && clampRange.upperBound.isFinite else {
            throw .invalidSetting(name: "clamp range", value: clampRange.upperBound)
        }
        self.init(
            unchecked: relativeNoise, additiveNoise: additiveNoise, currentFloor: currentFloor,
            voltageNoise: voltageNoise, minimumSampleInterval: minimumSampleInterval,
            samplesPerReading: samplesPerReading, clampRange: clampRange)
    }

    private init(
        unchecked relativeNoise: Double, additiveNoise: Double, currentFloor: Double, voltageNoise: Double,
        minimumSampleInterval: Double, samplesPerReading: Int, clampRange: ClosedRange<Double>
    ) {
        self.relativeNoise = relativeNoise
        self.additiveNoise = additiveNoise
        self.currentFloor = currentFloor
        self.voltageNoise = voltageNoise
        self.minimumSampleInterval = minimumSampleInterval
        self.samplesPerReading = samplesPerReading
        self.clampRange = clampRange
    }

    /// The default bench (see above).
    public static let bench = MeasurementModel(
        unchecked: 0, additiveNoise: 10e-12, currentFloor: 1e-12, voltageNoise: 1e-3, minimumSampleInterval: 1e-6,
        samplesPerReading: 100, clampRange: 0...3.3)

    /// A bench without noise: exact readings, but still the floor, the
    /// sampling and the clamp range of ``bench``.
    public static let noiseless: MeasurementModel = {
        var model = bench
        model.additiveNoise = 0
        model.voltageNoise = 0
        return model
    }()
}

/// What each step of a measurement costs in bench time.
///
/// Defaults (assumptions about a bench): a register write over SPI with its
/// framing takes 10 µs; after programming or a voltage change the bench
/// waits 1 ms for the clamp and the gates to settle; each measurement costs
/// 1 ms of instrument overhead (trigger, range, transfer).
public struct BenchTiming: Sendable, Hashable {
    /// Seconds per register written.
    public var registerWrite: Double
    /// Seconds waited before a steady reading or a step.
    public var settling: Double
    /// Seconds of overhead per measurement.
    public var overhead: Double

    public init(registerWrite: Double = 10e-6, settling: Double = 1e-3, overhead: Double = 1e-3) {
        self.registerWrite = registerWrite
        self.settling = settling
        self.overhead = overhead
    }

    public static let standard = BenchTiming()
}
