import NeuroDynChip

/// Errors of bring-up: a measurement the bench refused, a factor the
/// measurements did not identify, or a calibration that failed.
public enum BringUpError: Error, Sendable {
    /// The die refused or failed a measurement.
    case measurement(MeasurementError)
    /// A factor's curve fit failed (`factor` names it, e.g. `dIb.m.alpha[3]`).
    case unidentified(factor: String, reason: String)
    /// A characterization setting that cannot work.
    case invalidSetting(name: String, value: Double)
    /// The re-fit on the estimated factors failed.
    case calibration(FittingError)
}

extension BringUpError: CustomStringConvertible {
    public var description: String {
        switch self {
        case let .measurement(error): return "measurement failed: \(error.description)"
        case let .unidentified(factor, reason): return "\(factor) could not be estimated: \(reason)"
        case let .invalidSetting(name, value): return "characterization setting \(name) = \(value) is not allowed"
        case let .calibration(error): return "calibration failed: \(error.description)"
        }
    }
}
