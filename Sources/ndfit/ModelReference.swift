import NeuroDynChip

/// A model named on the command line (`--model NAME|FILE|FILE#CELL`).
enum ModelReference {
    /// The model `reference` names and the file it was read from as given
    /// (nil for a built-in), which fits record.
    static func load(_ reference: String) throws(ModelError) -> (model: NeuronModel, file: String?) {
        let model = try NeuronModel.load(reference)
        return (model, NeuronModel.builtIn(named: reference) == nil ? reference : nil)
    }
}
