import Foundation
import Testing

/// `docs/cli.md` is exactly what `scripts/cli-reference.sh` makes of the built
/// binary's help, so the reference cannot drift from the options.
@Suite("CLI reference")
struct CLIReferenceTests {
    /// The help `ndfit` prints with the arguments the script uses, at the
    /// script's width.
    static func help(_ subcommand: String?) throws -> String {
        let directory = try BinaryRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let line = subcommand.map { "ndfit help \($0)" } ?? "ndfit --help"
        let outcome = try ShellRunner.run(line, in: directory, extraEnvironment: ["COLUMNS": CLIReference.columns])
        guard outcome.status == 0 else {
            throw HelpFailure(line: line, status: outcome.status, standardError: outcome.standardError)
        }
        return outcome.standardOutput
    }

    struct HelpFailure: Error, CustomStringConvertible {
        let line: String, status: Int32, standardError: String
        var description: String { "`\(line)` exited \(status): \(standardError)" }
    }

    @Test("docs/cli.md matches the help of the built binary byte for byte")
    func referenceIsCurrent() throws {
        let expected = try CLIReference.markdown(help: Self.help)
        let file = Documentation.packageRoot.appendingPathComponent("docs/cli.md")
        let actual = try Data(contentsOf: file)
        if actual != Data(expected.utf8) {
            Issue.record("""
                docs/cli.md is out of date with the help of the built ndfit: run `make docs-reference`. \
                \(Self.firstDifference(String(decoding: actual, as: UTF8.self), expected))
                """)
        }
    }

    /// Where two texts first differ, by line, for a short failure message.
    static func firstDifference(_ actual: String, _ expected: String) -> String {
        let found = actual.split(separator: "\n", omittingEmptySubsequences: false)
        let wanted = expected.split(separator: "\n", omittingEmptySubsequences: false)
        let index = zip(found, wanted).enumerated().first { $1.0 != $1.1 }?.offset ?? min(found.count, wanted.count)
        let show = { (lines: [Substring]) in index < lines.count ? "`\(lines[index])`" : "(end of file)" }
        return "First difference at line \(index + 1): the file has \(show(found)), the binary gives \(show(wanted))."
    }

    @Test("The reference has a section for ndfit and each subcommand it lists")
    func sections() throws {
        let subcommands = CLIReference.subcommands(inHelp: try Self.help(nil))
        #expect(Set(["fit", "simulate", "perturb", "verify", "calibrate"]).isSubset(of: subcommands))
        let text = try CLIReference.markdown(help: Self.help)
        let headings = text.split(separator: "\n").filter { $0.hasPrefix("## ") }
        #expect(headings == ["## ndfit"] + subcommands.map { "## ndfit \($0)" })
    }
}
