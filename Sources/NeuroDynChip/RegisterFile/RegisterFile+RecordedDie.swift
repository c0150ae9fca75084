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

    /// The dies a compound file's neurons were calibrated for: `fit.dies`,
    /// a list of `{"neuron": i, "factors": {…}}` (factors as in
    /// `neurodyn-factors/1`), by neuron index; empty when the file records
    /// none.
    ///
    /// - Throws: ``RegisterFileError`` naming the key when `fit.dies` is
    ///   invalid or names a neuron twice, or the data is not a JSON object.
    public static func recordedDies(in data: Data) throws(RegisterFileError) -> [Int: MismatchFactors] {
        var dies: [Int: MismatchFactors] = [:]
        for (k, entry) in (try decodeValidated(DieRecord.self, from: data).fit?.dies ?? []).enumerated() {
            guard entry.neuron >= 0, dies.updateValue(entry.factors, forKey: entry.neuron) == nil else {
                throw .malformed(reason: "fit.dies[\(k)].neuron: \(entry.neuron) is negative or named twice")
            }
        }
        return dies
    }
}

/// The part of a register file that records a calibrated die.
private struct DieRecord: Decodable {
    struct Fit: Decodable {
        let die: MismatchFactors?
        let dies: [NeuronDie]?
    }

    struct NeuronDie: Decodable {
        let neuron: Int
        let factors: MismatchFactors
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
