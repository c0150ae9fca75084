import Foundation
import Testing

/// `ndfit board`, and `simulate` and `perturb --simulate` on network files,
/// as a user runs them: the published examples, exactness against the single
/// neuron, the reports and the refusals.
@Suite("Network commands")
struct NetworkCommandTests {
    /// Runs `ndfit` in `directory`, expecting success; returns standard output.
    static func ndfit(_ arguments: [String], in directory: URL) throws -> String {
        let outcome = try BinaryRunner.run(arguments, in: directory)
        #expect(outcome.status == 0, "ndfit \(arguments.joined(separator: " ")): \(outcome.standardError)")
        return outcome.standardOutput
    }

    static func json(_ text: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    static func neuronSpikes(_ report: [String: Any]) throws -> [[Double]] {
        let neurons = try #require(report["neurons"] as? [[String: Any]])
        return try neurons.map { try #require($0["spike_times_s"] as? [Double]) }
    }

    /// The published board chain: default-chip neurons, the published fit's
    /// mapping, synapses 0→1→2→3 with dg 5, 5, 2 and the default kinetics,
    /// HH currents [0, −1, −1, −1] µA/cm²: activity propagates down the chain,
    /// and without the synapses neurons 1…3 stay silent.
    @Test("The published chain propagates from the command line")
    func publishedChain() throws {
        let directory = try BinaryRunner.temporaryDirectory()
        _ = try Self.ndfit([
            "fit", "--scl-v", "3", "--kappa-lin", "0.7", "--published-sampling", "--no-search", "--skip-fidelity",
            "--output", "published.json"], in: directory)
        let common = ["--neuron", "default", "--mapping", "published.json", "--full"]
        let summary = try Self.ndfit(
            ["board"] + common + ["--synapse", "0,1,5", "--synapse", "1,2,5", "--synapse", "2,3,2", "--output", "chain.json"],
            in: directory)
        #expect(summary.isEmpty)
        _ = try Self.ndfit(["board"] + common + ["--output", "silent.json"], in: directory)
        let text = try String(contentsOf: directory.appendingPathComponent("chain.json"), encoding: .utf8)
        #expect(text.contains("\"format\" : \"neurodyn-registers/2\""))
        let run = ["simulate", "--target-units", "--i-app", "0,-1e-6,-1e-6,-1e-6", "--duration", "0.2", "--format", "json"]
        let chain = try Self.neuronSpikes(Self.json(Self.ndfit(run + ["--registers", "chain.json"], in: directory)))
        let silent = try Self.neuronSpikes(Self.json(Self.ndfit(run + ["--registers", "silent.json"], in: directory)))
        #expect(chain.allSatisfy { !$0.isEmpty }, "\(chain)")
        for k in 1..<4 { #expect((chain[k].first ?? 0) > (chain[k - 1].first ?? .infinity)) }
        // Neuron 0 sees no synapse; only the shared steps of its coupled group
        // move its spikes, within rtol (1e-6) of the 0.2 s run.
        #expect(silent[0].count == chain[0].count)
        for (a, b) in zip(silent[0], chain[0]) { #expect(abs(a - b) <= 1e-6) }
        #expect(silent[1...].allSatisfy { $0.isEmpty }, "\(silent)")
    }

    /// The AMPA pair: two neurons of our scl_v 3 fit, AMPA (0.3 mS/cm², 65 mV)
    /// fitted onto the splines at the board's σ_t, neuron 1 held at −1 µA/cm²:
    /// past the one spike with which any neuron leaves the published start
    /// (gates closed), it fires only through the synapse, each spike within
    /// 8 ms of one of neuron 0 (whose interval is 14 ms).
    @Test("The AMPA pair fits its synapse and drives the silent neuron")
    func ampaPair() throws {
        let directory = try BinaryRunner.temporaryDirectory()
        _ = try Self.ndfit(["fit", "--scl-v", "3", "--skip-fidelity", "--output", "fit.json"], in: directory)
        let report = try Self.ndfit(["board", "--neuron", "fit.json", "--count", "2", "--ampa", "0,1,0.3,65"], in: directory)
        #expect(report.contains("set by neuron 0"), "\(report)")
        #expect(report.contains("fitted synapse 0→1"))
        for (g, name) in [("0.3", "pair.json"), ("0", "off.json")] {
            _ = try Self.ndfit(
                ["board", "--neuron", "fit.json", "--count", "2", "--ampa", "0,1,\(g),65", "--output", name], in: directory)
        }
        let run = ["simulate", "--target-units", "--i-app", "10e-6,-1e-6", "--duration", "0.1", "--format", "json"]
        let on = try Self.neuronSpikes(Self.json(Self.ndfit(run + ["--registers", "pair.json"], in: directory)))
        let off = try Self.neuronSpikes(Self.json(Self.ndfit(run + ["--registers", "off.json"], in: directory)))
        #expect(off[1].count <= 1 && off[1].allSatisfy { $0 < 0.02 }, "\(off)")
        #expect(on[1].count >= off[1].count + 3, "\(on)")
        for spike in on[1] where spike > 0.02 {
            #expect(on[0].contains { $0 < spike && spike - $0 < 0.008 }, "\(spike) follows no spike of neuron 0")
        }
    }

    /// A board whose neurons nothing couples gives each neuron's spike times
    /// exactly (every digit of the JSON) as `simulate` gives for it alone.
    @Test("An uncoupled board matches single-neuron simulate exactly")
    func uncoupledMatchesSingle() throws {
        let directory = try BinaryRunner.temporaryDirectory()
        _ = try Self.ndfit(["board", "--neuron", "default", "--full", "--output", "board.json"], in: directory)
        let currents = ["-2e-10", "0", "1e-9", "3e-9"]
        let board = try Self.json(Self.ndfit(
            ["simulate", "--registers", "board.json", "--i-app=" + currents.joined(separator: ","), "--format", "json"],
            in: directory))
        let spikes = try Self.neuronSpikes(board)
        for (k, current) in currents.enumerated() {
            let single = try Self.json(Self.ndfit(["simulate", "--i-app=" + current, "--format", "json"], in: directory))
            #expect(spikes[k] == (single["spike_times_s"] as? [Double]), "neuron \(k)")
        }
    }

    @Test("Network reports: JSON per neuron, CSV of every state, the raster figure")
    func reports() throws {
        let directory = try BinaryRunner.temporaryDirectory()
        _ = try Self.ndfit(["board", "--neuron", "default", "--synapse", "0,1,100", "--gap", "2,3,1e-9", "--output", "b.json"], in: directory)
        let json = try Self.json(Self.ndfit(
            ["simulate", "--registers", "b.json", "--i-app=0,-1e-9,1e-9,0", "--format", "json", "--duration", "0.01",
             "--pulse", "3:0.002,0.001,2e-9", "--x0-neuron", "2:0.75,0,0,0"], in: directory))
        let neurons = try #require(json["neurons"] as? [[String: Any]])
        #expect(neurons.count == 4 && json["synapse_count"] as? Int == 1 && json["gap_junction_count"] as? Int == 1)
        #expect((json["x0"] as? [Double])?[8] == 0.75)
        let csv = try Self.ndfit(
            ["simulate", "--registers", "b.json", "--format", "csv", "--duration", "0.005", "--plot", "figures"], in: directory)
        let lines = csv.split(separator: "\n")
        #expect(lines[0] == "t,V0,m0,h0,n0,V1,m1,h1,n1,V2,m2,h2,n2,V3,m3,h3,n3,r_0_1")
        #expect(lines.dropFirst().allSatisfy { $0.split(separator: ",").count == 18 })
        try SVGChecks.expectFigures(["network.svg"], in: directory.appendingPathComponent("figures"))
        // A one-neuron file keeps the single-neuron report.
        let single = try Self.json(Self.ndfit(["simulate", "--format", "json", "--duration", "0.005"], in: directory))
        #expect(single["spike_times_s"] != nil && single["neurons"] == nil)
    }

    @Test("perturb --simulate on a board: per-neuron rates, propagation, deterministic")
    func perturbBoard() throws {
        let directory = try BinaryRunner.temporaryDirectory()
        _ = try Self.ndfit(
            ["board", "--neuron", "default", "--synapse", "0,1,100", "--synapse", "1,2,100", "--output", "b.json"], in: directory)
        let arguments = ["perturb", "--registers", "b.json", "--simulate", "--count", "12", "--seed", "3",
                         "--i-app=0,-1e-9,-1e-9,-1e-9", "--format", "json"]
        let first = try Self.ndfit(arguments, in: directory), second = try Self.ndfit(arguments, in: directory)
        #expect(first == second)
        let report = try Self.json(first)
        #expect(report["format"] as? String == "neurodyn-network-montecarlo/1")
        let summary = try #require(report["summary"] as? [String: Any])
        let propagation = try #require(summary["propagation"] as? Double)
        #expect((0...1).contains(propagation))
        #expect((summary["neurons"] as? [Any])?.count == 4)
        #expect((report["instances"] as? [Any])?.count == 12)
        let text = try Self.ndfit(Array(arguments.dropLast(2)), in: directory)
        #expect(text.contains("propagate"))
    }

    static let usageErrors: [[String]] = [
        ["board"], ["board", "--neuron", "default", "--synapse", "0,1,2000"], ["board", "--neuron", "default", "--synapse", "0,1"],
        ["board", "--neuron", "default", "--gap", "0,0,1e-9"], ["board", "--neuron", "default", "--gap", "0,1,-1e-9"],
        ["board", "--neuron", "default", "--count", "17"], ["board", "--neuron", "default", "--neuron", "default", "--count", "2"],
        ["board", "--neuron", "default", "--ampa", "0,1,-0.3,65"], ["board", "--neuron", "default", "--synapse-current", "cubic"],
        ["simulate", "--i-app", "0,1e-9"], ["simulate", "--x0-neuron", "1:0.7,0,0,0"], ["simulate", "--pulse", "1:0.001,0.001,1e-9"],
        ["simulate", "--i-app", "0,nan"],
    ]

    @Test("Network usage errors exit 64 with one line", arguments: usageErrors)
    func usage(arguments: [String]) throws {
        let outcome = try BinaryRunner.run(arguments)
        #expect(outcome.status == 64, "\(arguments): \(outcome.standardError)")
        #expect(outcome.standardError.split(separator: "\n").count == 1, "\(outcome.standardError)")
    }

    /// Bad board files, and boards that cannot be assembled: exit 1, one line
    /// naming the key or the problem, nothing written.
    @Test("Bad board files exit 1 with one line naming the key")
    func badBoards() throws {
        let directory = try BinaryRunner.temporaryDirectory()
        _ = try Self.ndfit(["board", "--neuron", "default", "--full", "--output", "b.json"], in: directory)
        let valid = try String(contentsOf: directory.appendingPathComponent("b.json"), encoding: .utf8)
        let cases: [(String, String, String)] = [
            ("code.json", valid.replacingOccurrences(of: "\"dg\" : 0,", with: "\"dg\" : 1024,"), "synapses[0].dg"),
            ("pre.json", valid.replacingOccurrences(of: "\"pre\" : 1\n", with: "\"pre\" : 9\n"), "synapses[0].pre"),
            ("twice.json", valid.replacingOccurrences(of: "\"pre\" : 2\n", with: "\"pre\" : 1\n"), "synapses[1]"),
            ("truncated.json", String(valid.prefix(valid.count * 2 / 3)), "not valid JSON"),
        ]
        for (name, text, key) in cases {
            try Data(text.utf8).write(to: directory.appendingPathComponent(name))
            for command in [["simulate"], ["perturb", "--simulate"]] {
                let outcome = try BinaryRunner.run(command + ["--registers", name, "--output", "out.json"], in: directory)
                #expect(outcome.status == 1, "\(name)")
                #expect(outcome.standardError.split(separator: "\n").count == 1, "\(outcome.standardError)")
                #expect(outcome.standardError.contains(key), "\(name): \(outcome.standardError)")
                #expect(!FileManager.default.fileExists(atPath: directory.appendingPathComponent("out.json").path))
            }
        }
        let failures: [([String], String)] = [
            (["board", "--neuron", "default", "--ampa", "0,1,0.3,65"], "fit record"),
            (["board", "--neuron", "default", "--synapse", "0,4,5"], "synapses[0].post"),
            (["board", "--neuron", "default", "--count", "3", "--full"], "4 neurons per board"),
            (["board", "--neuron", "b.json", "--mapping", "b.json"], "no mapping"),
            (["simulate", "--registers", "b.json", "--i-app", "0,1e-9"], "4 neurons"),
            (["simulate", "--registers", "b.json", "--pulse", "5:0.001,0.001,1e-9"], "no neuron 5"),
        ]
        for (arguments, words) in failures {
            let outcome = try BinaryRunner.run(arguments + ["--output", "new.json"], in: directory)
            #expect(outcome.status == 1 || outcome.status == 64, "\(arguments)")
            #expect(outcome.standardError.split(separator: "\n").count == 1, "\(outcome.standardError)")
            #expect(outcome.standardError.contains(words), "\(arguments): \(outcome.standardError)")
            #expect(!FileManager.default.fileExists(atPath: directory.appendingPathComponent("new.json").path))
        }
    }
}
