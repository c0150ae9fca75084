import Foundation
import Testing
import Fitting
import NeuroDynChip

@Suite("ndfit verify and the fidelity of fit")
struct VerifyCommandTests {
    @Test("fit prints the fidelity table of what it emits")
    func fitReportsFidelity() throws {
        let outcome = try BinaryRunner.run(["fit", "--no-search", "--scl-v", "3"])
        #expect(outcome.status == 0)
        #expect(outcome.standardOutput.contains("fidelity"))
        #expect(outcome.standardOutput.contains("rheobase: target"))
        let json = try BinaryRunner.run(["fit", "--no-search", "--scl-v", "3", "--format", "json"])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.standardOutput.utf8)) as? [String: Any])
        let fit = try #require(object["fit"] as? [String: Any])
        let fidelity = try #require(fit["fidelity"] as? [String: Any])
        #expect((fidelity["target_rates_hz"] as? [Double])?.count == 9)
    }

    @Test("verify measures a register file as the library does")
    func verifyFile() throws {
        let directory = try BinaryRunner.temporaryDirectory()
        let path = directory.appendingPathComponent("fit.json").path
        _ = try BinaryRunner.run(["fit", "--no-search", "--format", "json", "--skip-fidelity", "--output", path])
        let outcome = try BinaryRunner.run(["verify", "--registers", path, "--format", "json"])
        #expect(outcome.status == 0)
        let report = try JSONDecoder().decode(FidelityReport.self, from: Data(outcome.standardOutput.utf8))
        let library = try FidelityEvaluator().evaluate(try HodgkinHuxleyFitter(voltageScale: 3).fit())
        #expect(report == library)
    }

    @Test("verify needs the file of a fit")
    func needsMapping() throws {
        let directory = try BinaryRunner.temporaryDirectory()
        let path = directory.appendingPathComponent("plain.json").path
        try RegisterFile.defaultChip.encoded().write(to: URL(fileURLWithPath: path))
        let outcome = try BinaryRunner.run(["verify", "--registers", path])
        #expect(outcome.status == 1)
        #expect(outcome.standardError.contains("has no mapping"))
        #expect(outcome.standardError.split(separator: "\n").count == 1)
    }
}
