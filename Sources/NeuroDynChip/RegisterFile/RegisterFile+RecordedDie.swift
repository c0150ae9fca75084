import Foundation

extension RegisterFile {
    /// The die a register file's codes were calibrated for: the factors that
    /// a calibration records in `fit.die` (`neurodyn-factors/1`), or nil when
    /// the file records none (a nominal fit, or a file from elsewhere).
    ///
    /// A simulation of such a file should model that die: its codes carry the
    /// nominal currents only on it.
    ///
    /// - Throws: ``RegisterFileError`` naming the key when `fit.die` is present
    ///   but invalid, or the data is not a JSON object.
    public static func recordedDie(in data: Data) throws(RegisterFileError) -> MismatchFactors? {
        try decodeValidated(DieRecord.self, from: data).fit?.die
    }
}

/// The part of a register file that records a calibrated die.
private struct DieRecord: Decodable {
    struct Fit: Decodable {
        let die: MismatchFactors?
    }

    let fit: Fit?
}

extension RegisterFile {
    /// Decodes any part of a register file's JSON (a reader's own view of
    /// keys the file may carry), with errors that name the key path as
    /// ``decode(_:)``'s do.
    ///
    /// - Throws: ``RegisterFileError``.
    public static func decodePart<T: Decodable>(_ type: T.Type, from data: Data) throws(RegisterFileError) -> T {
        try decodeValidated(type, from: data)
    }
}
