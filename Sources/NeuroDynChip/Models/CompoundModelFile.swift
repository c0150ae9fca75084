import Foundation

/// The `neurodyn-compound/1` JSON format: a compound neuron, its parts
/// written as `neurodyn-model/1` models are (without `format`), on one
/// membrane (see docs/formats.md).
///
/// ```json
/// {"format": "neurodyn-compound/1", "name": "bursting-pair", "voltage_origin": "0 mV",
///  "design_current": "-5 uA_per_cm2",
///  "parts": [{"name": "spiking", "capacitance": "1 uF_per_cm2", "channels": […]},
///            {"name": "slow", "capacitance": "1 uF_per_cm2", "channels": […]}]}
/// ```
public enum CompoundModelFile {
    /// The format identifier.
    public static let formatIdentifier = "neurodyn-compound/1"

    /// Whether JSON `data` declares this format (whatever else it holds).
    public static func declares(_ data: Data) -> Bool {
        guard let root = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else { return false }
        return root["format"] as? String == formatIdentifier
    }

    /// Reads a compound from JSON `data`; `fileName` goes into messages.
    ///
    /// - Throws: ``ModelError/file(_:location:reason:)`` naming the key
    ///   (`parts[1].channels[0].conductance`), also for a part the chip
    ///   cannot hold.
    public static func read(_ data: Data, fileName: String) throws(ModelError) -> CompoundModel {
        let reader = NeuronModelFile.Reader(file: fileName)
        let root = try reader.object(try reader.parse(data), "the document")
        try reader.checkFormat(root, formatIdentifier)
        guard let list = root["parts"] as? [Any] else {
            throw reader.fail("parts", root["parts"] == nil ? "is missing" : "must be a list")
        }
        var parts: [NeuronModel] = []
        for (k, entry) in list.enumerated() {
            let path = "parts[\(k)]"
            let part = try reader.object(entry, path)
            if part["voltage_origin"] != nil {
                throw reader.fail("\(path).voltage_origin", "a part has no origin of its own: the compound's voltage_origin applies to every part")
            }
            let model = try reader.neuron(part, at: path + ".", name: "part \(k)")
            do {
                try model.validate()
            } catch {
                throw reader.fail(path, error.description)
            }
            parts.append(model)
        }
        let compound = CompoundModel(
            name: try reader.string(root["name"], "name"), summary: (root["summary"] as? String) ?? "", parts: parts,
            voltageOrigin: root["voltage_origin"] == nil ? nil : try reader.quantity(root["voltage_origin"], "voltage_origin", .voltage),
            designCurrent: root["design_current"] == nil
                ? nil : try reader.quantity(root["design_current"], "design_current", .currentDensity))
        do {
            _ = try compound.target()
        } catch {
            throw reader.fail("", error.description)
        }
        return compound
    }

    /// The compound as JSON (sorted keys, indented): what `read` reads back.
    public static func write(_ compound: CompoundModel) -> Data {
        var root: [String: Any] = [
            "format": formatIdentifier, "name": compound.name, "summary": compound.summary,
            "parts": compound.parts.map { part in
                var object = NeuronModelFile.object(part)
                object["voltage_origin"] = nil
                return object
            },
        ]
        if let origin = compound.voltageOrigin { root["voltage_origin"] = "\(origin) mV" }
        if let current = compound.designCurrent { root["design_current"] = "\(current) uA_per_cm2" }
        return NeuronModelFile.json(root)
    }
}
