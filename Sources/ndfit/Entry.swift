import ArgumentParser
import Fitting
import Foundation
import NeuroDynChip

/// Runs `ndfit`: errors become one line on standard error and the exit codes
/// of the contract (64 for usage and validation errors, 1 for other failures).
@main
enum Entry {
    static func main() {
        exit(run(CommandLine.arguments.dropFirst().map { $0 }))
    }

    /// Parses and runs `arguments`; returns the exit status.
    static func run(_ arguments: [String]) -> Int32 {
        do {
            var command = try NDFit.parseAsRoot(arguments)
            try command.run()
            return 0
        } catch {
            let code = NDFit.exitCode(for: error)
            if code == .success {
                // --help and --version.
                Terminal.writeOut(NDFit.fullMessage(for: error) + "\n")
                return 0
            }
            Terminal.writeError("ndfit: error: \(oneLine(describe(error)))\n")
            return code.rawValue
        }
    }

    /// Our own errors describe themselves; everything else is left to the parser.
    static func describe(_ error: any Error) -> String {
        switch error {
        case let error as NeuroDynError: error.description
        case let error as FittingError: error.description
        case let error as RegisterFileError: error.description
        case let error as CommandFailure: error.description
        case let error as ModelError: error.description
        default: NDFit.message(for: error)
        }
    }

    static func oneLine(_ text: String) -> String {
        let lines = text.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }
        return lines.first { !$0.isEmpty } ?? "unknown error"
    }
}
