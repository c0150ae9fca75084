import Crypto
import Foundation
import NeuroDynChip

/// What a fit record says about the model it was fitted to, enough to
/// rebuild the target: the model's name, the file it came from (none for a
/// built-in) and the SHA-256 digest of the model as ndfit read it.
///
/// The digest is taken over the model's `neurodyn-model/1` form
/// (``NeuronModelFile/write(_:)``), not the file's bytes: a NeuroML cell's
/// included channel files count, its layout and comments do not, and a
/// built-in has a digest too. A model that no longer matches it (the file
/// edited since the fit) is refused rather than compared with the chip.
public struct ModelRecord: Sendable, Hashable {
    /// The model's name (`hh1952`, a file's cell id).
    public var name: String
    /// The file as given to the fit (`PATH` or `PATH#CELL`); nil for a built-in model.
    public var file: String?
    /// Lower-case hexadecimal SHA-256 of the model's `neurodyn-model/1` form.
    public var digest: String

    public init(name: String, file: String?, digest: String) {
        self.name = name
        self.file = file
        self.digest = digest
    }

    /// The record of `model`, read from `file` (nil for a built-in).
    public init(model: NeuronModel, file: String?) {
        self.init(name: model.name, file: file, digest: Self.digest(of: model))
    }

    /// The record of a compound `model`, read from `file` (nil for a
    /// built-in); its digest is over the `neurodyn-compound/1` form.
    public init(compound model: CompoundModel, file: String?) {
        self.init(name: model.name, file: file, digest: Self.digest(of: model))
    }

    /// The SHA-256 of `model`'s `neurodyn-compound/1` form, in lower-case hexadecimal.
    public static func digest(of model: CompoundModel) -> String {
        hexadecimal(SHA256.hash(data: CompoundModelFile.write(model)))
    }

    private static func hexadecimal(_ digest: SHA256.Digest) -> String {
        digest.map { byte in
            let hex = String(byte, radix: 16)
            return byte < 16 ? "0" + hex : hex
        }.joined()
    }

    /// The record of HH 1952, the model of files that name none.
    public static let hodgkinHuxley1952 = ModelRecord(model: .hodgkinHuxley1952, file: nil)

    /// The SHA-256 of `model`'s `neurodyn-model/1` form, in lower-case hexadecimal.
    public static func digest(of model: NeuronModel) -> String {
        hexadecimal(SHA256.hash(data: NeuronModelFile.write(model)))
    }

    /// The same record with a relative model file written relative to
    /// `folder` instead of the working folder (where a register file is
    /// written, so that the pair can move together). A built-in, an absolute
    /// path or a path that does not exist is kept as it is.
    ///
    /// - Parameter workingFolder: the folder the path was given in (the
    ///   process's working folder by default).
    public func relative(
        to folder: URL, from workingFolder: URL = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
    ) -> ModelRecord {
        guard let (path, cell) = fileParts else { return self }
        let resolved = workingFolder.appendingPathComponent(path)
        guard !path.hasPrefix("/"), FileManager.default.fileExists(atPath: resolved.path) else { return self }
        let model = resolved.standardizedFileURL.pathComponents
        let base = folder.standardizedFileURL.pathComponents
        var common = 0
        while common < min(model.count - 1, base.count) && model[common] == base[common] { common += 1 }
        let up = Array(repeating: "..", count: base.count - common)
        var copy = self
        copy.file = (up + model[common...]).joined(separator: "/") + cell
        return copy
    }

    /// ``file`` as its path and its `#CELL` suffix (empty when it has none).
    private var fileParts: (path: String, cell: String)? {
        guard let file else { return nil }
        let parts = file.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false)
        return (String(parts[0]), parts.count > 1 ? "#" + parts[1] : "")
    }

    /// The model the record names, loaded again: the built-in of that name,
    /// or the file (a relative path is tried from `folder`, the register
    /// file's own, then from the working folder). Its digest must match.
    ///
    /// - Throws: ``ModelError`` when the file cannot be found or read, or its
    ///   model is no longer the one fitted (the message gives both digests).
    public func load(relativeTo folder: URL? = nil) throws(ModelError) -> NeuronModel {
        try loaded(
            relativeTo: folder, from: { (reference) throws(ModelError) in try NeuronModel.load(reference) },
            builtIns: NeuronModel.builtIns, name: \.name, digest: Self.digest(of:))
    }
}

