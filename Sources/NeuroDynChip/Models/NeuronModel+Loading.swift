import Foundation

extension NeuronModel {
    /// The model `reference` names: a built-in model's name (``builtIns``),
    /// or a file: `neurodyn-model/1` JSON, or NeuroML 2 (`PATH#CELL` picks a
    /// cell of a file with several). A file is recognised by its content
    /// (`<` first: XML), not its name.
    ///
    /// - Throws: ``ModelError`` naming the file, element and attribute.
    public static func load(_ reference: String) throws(ModelError) -> NeuronModel {
        if let builtIn = builtIn(named: reference) { return builtIn }
        var path = reference, cell: String?
        if !FileManager.default.fileExists(atPath: reference), let hash = reference.lastIndex(of: "#") {
            path = String(reference[..<hash])
            cell = String(reference[reference.index(after: hash)...])
        }
        guard FileManager.default.fileExists(atPath: path) else {
            throw .unknownModel(reference, known: builtIns.map(\.name))
        }
        let url = URL(fileURLWithPath: path)
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw .file(url.lastPathComponent, location: "", reason: "cannot be read")
        }
        let first = data.first { !($0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09) }
        if first == UInt8(ascii: "<") {
            return try NeuroMLReader.read(contentsOf: url, cellID: cell)
        }
        return try NeuronModelFile.read(data, fileName: url.lastPathComponent)
    }
}
