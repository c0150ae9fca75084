import Foundation

/// The package's Markdown documents, found from this file's place in the package.
enum Documentation {
    /// The package root (the folder holding `Package.swift`).
    static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// `README.md` and every `docs/*.md`, relative to the package root, in that
    /// order (the `docs` files sorted by name). Listed once, when first used.
    static let documents: [String] = {
        let docs = (try? FileManager.default.contentsOfDirectory(
            atPath: packageRoot.appendingPathComponent("docs").path)) ?? []
        return ["README.md"] + docs.filter { $0.hasSuffix(".md") }.sorted().map { "docs/\($0)" }
    }()

    /// The text of a document, given relative to the package root.
    static func text(of document: String) throws -> String {
        try String(contentsOf: packageRoot.appendingPathComponent(document), encoding: .utf8)
    }
}
