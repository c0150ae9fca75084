import ArgumentParser
import Fitting
import NeuroDynChip

/// The emulated bench of `characterize`, `calibrate --measured` and
/// `perturb --calibrate --measured`: how its readings are perturbed.
struct BenchOptions: ParsableArguments {
    @Option(name: .customLong("relative-noise"), help: ArgumentHelp(
        "Standard deviation of each current sample's relative error (0.01: 1%).", valueName: "f"))
    var relativeNoise = 0.0

    @Option(name: .customLong("additive-noise"), help: ArgumentHelp(
        "Standard deviation of each current sample's additive error, in A (a bench amplifier's noise).",
        valueName: "A"))
    var additiveNoise = 10e-12

    @Option(name: .customLong("bench-seed"), help: ArgumentHelp(
        "Seed of the bench's measurement noise (die k of a population reads with stream k of it).", valueName: "N"))
    var noiseSeed: UInt64 = 0

    func validate() throws {
        for (name, value) in [("--relative-noise", relativeNoise), ("--additive-noise", additiveNoise)]
        where !(value.isFinite && value >= 0) {
            throw ValidationError("\(name) must be a finite number ≥ 0 (got \(value))")
        }
    }

    /// The bench these options describe (the defaults of ``MeasurementModel`` otherwise).
    func bench() throws -> EmulatedBench {
        do {
            return EmulatedBench(
                measurement: try MeasurementModel(relativeNoise: relativeNoise, additiveNoise: additiveNoise),
                noiseSeed: noiseSeed)
        } catch {
            throw ValidationError(error.description)
        }
    }

    /// What a calibrated file records of the measurements.
    func record(_ estimate: DieEstimate, truth: MismatchFactors) -> MeasurementRecord {
        MeasurementRecord(
            ledger: estimate.ledger, relativeNoise: relativeNoise, additiveNoise: additiveNoise, noiseSeed: noiseSeed,
            estimateError: estimate.relativeError(against: truth))
    }
}
