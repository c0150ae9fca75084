import Foundation

/// An `ndfit` command line from a Markdown document's `sh` code blocks.
///
/// Extraction guarantees:
/// - only lines inside fenced code blocks whose info string's first word is
///   `sh` are looked at (backtick or tilde fences, closed by a fence of the
///   same character at least as long; an unclosed block runs to the end);
/// - of those, only lines whose first word is `ndfit` are kept, in document
///   order (`make …`, comments and blank lines are skipped);
/// - a kept line is the whole line, trimmed of surrounding whitespace, with its
///   trailing `# comment` left in for the shell to ignore; each line is one
///   command (no `\` continuations);
/// - a line expects failure when its comment's first word is `fails`
///   (`# fails: …`); a `#` inside quotes or inside a word starts no comment.
struct DocumentationCommand: Equatable, Sendable, CustomStringConvertible {
    /// The line as the shell gets it.
    let line: String
    /// Its 1-based line number in the document.
    let lineNumber: Int
    /// Whether the document says the line fails.
    let expectsFailure: Bool

    var description: String { "line \(lineNumber): \(line)" }

    static func extract(fromMarkdown text: String) -> [DocumentationCommand] {
        var commands: [DocumentationCommand] = []
        var fence: (character: Character, length: Int, isShell: Bool)?
        for (index, rawLine) in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).enumerated() {
            let line = rawLine.trimmingCharacters(in: .whitespacesAndNewlines)
            if let open = fence {
                let run = line.prefix { $0 == open.character }
                if run.count >= open.length && line.dropFirst(run.count).allSatisfy(\.isWhitespace) {
                    fence = nil
                } else if open.isShell, line.split(whereSeparator: \.isWhitespace).first == "ndfit" {
                    let comment = Self.comment(in: line)
                    let expectsFailure = comment.map { $0.prefix(while: \.isLetter) == "fails" } ?? false
                    commands.append(DocumentationCommand(
                        line: line, lineNumber: index + 1, expectsFailure: expectsFailure))
                }
            } else if let character = line.first, character == "`" || character == "~" {
                let run = line.prefix { $0 == character }
                guard run.count >= 3 else { continue }
                let info = line.dropFirst(run.count).split(whereSeparator: \.isWhitespace).first
                fence = (character, run.count, info == "sh")
            }
        }
        return commands
    }

    /// The text of a shell line's trailing comment after its `#`, trimmed, or
    /// nil without one. A `#` starts a comment at the start of a word and
    /// outside quotes, as in `sh`.
    static func comment(in line: String) -> String? {
        var quote: Character?
        var escaped = false
        var startsWord = true
        for (offset, character) in zip(line.indices, line) {
            let wordStart = startsWord
            startsWord = false
            if escaped { escaped = false; continue }
            switch (quote, character) {
            case (nil, "\\"), ("\"", "\\"): escaped = true
            case (nil, "'"), (nil, "\""): quote = character
            case (let open?, _) where character == open: quote = nil
            case (nil, "#") where wordStart:
                return line[line.index(after: offset)...].trimmingCharacters(in: .whitespaces)
            case (nil, _) where character.isWhitespace: startsWord = true
            default: break
            }
        }
        return nil
    }
}
