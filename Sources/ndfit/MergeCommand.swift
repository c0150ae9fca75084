import ArgumentParser
import Foundation
import NeuroDynChip

/// `ndfit merge`: joins the reports of shards of one population.
struct MergeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "merge",
        abstract: "Join the --calibrate reports of shards of one population into the report of the whole run.",
        discussion: """
            Each shard is the JSON of `ndfit perturb --simulate --calibrate --format json` over \
            --first-instance K --count N of the same register file, σ, seed, budget and bench. The shards \
            may come in any order; together their instances must cover one range with no gap and no \
            overlap. The result is byte-identical to the report of one run over that range.
            """)

    @Argument(help: ArgumentHelp("The shards' reports (neurodyn-calibration/1).", valueName: "report"))
    var reports: [String]

    @OptionGroup var output: OutputOptions

    func validate() throws {
        guard !reports.isEmpty else { throw ValidationError("give at least one report to merge") }
    }

    func run() throws {
        let shards = try reports.map { path in
            let data = try InputFile.read(path)
            do {
                return (name: path, document: try JSONDecoder().decode(CalibrationReport.Document.self, from: data))
            } catch {
                throw CommandFailure("\(path): not a complete neurodyn-calibration/1 report (\(Self.reason(error)))")
            }
        }
        try output.stream { sink in try CalibrationReport.merged(shards, to: sink) }
    }

    /// A decoding error in a few words: the key path and what was wrong.
    private static func reason(_ error: any Error) -> String {
        guard let error = error as? DecodingError else { return "\(error)" }
        switch error {
        case let .keyNotFound(key, context):
            return "no \((context.codingPath + [key]).map(\.stringValue).joined(separator: "."))"
        case let .typeMismatch(_, context), let .valueNotFound(_, context):
            return "\(context.codingPath.map(\.stringValue).joined(separator: ".")): \(context.debugDescription)"
        case let .dataCorrupted(context):
            return context.codingPath.isEmpty ? "malformed or truncated JSON" : context.debugDescription
        @unknown default:
            return "\(error)"
        }
    }
}
