import ArgumentParser
import Foundation
import NeuroDynChip

/// Output formats of the commands that print a report or a document.
enum ReportFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json
}

/// `--output`, shared by every command that emits a result.
struct OutputOptions: ParsableArguments {
    @Option(help: ArgumentHelp(
        "Write the result to this file instead of standard output; the file is replaced whole or not at all.",
        valueName: "file"))
    var output: String?

    func validate() throws {
        if let output, output.isEmpty { throw ValidationError("--output needs a file name") }
    }

    /// The format a command that writes documents uses when none is given:
    /// json when `--output` names a `.json` file, text otherwise.
    var impliedFormat: ReportFormat {
        output?.lowercased().hasSuffix(".json") == true ? .json : .text
    }

    /// Emits `data`: to standard output, or atomically to `--output`
    /// (through ``stream(_:)``: a temporary file in the same folder, then a
    /// rename), so an existing file is never left half-written.
    func emit(_ data: Data) throws {
        try stream { $0.write(data) }
    }

    /// Emits `value` as a JSON document (sorted keys, as every document ndfit
    /// writes) ending in a newline.
    func emitJSON<T: Encodable>(_ value: T) throws {
        var data = try RegisterFile.encoder.encode(value)
        data.append(0x0A)
        try emit(data)
    }
}

/// A failure of a command that is not a usage error (exit status 1).
struct CommandFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
