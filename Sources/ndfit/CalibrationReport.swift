import Fitting
import Foundation
import NeuroDynChip

/// The output of `perturb --simulate --calibrate`, written instance by instance.
///
/// JSON (`neurodyn-calibration/1`, keys sorted): the settings, `instances`
/// (one compact line each: the fidelity error before and after, the chip's
/// rates after, and any register clamped into range) and `summary` (yields
/// before and after, error quantiles at 5, 25, 50, 75 and 95%). Timings vary between runs, so they
/// appear in the text only: the JSON of a seed is byte-identical every time.
struct CalibrationReport {
    static let formatIdentifier = "neurodyn-calibration/1"

    let run: CalibrationRun
    let count: Int
    /// An instance is in the yield when its error is at most this.
    let tolerance: Double

    struct InstanceLine: Encodable {
        let instance: Int
        let error_before: Double
        let error_after: Double
        let rates_after_hz: [Double]
        let saturated: [String]
    }

    struct Summary: Encodable {
        let yield_before: Double
        let yield_after: Double
        let fidelity_tolerance: Double
        /// Quantiles of the errors at ``RateSummary/standardLevels``.
        let quantile_levels: [Double]
        let error_before_quantiles: [Double]
        let error_after_quantiles: [Double]
    }

    func write(format: ReportFormat, to sink: OutputSink, progress: ProgressReporter) throws {
        let seed = run.seed, sigma = run.mismatch.sigma
        switch format {
        case .json:
            sink.write("{\n  \"budget\" : \(run.calibration.budget),\n  \"count\" : \(count),\n")
            sink.write("  \"currents_uA_per_cm2\" : \(try CompactJSON.line(run.firing.currents)),\n")
            sink.write("  \"format\" : \"\(Self.formatIdentifier)\",\n  \"instances\" : [\n")
        case .text:
            sink.write("\(count) instance(s), σ = \(sigma), seed \(seed): fidelity error before and after calibration\n")
            sink.write("(search budget \(run.calibration.budget); yield: error ≤ \(tolerance))\n")
            sink.write("instance    before     after\n")
        }
        var before: [Double] = [], after: [Double] = []
        var seconds = 0.0
        let start = Date()
        try run.run(count: count) { outcome in
            before.append(outcome.before.error)
            after.append(outcome.after.error)
            seconds += outcome.seconds
            switch format {
            case .json:
                let line = InstanceLine(
                    instance: outcome.instance, error_before: outcome.before.error, error_after: outcome.after.error,
                    rates_after_hz: outcome.after.chipRates, saturated: outcome.saturated)
                sink.write("    \(try CompactJSON.line(line))\(outcome.instance == count - 1 ? "" : ",")\n")
            case .text:
                sink.write(String(format: "%8d  %8.3f  %8.3f\n", outcome.instance, outcome.before.error, outcome.after.error))
            }
            progress.report(Double(outcome.instance + 1) / Double(count))
        }
        let summary = Summary(
            yield_before: Double(before.filter { $0 <= tolerance }.count) / Double(max(count, 1)),
            yield_after: Double(after.filter { $0 <= tolerance }.count) / Double(max(count, 1)),
            fidelity_tolerance: tolerance,
            quantile_levels: RateSummary.standardLevels,
            error_before_quantiles: RateSummary.standardLevels.map { RateSummary.quantile(before.sorted(), $0) },
            error_after_quantiles: RateSummary.standardLevels.map { RateSummary.quantile(after.sorted(), $0) })
        switch format {
        case .json:
            sink.write("  ],\n  \"seed\" : \(seed),\n  \"sigma\" : \(try CompactJSON.line(sigma)),\n")
            sink.write("  \"summary\" : \(try CompactJSON.line(summary))\n}\n")
        case .text:
            sink.write(String(format: "yield: %.1f%% before, %.1f%% after calibration\n",
                              summary.yield_before * 100, summary.yield_after * 100))
            func levels(_ values: [Double]) -> String { values.map { String(format: "%.3f", $0) }.joined(separator: " ") }
            sink.write("error quantiles (" + RateSummary.standardLevels.map { "\(Int($0 * 100))%" }.joined(separator: ", ")
                       + "): before \(levels(summary.error_before_quantiles)); after \(levels(summary.error_after_quantiles))\n")
            let wall = Date().timeIntervalSince(start)
            sink.write(String(format: "time per instance: %.2f s of wall time over the run (measure, calibrate, measure, on "
                              + "%d cores); the calibration alone %.2f s\n",
                              wall / Double(max(count, 1)), ProcessInfo.processInfo.activeProcessorCount,
                              seconds / Double(max(count, 1))))
        }
    }
}
