/// What a calibrated register file says of its calibration: which die it is
/// for and how the die fired before and after (the `calibration` object).
public struct CalibrationRecord: Sendable, Hashable, Encodable {
    /// Where the die's factors came from, in words (`"σ = 0.15, seed 7,
    /// instance 3"`, or a factors file's name).
    public var source: String
    /// The die with the nominal codes.
    public var before: FidelityReport
    /// The die with the calibrated codes.
    public var after: FidelityReport
    /// For a die calibrated from measurements: what was measured.
    public var measured: MeasurementRecord?

    public init(source: String, before: FidelityReport, after: FidelityReport, measured: MeasurementRecord? = nil) {
        self.source = source
        self.before = before
        self.after = after
        self.measured = measured
    }

    enum CodingKeys: String, CodingKey {
        case source, before = "fidelity_before", after = "fidelity_after", measured
    }
}
