import Foundation
import NeuroDynChip

/// The output of `perturb --simulate`, written instance by instance.
///
/// JSON (`neurodyn-montecarlo/1`, keys sorted): the settings, `instances`
/// (one compact line each: per current its rate and spike count), `nominal`
/// (the unperturbed chip's outcomes) and `summary` (per current: yield,
/// silent fraction, rate quantiles).
struct MonteCarloReport {
    static let formatIdentifier = "neurodyn-montecarlo/1"

    let run: MonteCarloRun
    let currents: [Double]
    let count: Int
    let tolerance: Double

    /// What the run gave, for the figures: per current, every instance's
    /// rate (Hz, in instance order), the nominal chip's rate and the summary.
    struct Population {
        let rates: [[Double]]
        let nominal: [Double]
        let summaries: [RateSummary]
    }

    struct InstanceLine: Encodable {
        let instance: Int
        let rates_hz: [Double]
        let spike_counts: [Int]
        let completed: Bool
    }

    /// Writes the report, instance by instance, and returns the population.
    @discardableResult
    func write(format: ReportFormat, to sink: OutputSink, progress: ProgressReporter) throws -> Population {
        let nominal = currents.map { run.outcome(of: run.nominal, instance: -1, current: $0) }
        var rates = currents.map { _ in [Double]() }
        var silent = currents.map { _ in 0 }
        switch format {
        case .json:
            sink.write("{\n  \"count\" : \(count),\n  \"currents_A\" : \(try CompactJSON.line(currents)),\n")
            sink.write("  \"format\" : \"\(Self.formatIdentifier)\",\n  \"instances\" : [\n")
        case .text:
            sink.write("\(count) instance(s), σ = \(run.mismatch.sigma), seed \(run.seed), \(run.duration) s each\n")
            sink.write("instance  " + currents.map { String(format: "%10.3g A", $0) }.joined() + "   (rate in Hz; - silent)\n")
        }
        try run.run(count: count, currents: currents) { k, outcomes in
            for (c, outcome) in outcomes.enumerated() {
                rates[c].append(outcome.rate)
                if !outcome.fires { silent[c] += 1 }
            }
            switch format {
            case .json:
                sink.write("    " + (try CompactJSON.line(InstanceLine(
                    instance: k, rates_hz: outcomes.map(\.rate), spike_counts: outcomes.map(\.spikeCount),
                    completed: outcomes.allSatisfy(\.completed)))) + (k == count - 1 ? "\n" : ",\n"))
            case .text:
                sink.write(String(format: "%8d  ", k) + outcomes.map { outcome in
                    outcome.fires ? String(format: "%12.1f", outcome.rate) : String(format: "%12@", "-")
                }.joined() + "\n")
            }
            progress.report(Double(k + 1) / Double(count))
        }
        let summaries = currents.indices.map { c in
            RateSummary(
                current: currents[c], nominalRate: nominal[c].rate, rates: rates[c], silent: silent[c],
                tolerance: tolerance)
        }
        switch format {
        case .json:
            sink.write("  ],\n  \"nominal\" : \(try CompactJSON.line(nominal.map { ["rate_hz": $0.rate, "spike_count": Double($0.spikeCount)] })),\n")
            sink.write("  \"seed\" : \(run.seed),\n  \"sigma\" : \(try CompactJSON.line(run.mismatch.sigma)),\n")
            sink.write("  \"summary\" : [\n")
            for (c, summary) in summaries.enumerated() {
                sink.write("    " + (try CompactJSON.line(summary)) + (c == summaries.count - 1 ? "\n" : ",\n"))
            }
            sink.write("  ],\n  \"yield_tolerance\" : \(try CompactJSON.line(tolerance))\n}\n")
        case .text:
            sink.write("\nsummary (yield: rate within ±\(Int((tolerance * 100).rounded()))% of the nominal chip's)\n")
            sink.write("   current A   nominal Hz   yield  silent        5%       25%    median       75%       95%\n")
            for summary in summaries {
                sink.write(String(format: "%12.4g %12.1f %7.1f%% %6.1f%%", summary.current, summary.nominalRate,
                                  summary.yield * 100, summary.silentFraction * 100)
                    + summary.quantiles.map { String(format: " %9.1f", $0) }.joined() + "\n")
            }
        }
        return Population(rates: rates, nominal: nominal.map(\.rate), summaries: summaries)
    }
}
