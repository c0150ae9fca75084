/// `docs/cli.md`, assembled from the help the `ndfit` binary prints.
///
/// `scripts/cli-reference.sh` writes the same bytes; change both together.
/// The format:
///
///     # ndfit command-line reference
///     <blank>
///     <intro, one line>
///     then, for `ndfit` and for each subcommand in the order `ndfit --help`
///     lists them under SUBCOMMANDS:
///     <blank>
///     ## ndfit[ <subcommand>]
///     <blank>
///     ```text
///     <`ndfit --help` or `ndfit help <subcommand>`, trailing newlines removed>
///     ```
///
/// The file ends with one newline. The binary runs with `COLUMNS=100` in its
/// environment, so the wrapping does not depend on the terminal.
enum CLIReference {
    /// The width the help is wrapped to.
    static let columns = "100"

    static let title = "# ndfit command-line reference"

    static let intro = "What `ndfit --help` and `ndfit help <subcommand>` print (100 columns wide);"
        + " regenerate with `make docs-reference`."

    /// The reference, given the binary's help: `help(nil)` is `ndfit --help`,
    /// `help(name)` is `ndfit help name`.
    static func markdown(help: (String?) throws -> String) rethrows -> String {
        let root = try help(nil)
        var text = "\(title)\n\n\(intro)\n"
        for subcommand in [nil] + subcommands(inHelp: root) {
            let body = subcommand == nil ? root : try help(subcommand)
            let heading = ["ndfit", subcommand].compactMap { $0 }.joined(separator: " ")
            text += "\n## \(heading)\n\n```text\n\(withoutTrailingNewlines(body))\n```\n"
        }
        return text
    }

    /// The first words of the lines indented by two spaces under `SUBCOMMANDS:`,
    /// up to the first blank line.
    static func subcommands(inHelp help: String) -> [String] {
        let lines = help.split(separator: "\n", omittingEmptySubsequences: false)
        guard let start = lines.firstIndex(of: "SUBCOMMANDS:") else { return [] }
        return lines[(start + 1)...].prefix { !$0.isEmpty }.compactMap { line in
            guard line.hasPrefix("  "), let first = line.dropFirst(2).first,
                  first.isASCII, first.isLowercase else { return nil }
            return line.split(separator: " ").first.map(String.init)
        }
    }

    private static func withoutTrailingNewlines(_ text: String) -> Substring {
        text[..<(text.lastIndex { $0 != "\n" }.map(text.index(after:)) ?? text.startIndex)]
    }
}
