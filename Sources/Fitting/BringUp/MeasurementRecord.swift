import NeuroDynChip

/// What a calibration from measurements records (the `measured` object of a
/// calibrated file's `calibration`): the bench's noise, what was measured
/// and, for an emulated die, how far the estimate was from its true factors.
public struct MeasurementRecord: Sendable, Hashable, Encodable {
    /// The measurements made and the bench time they took.
    public var ledger: BenchLedger
    /// The standard deviation of each current sample's relative error.
    public var relativeNoise: Double
    /// The standard deviation of each current sample's additive error, in A.
    public var additiveNoise: Double
    /// The seed of the noise.
    public var noiseSeed: UInt64
    /// The RMS relative error of the estimated factors against the die's
    /// true ones (known only for an emulated die).
    public var estimateError: Double?

    public init(
        ledger: BenchLedger, relativeNoise: Double, additiveNoise: Double, noiseSeed: UInt64, estimateError: Double?
    ) {
        self.ledger = ledger
        self.relativeNoise = relativeNoise
        self.additiveNoise = additiveNoise
        self.noiseSeed = noiseSeed
        self.estimateError = estimateError
    }

    enum CodingKeys: String, CodingKey {
        case ledger = "bench", relativeNoise = "relative_noise", additiveNoise = "additive_noise_A"
        case noiseSeed = "bench_seed", estimateError = "factor_error_rms"
    }
}
