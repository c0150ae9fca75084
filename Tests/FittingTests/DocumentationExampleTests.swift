import Foundation
import Testing
import Fitting
import NeuroDynChip

/// The code blocks of the documentation are the examples compiled here: each
/// marked region of a test source must equal the first swift block of its
/// document (after removing the region's common indentation), and each
/// example runs.
@Suite("Documentation examples")
struct DocumentationExampleTests {
    static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The lines between `// BEGIN EXAMPLE name` and `// END EXAMPLE`, dedented.
    static func region(_ name: String, in source: String) throws -> String {
        let text = try String(
            contentsOf: root.appendingPathComponent("Tests/FittingTests/\(source)"), encoding: .utf8)
        let lines = text.components(separatedBy: "\n")
        let start = try #require(lines.firstIndex { $0.contains("// BEGIN EXAMPLE \(name)") })
        let end = try #require(lines[start...].firstIndex { $0.contains("// END EXAMPLE") })
        let body = Array(lines[(start + 1)..<end])
        let indent = body.filter { !$0.trimmingCharacters(in: .whitespaces).isEmpty }
            .map { $0.prefix { $0 == " " }.count }.min() ?? 0
        return body.map { String($0.dropFirst(min(indent, $0.count))) }.joined(separator: "\n")
    }

    /// The first ```swift block of a document.
    static func codeBlock(in document: String) throws -> String {
        let text = try String(contentsOf: root.appendingPathComponent(document), encoding: .utf8)
        let lines = text.components(separatedBy: "\n")
        let start = try #require(lines.firstIndex { $0.hasPrefix("```swift") })
        let end = try #require(lines[(start + 1)...].firstIndex { $0.hasPrefix("```") })
        return lines[(start + 1)..<end].joined(separator: "\n")
    }

    @Test("docs/library.md shows the compiled example", arguments: [
        ("docs/library.md", "library-guide", "LibraryGuideExample.swift"),
        ("README.md", "readme", "ReadmeExample.swift"),
        ("docs/models.md", "models-guide", "ModelsGuideExample.swift"),
        ("docs/bring-up.md", "bring-up-guide", "BringUpGuideExample.swift"),
    ])
    func matches(document: String, name: String, source: String) throws {
        #expect(try Self.codeBlock(in: document) == Self.region(name, in: source))
    }

    @Test("The library guide's example runs")
    func libraryGuideRuns() throws {
        let run = try bringUpExample()
        #expect(run.status == .completed)
        #expect(run.statistics.evaluations > 0)
    }

    @Test("The bring-up page's example runs")
    func bringUpGuideRuns() throws {
        let (codes, estimate) = try calibrateFromMeasurements()
        #expect(estimate.ledger.clampSteps == 42)
        #expect(codes != (try HodgkinHuxleyFitter.tunedForFidelity(voltageScale: 3).fit().registers))
    }

    @Test("The models page's example runs (plain recipe: the search is the CLI's, tested elsewhere)")
    func modelsGuideRuns() throws {
        let path = Self.root.appendingPathComponent("models/traub-miles.json").path
        let data = try fitModelFile(path, recipe: .plain)
        #expect(try ModelRecord.recorded(in: data)?.digest == ModelRecord.digest(of: .traubMiles))
        #expect(try HodgkinHuxleyFitter.recorded(in: data).target == FitTarget(model: .traubMiles).target)
    }

    @Test("The README example runs")
    func readmeRuns() throws {
        try readmeExample()
    }
}
