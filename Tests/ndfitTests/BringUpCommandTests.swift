import Foundation
import Testing
import Fitting
import NeuroDynChip

/// `ndfit characterize`, `calibrate --measured`, shards (`--first-instance`)
/// and `ndfit merge`, run as a user would.
@Suite("ndfit bring-up")
struct BringUpCommandTests {
    /// The fit's register file, shared with the calibration tests.
    static var fitFile: URL { get throws { try CalibrateCommandTests.fitFile.get() } }

    @Test("characterize writes a factors file that round-trips and that calibrate reads")
    func characterize() throws {
        let file = try Self.fitFile
        let directory = try BinaryRunner.temporaryDirectory()
        let factors = directory.appendingPathComponent("die.json")
        let arguments = ["characterize", "--registers", file.path, "--seed", "1", "--instance", "2",
                         "--relative-noise", "0.01"]
        let outcome = try BinaryRunner.run(arguments + ["--output", factors.path])
        #expect(outcome.status == 0, "\(outcome.standardError)")
        let data = try Data(contentsOf: factors)
        let estimate = try JSONDecoder().decode(DieEstimate.self, from: data)
        var encoded = try RegisterFile.encoder.encode(estimate)
        encoded.append(0x0A)
        #expect(encoded == data)
        #expect(try MismatchFactors.decode(data) == estimate.factors)
        // The goal with 1% noise: within 5% RMS of the drawn die.
        let truth = try MismatchModel(sigma: 0.15).draw(seed: 1, instance: 2)
        #expect(estimate.relativeError(against: truth) < 0.05)
        #expect(estimate.ledger.clampSteps == 42 && estimate.ledger.benchTime > 0)
        // The same arguments give the same bytes; calibrate takes the file.
        #expect(try BinaryRunner.run(arguments + ["--format", "json"]).standardOutput
                == String(decoding: data, as: UTF8.self))
        let calibrated = try BinaryRunner.run(
            ["calibrate", "--registers", file.path, "--factors", factors.path, "--budget", "0", "--format", "json"])
        #expect(calibrated.status == 0, "\(calibrated.standardError)")
        // The text report compares every estimate with the drawn die.
        let text = try BinaryRunner.run(["characterize", "--registers", file.path, "--seed", "1", "--instance", "2"])
        #expect(text.standardOutput.contains("dIb.n.beta[6]") && text.standardOutput.contains("RMS relative error"))
    }

    @Test("calibrate --measured records what it measured and calibrates the die")
    func measuredCalibration() throws {
        let file = try Self.fitFile
        let outcome = try BinaryRunner.run(
            ["calibrate", "--registers", file.path, "--seed", "1", "--instance", "1", "--budget", "20", "--measured",
             "--relative-noise", "0.01", "--format", "json"])
        #expect(outcome.status == 0, "\(outcome.standardError)")
        let object = try #require(
            try JSONSerialization.jsonObject(with: Data(outcome.standardOutput.utf8)) as? [String: Any])
        let record = try #require(object["calibration"] as? [String: Any])
        let measured = try #require(record["measured"] as? [String: Any])
        let bench = try #require(measured["bench"] as? [String: Any])
        #expect(bench["clamp_steps"] as? Int == 42)
        #expect(try #require(measured["factor_error_rms"] as? Double) < 0.05)
        let before = try #require(record["fidelity_before"] as? [String: Any])
        let after = try #require(record["fidelity_after"] as? [String: Any])
        #expect(try #require(after["error"] as? Double) < #require(before["error"] as? Double))
    }

    @Test("Shards of a --calibrate population merge into the report of one run, byte for byte")
    func shardsMerge() throws {
        let file = try Self.fitFile
        let directory = try BinaryRunner.temporaryDirectory()
        func shard(_ first: Int, _ count: Int, _ name: String, seed: String = "2") throws -> URL {
            let path = directory.appendingPathComponent(name)
            let outcome = try BinaryRunner.run(
                ["perturb", "--registers", file.path, "--simulate", "--calibrate", "--measured", "--budget", "4",
                 "--seed", seed, "--first-instance", "\(first)", "--count", "\(count)", "--format", "json",
                 "--output", path.path])
            #expect(outcome.status == 0, "\(outcome.standardError)")
            return path
        }
        let whole = try shard(0, 3, "whole.json")
        let tail = try shard(1, 2, "tail.json"), head = try shard(0, 1, "head.json")
        let merged = try BinaryRunner.run(["merge", tail.path, head.path])
        #expect(merged.status == 0, "\(merged.standardError)")
        #expect(merged.standardOutput == String(decoding: try Data(contentsOf: whole), as: UTF8.self))
        // Overlaps, gaps, other settings and truncated shards are refused.
        let other = try shard(1, 2, "other.json", seed: "3"), last = try shard(2, 1, "last.json")
        let truncated = directory.appendingPathComponent("truncated.json")
        let text = try Data(contentsOf: tail)
        try text.prefix(text.count / 2).write(to: truncated)
        for (shards, words) in [([whole.path, tail.path], "overlap"), ([head.path, last.path], "in no shard"),
                                ([head.path, other.path], "differ"), ([head.path, truncated.path], "not a complete")] {
            let refused = try BinaryRunner.run(["merge"] + shards)
            #expect(refused.status == 1, "\(shards)")
            #expect(refused.standardError.contains(words), "\(refused.standardError)")
        }
    }

    @Test("--first-instance lists exactly those dies of the whole run")
    func firstInstanceListing() throws {
        let whole = try BinaryRunner.run(["perturb", "--seed", "5", "--count", "4", "--format", "json"])
        let shard = try BinaryRunner.run(["perturb", "--seed", "5", "--count", "2", "--first-instance", "2", "--format", "json"])
        func instances(_ text: String) throws -> [String] {
            let object = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
            let list = try #require(object["instances"] as? [[String: Any]])
            return try list.map { String(decoding: try JSONSerialization.data(withJSONObject: $0, options: .sortedKeys), as: UTF8.self) }
        }
        #expect(try instances(shard.standardOutput) == Array(try instances(whole.standardOutput).suffix(2)))
    }

    @Test("Bad bench settings and conflicting options are refused", arguments: [
        ["characterize", "--relative-noise=-0.1"], ["characterize", "--additive-noise", "nan"],
        ["calibrate", "--measured", "--factors", "die.json"], ["perturb", "--first-instance=-1"],
        ["perturb", "--simulate", "--measured"], ["merge"],
    ])
    func refused(arguments: [String]) throws {
        let outcome = try BinaryRunner.run(arguments)
        #expect(outcome.status == 64, "\(arguments): \(outcome.standardError)")
    }
}
