import ArgumentParser
import NeuroDynChip

/// A model named on the command line (`--model NAME|FILE|FILE#CELL`).
enum ModelReference {
    /// The model `reference` names and the file it was read from as given
    /// (nil for a built-in), which fits record.
    ///
    /// - Throws: `ValidationError` (exit 64) when `reference` names neither a
    ///   built-in nor a file; ``ModelError`` (exit 1) for a file that cannot
    ///   be read or holds a bad model.
    static func load(_ reference: String) throws -> (model: NeuronModel, file: String?) {
        do {
            let model = try NeuronModel.load(reference)
            return (model, NeuronModel.builtIn(named: reference) == nil ? reference : nil)
        } catch let error where error.isUnknownModel {
            throw ValidationError(error.description)
        }
    }
}

extension ModelError {
    fileprivate var isUnknownModel: Bool {
        if case .unknownModel = self { return true }
        return false
    }
}
