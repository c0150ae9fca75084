import NeuroDynChip

/// Calibration of a die that can only be measured: characterize it
/// (``DieCharacterization``), then calibrate its codes for the estimated
/// factors (``DieCalibration``).
///
/// The die is measured once; the search with the die in the loop runs on
/// the model of the die the estimate describes, so it costs no bench time.
public struct MeasuredCalibration: Sendable {
    /// How the factors are estimated.
    public var characterization: DieCharacterization
    /// How the codes are chosen for the estimated factors.
    public var calibration: DieCalibration

    public init(characterization: DieCharacterization = DieCharacterization(), calibration: DieCalibration) {
        self.characterization = characterization
        self.calibration = calibration
    }

    /// Characterizes `die` and calibrates the fit for it.
    ///
    /// - Returns: the calibrated fit (its ``ChipFit/neuron`` models the die
    ///   as estimated) and the estimate, with what measuring cost.
    /// - Throws: ``BringUpError`` when a measurement or a fit fails.
    public func calibrate<Die: MeasurableDie>(_ die: inout Die) throws(BringUpError) -> (fit: ChipFit, estimate: DieEstimate) {
        let estimate = try characterization.characterize(&die)
        do {
            return (try calibration.calibrate(estimate.factors), estimate)
        } catch {
            throw .calibration(error)
        }
    }
}

/// The emulated bench of a population: every die of a ``CalibrationRun`` is
/// an ``EmulatedDie`` over its drawn factors, measured through `measurement`
/// with noise from stream k (the instance) of `noiseSeed`.
public struct EmulatedBench: Sendable, Hashable {
    public var measurement: MeasurementModel
    public var timing: BenchTiming
    public var noiseSeed: UInt64

    public init(measurement: MeasurementModel = .bench, timing: BenchTiming = .standard, noiseSeed: UInt64 = 0) {
        self.measurement = measurement
        self.timing = timing
        self.noiseSeed = noiseSeed
    }

    /// Die `instance` with deviations `factors`, run as `neuron` is (its biases and constants).
    public func die(_ factors: MismatchFactors, instance: UInt64, like neuron: NeuroDynNeuron) -> EmulatedDie {
        EmulatedDie(
            factors: factors, biases: neuron.biases, constants: neuron.constants, measurement: measurement,
            timing: timing, seed: noiseSeed, stream: instance)
    }
}
