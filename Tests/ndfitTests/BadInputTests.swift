import Foundation
import Testing

/// Every bad input gets one line on standard error naming the problem and exit
/// status 64 (usage) or 1 (other), never a crash, and no output file is
/// created or changed.
@Suite("Bad input")
struct BadInputTests {
    /// Files with problems, made fresh in a temporary folder.
    static func brokenFiles(in directory: URL) throws -> [String: String] {
        let valid = try BinaryRunner.run(["fit", "--no-search", "--format", "json", "--skip-fidelity"]).standardOutput
        let files: [String: String] = [
            "empty.json": "",
            "truncated.json": String(valid.prefix(valid.count / 2)),
            "malformed.json": "{ this is not json",
            "range.json": valid.replacingOccurrences(of: "\"na\" : 1023", with: "\"na\" : 1500"),
            "format.json": valid.replacingOccurrences(of: "neurodyn-registers/1", with: "neurodyn-registers/7"),
            "missing.json": valid.replacingOccurrences(of: "\"I_master\" : 2.0e-07,", with: "")
                .replacingOccurrences(of: "\"I_master\" : 2e-07,", with: ""),
        ]
        for (name, text) in files {
            try Data(text.utf8).write(to: directory.appendingPathComponent(name))
        }
        return files
    }

    static let usageErrors: [[String]] = [
        ["simulate", "--i-app", "nan"], ["simulate", "--i-app", "inf"], ["simulate", "--duration", "0"],
        ["simulate", "--duration=-1"], ["simulate", "--duration", "nan"], ["simulate", "--rtol", "0"],
        ["simulate", "--atol=-1e-9"], ["simulate", "--threshold", "nan"], ["simulate", "--x0", "0.7,0,0"],
        ["simulate", "--x0", "0.7,2,0,0"], ["simulate", "--x0", "a,b,c,d"], ["simulate", "--model", "lif"],
        ["simulate", "--scl-v", "3"], ["simulate", "--model", "hh", "--scl-t", "0"], ["simulate", "--format", "xml"],
        ["perturb", "--sigma=-0.1"], ["perturb", "--sigma", "nan"], ["perturb", "--count", "0"],
        ["perturb", "--count=-3"], ["perturb", "--seed=-1"], ["perturb", "--neuron", "4"],
        ["fit", "--i-master=-1e-7"], ["fit", "--i-master", "0"], ["fit", "--i-voltage", "nan"],
        ["fit", "--capacitance-scaling", "inf"], ["fit", "--scl-v", "0"], ["fit", "--weight-penalty=-1e-4"],
        ["fit", "--weight-penalty", "nan"],
        ["simulate", "--pulse", "0.001,0.002"], ["simulate", "--pulse", "0.001,0,1e-9"], ["simulate", "--pulse", "a,1,1"],
        ["simulate", "--step", "0.001"], ["simulate", "--step", "inf,1e-9"], ["simulate", "--noise", "1e-9,1e-9"],
        ["simulate", "--noise", "0,-1e-9,1e-3"], ["simulate", "--noise", "0,1e-9,0"], ["simulate", "--noise-interval", "0"],
        ["simulate", "--waveform", ""], ["verify", "--seed=-1"], ["calibrate", "--objective", "speed"],
    ]

    @Test("Usage errors exit 64 with one line and leave --output alone", arguments: usageErrors)
    func usage(arguments: [String]) throws {
        let directory = try BinaryRunner.temporaryDirectory()
        let existing = directory.appendingPathComponent("existing.out")
        try Data("previous".utf8).write(to: existing)
        let fresh = directory.appendingPathComponent("fresh.out")
        for target in [existing, fresh] {
            let outcome = try BinaryRunner.run(arguments + ["--output", target.path])
            #expect(outcome.status == 64, "\(arguments)")
            #expect(outcome.standardError.split(separator: "\n").count == 1, "\(outcome.standardError)")
            #expect(outcome.standardError.hasPrefix("ndfit: error: "))
            #expect(outcome.standardOutput.isEmpty)
        }
        #expect(try String(contentsOf: existing, encoding: .utf8) == "previous")
        #expect(!FileManager.default.fileExists(atPath: fresh.path))
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == ["existing.out"])
    }

    @Test("Bad register files exit 1 with one line naming the file and the problem")
    func registerFiles() throws {
        let directory = try BinaryRunner.temporaryDirectory()
        _ = try Self.brokenFiles(in: directory)
        let expectations: [(String, String)] = [
            ("empty.json", "empty"), ("truncated.json", "not valid JSON"), ("malformed.json", "not valid JSON"),
            ("range.json", "dg.na"), ("format.json", "format"), ("missing.json", "I_master"),
            ("nonexistent.json", "no such file"), (".", "folder"),
        ]
        for command in ["simulate", "perturb"] {
            for (name, words) in expectations {
                let path = name == "." ? directory.path : directory.appendingPathComponent(name).path
                let output = directory.appendingPathComponent("out-\(command)-\(name)").path
                let outcome = try BinaryRunner.run([command, "--registers", path, "--output", output])
                #expect(outcome.status == 1, "\(command) \(name)")
                let lines = outcome.standardError.split(separator: "\n")
                #expect(lines.count == 1, "\(outcome.standardError)")
                #expect(outcome.standardError.contains(words), "\(name): \(outcome.standardError)")
                #expect(!FileManager.default.fileExists(atPath: output))
            }
        }
    }

    /// Waveform files that cannot be read or parsed, and a stimulus in target
    /// units for a chip without a mapping: exit 1, one line naming the problem.
    @Test("Bad waveforms and unmapped target units exit 1 with one line")
    func stimulusFiles() throws {
        let directory = try BinaryRunner.temporaryDirectory()
        let cases: [(String, String, String)] = [
            ("bad.csv", "t,I\n0,1e-9\nx,2e-9\n", "line 3: time \"x\""),
            ("order.csv", "0,1e-9\n0.002,1e-9\n0.001,1e-9\n", "line 3: time 0.001 does not come after 0.002"),
            ("empty.csv", "", "no t,I rows"),
            ("fields.csv", "0,1,2\n", "line 1 has 3 fields"),
        ]
        for (name, text, words) in cases {
            let path = directory.appendingPathComponent(name)
            try Data(text.utf8).write(to: path)
            let outcome = try BinaryRunner.run(["simulate", "--waveform", path.path])
            #expect(outcome.status == 1, "\(name)")
            #expect(outcome.standardError.split(separator: "\n").count == 1, "\(outcome.standardError)")
            #expect(outcome.standardError.contains(words), "\(name): \(outcome.standardError)")
        }
        let missing = try BinaryRunner.run(["simulate", "--waveform", directory.appendingPathComponent("none.csv").path])
        #expect(missing.status == 1 && missing.standardError.contains("no such file"))
        let unmapped = try BinaryRunner.run(["simulate", "--target-units"])
        #expect(unmapped.status == 1 && unmapped.standardError.contains("mapping"))
    }

    @Test("A failing write leaves no partial file", arguments: [
        ["perturb", "--count", "3"], ["simulate"], ["fit", "--no-search", "--skip-fidelity"],
    ])
    func unwritable(arguments: [String]) throws {
        let outcome = try BinaryRunner.run(arguments + ["--output", "/nonexistent-folder/x.json"])
        #expect(outcome.status == 1)
        #expect(outcome.standardError.contains("cannot write"))
        #expect(outcome.standardError.split(separator: "\n").count == 1)
    }
}