extension ModelRecord {
    /// The compound model the record names, loaded again as ``load(relativeTo:)`` loads a neuron model.
    ///
    /// - Throws: ``ModelError`` when the file cannot be found or read, or its
    ///   model is no longer the one fitted (the message gives both digests).
    public func loadCompound(relativeTo folder: URL? = nil) throws(ModelError) -> CompoundModel {
        try loaded(
            relativeTo: folder, from: { (reference) throws(ModelError) in try CompoundModel.load(reference) },
            builtIns: CompoundModel.builtIns, name: \.name, digest: Self.digest(of:))
    }

    /// The model of the record's file (read by `from`), or the built-in of
    /// its name, checked against its digest.
    private func loaded<Model>(
        relativeTo folder: URL?, from read: (String) throws(ModelError) -> Model, builtIns: [Model],
        name modelName: KeyPath<Model, String>, digest digestOf: (Model) -> String
    ) throws(ModelError) -> Model {
        let model: Model
        if let reference = fileReference(relativeTo: folder) {
            model = try read(reference)
        } else if let builtIn = builtIns.first(where: { $0[keyPath: modelName] == name }) {
            model = builtIn
        } else {
            throw .unknownModel(name, known: builtIns.map { $0[keyPath: modelName] })
        }
        let found = digestOf(model)
        guard found == digest else { throw .changed(model: file ?? name, found: found, recorded: digest) }
        return model
    }

    /// ``file`` as a path to load: tried from `folder` first when relative; nil for a built-in.
    private func fileReference(relativeTo folder: URL?) -> String? {
        guard let file, let (path, _) = fileParts else { return nil }
        if let folder, !path.hasPrefix("/"), FileManager.default.fileExists(atPath: folder.appendingPathComponent(path).path) {
            return folder.appendingPathComponent(file).path
        }
        return file
    }

    /// The model a register file's chip is compared with (`ndfit verify`,
    /// `ndfit simulate --model target`), with the file it comes from:
    /// `given` when there is one, which must then be the model the file's
    /// fit record names, if it names one; otherwise the model the record
    /// names, loaded again (``load(relativeTo:)``); otherwise HH 1952,
    /// unless the file's mapping measures voltages from another origin (the
    /// fit of another model whose record was lost), which is refused.
    ///
    /// - Parameters:
    ///   - data: the register file's bytes; nil for the default chip (HH 1952).
    ///   - given: a model the user named, with the file it came from (nil for a built-in).
    ///   - folder: the register file's folder, where a relative model file is also looked for.
    /// - Throws: ``FittingError/fitNotRecorded(_:)`` saying which model is
    ///   missing, changed or not the one fitted.
    public static func comparedModel(
        registerFile data: Data?, given: (model: NeuronModel, file: String?)?, relativeTo folder: URL? = nil
    ) throws(FittingError) -> (model: NeuronModel, file: String?) {
        let recorded = try data.flatMap { data throws(FittingError) in try ModelRecord.recorded(in: data) }
        if let given {
            let digest = ModelRecord.digest(of: given.model)
            if let recorded, recorded.digest != digest {
                throw .fitNotRecorded(
                    ModelError.changed(model: given.file ?? given.model.name, found: digest, recorded: recorded.digest)
                        .description)
            }
            return given
        }
        if let recorded {
            do {
                return (try recorded.load(relativeTo: folder), recorded.file)
            } catch {
                throw .fitNotRecorded(error.description)
            }
        }
        if let data, let origin = try? RegisterFile.decode(data).mapping?.modelVoltageOrigin, origin != 0 {
            throw .fitNotRecorded(
                "it is the fit of a model other than HH 1952 (model_voltage_origin \(origin) V) and does not name it: give the model")
        }
        return (.hodgkinHuxley1952, nil)
    }
}

extension FitTarget {
    /// The target of ``ModelRecord/comparedModel(registerFile:given:relativeTo:)``,
    /// made ready for the measures.
    ///
    /// - Throws: ``FittingError`` as that function and ``init(model:file:)`` do.
    public static func compared(
        registerFile data: Data?, given: (model: NeuronModel, file: String?)?, relativeTo folder: URL? = nil
    ) throws(FittingError) -> FitTarget {
        let chosen = try ModelRecord.comparedModel(registerFile: data, given: given, relativeTo: folder)
        return try FitTarget(model: chosen.model, file: chosen.file)
    }
}
