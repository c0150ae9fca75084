import Foundation

extension CompoundModel {
    /// Whether `reference` names a compound model: a built-in compound's
    /// name, or a file that declares `neurodyn-compound/1`.
    public static func names(_ reference: String) -> Bool {
        if builtIn(named: reference) != nil { return true }
        guard let data = FileManager.default.contents(atPath: reference) else { return false }
        return CompoundModelFile.declares(data)
    }

    /// The compound `reference` names: a built-in compound's name, or a
    /// `neurodyn-compound/1` file.
    ///
    /// - Throws: ``ModelError/unknownModel(_:known:)`` when it names neither;
    ///   ``ModelError/file(_:location:reason:)`` for a file that cannot be
    ///   read or holds a bad compound.
    public static func load(_ reference: String) throws(ModelError) -> CompoundModel {
        if let builtIn = builtIn(named: reference) { return builtIn }
        guard FileManager.default.fileExists(atPath: reference) else {
            throw .unknownModel(reference, known: builtIns.map(\.name))
        }
        let url = URL(fileURLWithPath: reference)
        guard let data = FileManager.default.contents(atPath: reference) else {
            throw .file(url.lastPathComponent, location: "", reason: "cannot be read")
        }
        return try CompoundModelFile.read(data, fileName: url.lastPathComponent)
    }
}
