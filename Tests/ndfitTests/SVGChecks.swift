import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing

/// Checks on SVG documents: well-formed XML (Foundation's `XMLParser`) and
/// rendered to PNG by `rsvg-convert` from the PATH (`make test` installs it
/// from librsvg2-bin).
enum SVGChecks {
    /// Whether `data` parses as XML with an `svg` root element.
    static func isWellFormed(_ data: Data) -> Bool {
        final class Root: NSObject, XMLParserDelegate {
            var name: String?
            func parser(
                _ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
                qualifiedName: String?, attributes: [String: String] = [:]
            ) {
                if name == nil { name = elementName }
            }
        }
        let parser = XMLParser(data: data)
        let root = Root()
        parser.delegate = root
        return parser.parse() && root.name == "svg"
    }

    /// Whether `text` holds "nan" or "inf" as a word (any case).
    static func holdsNonFiniteNumber(_ text: String) -> Bool {
        text.range(of: "(?i)(^|[^a-z])(nan|inf|infinity)([^a-z]|$)", options: .regularExpression) != nil
    }

    /// `rsvg-convert` on the PATH, or nil.
    static let renderer: URL? = {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        return path.split(separator: ":").map { URL(fileURLWithPath: String($0)).appendingPathComponent("rsvg-convert") }
            .first { FileManager.default.isExecutableFile(atPath: $0.path) }
    }()

    /// Renders the SVG file at `svg` to a PNG next to it; returns the PNG's
    /// size in bytes (0 if the renderer failed). Records an issue when
    /// rsvg-convert is not on the PATH.
    static func renderedSize(of svg: URL) throws -> Int {
        guard let renderer else {
            Issue.record("rsvg-convert is not on the PATH: run `make test` or apt-get install librsvg2-bin")
            return 0
        }
        let png = svg.deletingPathExtension().appendingPathExtension("png")
        let process = Process()
        process.executableURL = renderer
        process.arguments = ["-o", png.path, svg.path]
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { return 0 }
        let bytes = try Data(contentsOf: png)
        // A PNG starts with its 8-byte signature.
        return bytes.starts(with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) ? bytes.count : 0
    }

    /// Checks every file of `names` in `folder`: present, well-formed, free of
    /// "nan" and "inf", and renderable.
    static func expectFigures(_ names: [String], in folder: URL, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let present = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".svg") }.sorted()
        #expect(present == names.sorted(), sourceLocation: sourceLocation)
        for name in names {
            let url = folder.appendingPathComponent(name)
            let data = try Data(contentsOf: url)
            #expect(isWellFormed(data), "\(name) is not well-formed XML", sourceLocation: sourceLocation)
            #expect(!holdsNonFiniteNumber(String(decoding: data, as: UTF8.self)), "\(name) holds a non-finite number",
                    sourceLocation: sourceLocation)
            #expect(try renderedSize(of: url) > 1000, "rsvg-convert could not render \(name)", sourceLocation: sourceLocation)
        }
    }
}
