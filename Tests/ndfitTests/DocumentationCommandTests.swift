import Foundation
import Testing

/// Every `ndfit` line in the `sh` blocks of `README.md` and `docs/*.md` runs as
/// written: in order, per document, through `/bin/sh -c` in a fresh folder
/// per document (so a file one line writes is there for the next), with the
/// built `ndfit` first on `PATH` and no standard input. A line exits 0 unless
/// its comment says `# fails`; then it exits non-zero with exactly one
/// `ndfit: error:` line on standard error. Documents run in parallel with
/// each other; the lines of one document run one after another.
@Suite("Documentation commands")
struct DocumentationCommandTests {
    @Test("Every ndfit line of a document runs as written", arguments: Documentation.documents)
    func commandsRun(document: String) throws {
        let commands = DocumentationCommand.extract(fromMarkdown: try Documentation.text(of: document))
        let directory = try BinaryRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        for command in commands {
            let start = ContinuousClock.now
            let outcome = try ShellRunner.run(command.line, in: directory)
            let place = "\(document):\(command.lineNumber): `\(command.line)` (\(ContinuousClock.now - start))"
            if command.expectsFailure {
                let errorLines = outcome.standardError.split(separator: "\n")
                #expect(outcome.status != 0, "\(place) is documented to fail but exited 0")
                #expect(
                    errorLines.count == 1 && errorLines[0].hasPrefix("ndfit: error:"),
                    "\(place) should fail with one `ndfit: error:` line; its standard error:\n\(outcome.standardError)")
            } else {
                #expect(
                    outcome.status == 0,
                    "\(place) exited \(outcome.status); its standard error:\n\(outcome.standardError)")
            }
        }
    }

    static let sample = """
        # Title

        ```sh
        make run                         # not ndfit
        # ndfit in a comment
        ndfit fit --scl-v 3              # kept, with its comment
        ndfit fit --scl-v 4 --no-search  # fails: out of range

          ndfit simulate --label 'a # b' # failsafe is not fails
        ndfit verify#not-a-comment
        ```

        ```swift
        ndfit fit --in-swift
        ```

        ```text
        ndfit fit --in-text
        ```

        ~~~~sh
        ```
        ndfit perturb --count 2 #fails
        ~~~~
        ndfit fit --outside
        ``` sh title
        ndfit calibrate
        """

    @Test("The extractor keeps ndfit lines of sh blocks, with their comments, and reads # fails")
    func extractor() {
        let commands = DocumentationCommand.extract(fromMarkdown: Self.sample)
        #expect(commands == [
            DocumentationCommand(line: "ndfit fit --scl-v 3              # kept, with its comment",
                                 lineNumber: 6, expectsFailure: false),
            DocumentationCommand(line: "ndfit fit --scl-v 4 --no-search  # fails: out of range",
                                 lineNumber: 7, expectsFailure: true),
            DocumentationCommand(line: "ndfit simulate --label 'a # b' # failsafe is not fails",
                                 lineNumber: 9, expectsFailure: false),
            DocumentationCommand(line: "ndfit verify#not-a-comment", lineNumber: 10, expectsFailure: false),
            DocumentationCommand(line: "ndfit perturb --count 2 #fails", lineNumber: 23, expectsFailure: true),
            DocumentationCommand(line: "ndfit calibrate", lineNumber: 27, expectsFailure: false),
        ])
    }

    @Test("A comment starts at an unquoted # at the start of a word", arguments: [
        ("ndfit fit", nil),
        ("ndfit fit # fails: why", "fails: why"),
        ("ndfit fit --label 'x # y'", nil),
        ("ndfit fit --label \"x # y\" #  note ", "note"),
        ("ndfit fit --label x\\ #y", nil),
        ("ndfit fit --label a#b", nil),
    ] as [(String, String?)])
    func comment(line: String, expected: String?) {
        #expect(DocumentationCommand.comment(in: line) == expected)
    }
}
