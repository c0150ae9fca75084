import Foundation
import Testing

@Suite("ndfit perturb --simulate")
struct MonteCarloCommandTests {
    struct Document: Decodable {
        struct Instance: Decodable {
            let instance: Int
            let rates_hz: [Double]
            let spike_counts: [Int]
        }
        struct Summary: Decodable {
            let current_A: Double
            let nominal_rate_hz: Double
            let yield: Double
            let silent_fraction: Double
            let rate_quantiles_hz: [Double]
            let count: Int
        }
        let format: String
        let count: Int
        let instances: [Instance]
        let summary: [Summary]
    }

    static let base = ["perturb", "--simulate", "--seed", "4", "--count", "12", "--duration", "0.005", "--format", "json"]

    @Test("JSON lists every instance and a summary; the same seed gives the same bytes")
    func json() throws {
        let a = try BinaryRunner.run(Self.base)
        let b = try BinaryRunner.run(Self.base)
        #expect(a.status == 0)
        #expect(a.standardOutput == b.standardOutput)
        let document = try JSONDecoder().decode(Document.self, from: Data(a.standardOutput.utf8))
        #expect(document.format == "neurodyn-montecarlo/1")
        #expect(document.instances.map(\.instance) == Array(0..<12))
        let summary = try #require(document.summary.first)
        #expect(summary.count == 12)
        let silent = Double(document.instances.filter { $0.spike_counts[0] == 0 }.count) / 12
        #expect(summary.silent_fraction == silent)
        let within = document.instances.filter { abs($0.rates_hz[0] - summary.nominal_rate_hz) <= 0.2 * summary.nominal_rate_hz }
        #expect(summary.yield == Double(within.count) / 12)
    }

    @Test("--sweep gives one summary per current: a band of f-I curves")
    func sweep() throws {
        let outcome = try BinaryRunner.run(Self.base + ["--sweep", "0,1e-10,2e-10"])
        #expect(outcome.status == 0)
        let document = try JSONDecoder().decode(Document.self, from: Data(outcome.standardOutput.utf8))
        #expect(document.summary.map(\.current_A) == [0, 1e-10, 2e-10])
        #expect(document.instances.allSatisfy { $0.rates_hz.count == 3 })
        let text = try BinaryRunner.run(Array(Self.base.dropLast(2)) + ["--sweep", "0,2e-10"])
        #expect(text.standardOutput.contains("median"))
    }

    static let refusals: [([String], Int32)] = [
        (["perturb", "--sweep", "0,1"], 64), (["perturb", "--simulate", "--sweep", "0,x"], 64),
        (["perturb", "--simulate", "--yield-tolerance=-1"], 64), (["perturb", "--simulate", "--i-hh", "nan"], 64),
        (["perturb", "--simulate", "--i-hh", "10", "--sweep", "0"], 64), (["perturb", "--simulate", "--i-hh", "10"], 1),
    ]

    @Test("Bad Monte Carlo options are refused", arguments: refusals)
    func refused(arguments: [String], status: Int32) throws {
        let outcome = try BinaryRunner.run(arguments)
        #expect(outcome.status == status)
        #expect(outcome.standardError.split(separator: "\n").count == 1)
    }
}
