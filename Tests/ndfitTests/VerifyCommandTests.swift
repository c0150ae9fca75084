import Foundation
import Testing
import Fitting
import NeuroDynChip

@Suite("ndfit verify and the fidelity of fit")
struct VerifyCommandTests {
    @Test("fit prints the fidelity and behaviour tables of what it emits")
    func fitReportsFidelity() throws {
        let outcome = try BinaryRunner.run(["fit", "--no-search", "--scl-v", "3"])
        #expect(outcome.status == 0)
        #expect(outcome.standardOutput.contains("fidelity"))
        #expect(outcome.standardOutput.contains("rheobase: target"))
        #expect(outcome.standardOutput.contains("Γ per setting"))
        #expect(outcome.standardOutput.contains("spike width (ms)"))
        let json = try BinaryRunner.run(["fit", "--no-search", "--scl-v", "3", "--format", "json"])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.standardOutput.utf8)) as? [String: Any])
        let fit = try #require(object["fit"] as? [String: Any])
        let fidelity = try #require(fit["fidelity"] as? [String: Any])
        #expect((fidelity["target_rates_hz"] as? [Double])?.count == 9)
        let behaviour = try #require(fit["behaviour"] as? [String: Any])
        #expect((behaviour["gamma"] as? [Any])?.count == 6)
        #expect((behaviour["goals"] as? [[String: Any]])?.contains { $0["measure"] as? String == "spike width" } == true)
    }

    /// verify's JSON is the library's report: the f-I comparison of
    /// ``FidelityEvaluator`` under `f_I`, and the behaviour of both neurons
    /// (noise spike trains, shape, rest, step, latencies) under ``BehaviourEvaluator``.
    @Test("verify measures a register file as the library does")
    func verifyFile() throws {
        let directory = try BinaryRunner.temporaryDirectory()
        let path = directory.appendingPathComponent("fit.json").path
        _ = try BinaryRunner.run(["fit", "--no-search", "--format", "json", "--skip-fidelity", "--output", path])
        let outcome = try BinaryRunner.run(["verify", "--registers", path, "--format", "json", "--seed", "5"])
        #expect(outcome.status == 0)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(outcome.standardOutput.utf8)) as? [String: Any])
        let rates = try JSONDecoder().decode(
            FidelityReport.self, from: try JSONSerialization.data(withJSONObject: try #require(object["f_I"])))
        let fit = try HodgkinHuxleyFitter(voltageScale: 3).fit()
        #expect(rates == (try FidelityEvaluator().evaluate(fit)))
        let library = try BehaviourEvaluator(behaviour: BehaviourProtocol.standard.reseeded(5), firing: nil).evaluate(fit)
        // The binary is a release build: the order of its vector sums may
        // differ from this debug build's in the last bits, no more.
        let chip = try #require(object["chip"] as? [String: Any])
        let spikes = try #require(chip["noise_spike_times_s"] as? [[Double]])
        #expect(spikes.map(\.count) == library.chip.noiseSpikes.map(\.count))
        for (a, b) in zip(spikes.joined(), library.chip.noiseSpikes.joined()) { #expect(abs(a - b) < 1e-9) }
        let gammas = try #require(object["gamma"] as? [Double])
        for (a, b) in zip(gammas, library.coincidences) { #expect(abs(a - (b ?? .nan)) < 1e-9) }
        let noise = try #require(object["noise"] as? [[String: Any]])
        #expect(noise.map { $0["seed"] as? Int } == [5, 6, 7, 8, 9, 10])
    }

    @Test("verify reports every measure as text, the default fit meeting the goals it is pinned to")
    func verifyText() throws {
        let outcome = try BinaryRunner.run(["verify"])
        #expect(outcome.status == 0)
        for measure in ["Γ mean", "spike width", "spike peak", "resting potential", "step rise time", "latency at 20 µA/cm²", "f-I error"] {
            #expect(outcome.standardOutput.contains(measure), "\(measure)")
        }
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
