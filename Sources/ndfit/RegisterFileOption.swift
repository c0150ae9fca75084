import ArgumentParser
import Foundation
import NeuroDynChip

/// `--registers FILE`: a register file to read (the default chip when absent).
struct RegisterFileOption: ParsableArguments {
    @Option(help: ArgumentHelp(
        "A register file (neurodyn-registers/1) to use; the default chip when omitted. A calibrated die's file (from `ndfit calibrate`) is modelled as that die.",
        valueName: "file"))
    var registers: String?

    func validate() throws {
        if let registers, registers.isEmpty { throw ValidationError("--registers needs a file name") }
    }

    /// The register file, or `nil` when none was given.
    /// - Throws: ``CommandFailure`` naming the file and the problem (missing,
    ///   unreadable, empty, truncated, malformed, or breaking a rule of the format).
    func load() throws -> RegisterFile? {
        guard let registers else { return nil }
        return try Self.read(registers)
    }

    /// The file's first neuron as a chip: the die the file was calibrated for
    /// when it records one (`fit.die`), a nominal die otherwise; nil without
    /// `--registers`.
    /// A file with compound neurons is refused unless `allowsCompound`
    /// (for `verify`, which runs them).
    func loadNeuron(allowsCompound: Bool = false) throws
        -> (file: RegisterFile, neuron: NeuroDynNeuron, die: MismatchFactors?, data: Data)?
    {
        guard let registers else { return nil }
        let (file, data) = try Self.decoded(registers)
        let die: MismatchFactors?
        do {
            die = try RegisterFile.recordedDie(in: data)
        } catch {
            throw CommandFailure("\(registers): \(error.description)")
        }
        if !allowsCompound { try Self.refuseCompound(file, path: registers) }
        var neuron = file.neuron()
        if let die { neuron.perturb(with: die) }
        return (file, neuron, die, data)
    }

    static func read(_ path: String) throws -> RegisterFile {
        let file = try decoded(path).file
        try refuseCompound(file, path: path)
        return file
    }

    /// The file at `path`, compound neurons or not, and its bytes (for the
    /// records beside the registers), read once.
    static func decoded(_ path: String) throws -> (file: RegisterFile, data: Data) {
        let data = try InputFile.read(path)
        do {
            return (try RegisterFile.decode(data), data)
        } catch {
            throw CommandFailure("\(path): \(error.description)")
        }
    }

    /// Refuses compound neurons where a command takes single neurons
    /// (`board`, `perturb` without `--simulate`): running a compound's
    /// neurons apart would be wrong.
    static func refuseCompound(_ file: RegisterFile, path: String) throws {
        guard file.compoundNeurons.isEmpty else {
            throw CommandFailure("\(path): has compound_neurons, and this takes single neurons (simulate, verify, calibrate and perturb --simulate take compound files)")
        }
    }
}

/// Reading input files with errors that name them.
enum InputFile {
    /// The folder of the file at `path`, where files it names are looked for.
    static func folder(of path: String) -> URL { URL(fileURLWithPath: path).deletingLastPathComponent() }

    static func read(_ path: String) throws -> Data {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw CommandFailure("\(path): no such file")
        }
        guard !isDirectory.boolValue else { throw CommandFailure("\(path): is a folder, not a file") }
        do {
            return try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw CommandFailure("\(path): cannot be read (\(error.localizedDescription))")
        }
    }
}
