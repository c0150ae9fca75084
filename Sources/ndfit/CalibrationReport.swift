import Fitting
import Foundation
import NeuroDynChip

/// The output of `perturb --simulate --calibrate`, written instance by instance.
///
/// JSON (`neurodyn-calibration/1`, keys sorted): the settings (with
/// `first_instance`, and `measured` when the dies were calibrated from
/// measurements), `instances` (one compact line each: the fidelity error
/// before and after, the chip's rates after, any register clamped into
/// range and, measured, the bench time and the factor estimates' RMS error)
/// and `summary` (yields before and after, error quantiles at 5, 25, 50, 75
/// and 95%, and, measured, the mean bench time and the estimate error's
/// quantiles). Timings vary between runs, so they appear in the text only:
/// the JSON of a seed is byte-identical every time, and shards of a
/// population merge (``merged(_:)``) into the JSON of the whole run.
struct CalibrationReport {
    static let formatIdentifier = "neurodyn-calibration/1"

    let run: CalibrationRun
    /// The first instance (a shard of a population starts past 0).
    let first: Int
    let count: Int
    /// An instance is in the yield when its error is at most this.
    let tolerance: Double
    /// The emulated bench's noise, when the dies are calibrated from measurements.
    let measured: Measured?

    struct Measured: Codable, Equatable {
        let relative_noise: Double
        let additive_noise_A: Double
        let bench_seed: UInt64
    }

    /// The settings of a report: what shards must share to merge.
    struct Settings: Codable, Equatable {
        let budget: Int
        let currents_uA_per_cm2: [Double]
        let fidelity_tolerance: Double
        let measured: Measured?
        let seed: UInt64
        let sigma: Double
    }

    struct InstanceLine: Codable {
        let instance: Int
        let error_before: Double
        let error_after: Double
        let rates_after_hz: [Double]
        let saturated: [String]
        let bench_time_s: Double?
        let factor_error_rms: Double?
    }

    struct Summary: Codable {
        let yield_before: Double
        let yield_after: Double
        let fidelity_tolerance: Double
        /// Quantiles of the errors at ``RateSummary/standardLevels``.
        let quantile_levels: [Double]
        let error_before_quantiles: [Double]
        let error_after_quantiles: [Double]
        /// Measured: the mean bench time per die, in seconds.
        let bench_time_per_die_s: Double?
        /// Measured: quantiles of the factor estimates' RMS relative error.
        let factor_error_rms_quantiles: [Double]?

        /// The summary of `lines` (in instance order).
        init(_ lines: [InstanceLine], tolerance: Double) {
            let count = Double(max(lines.count, 1))
            let before = lines.map(\.error_before), after = lines.map(\.error_after)
            yield_before = Double(before.filter { $0 <= tolerance }.count) / count
            yield_after = Double(after.filter { $0 <= tolerance }.count) / count
            fidelity_tolerance = tolerance
            quantile_levels = RateSummary.standardLevels
            error_before_quantiles = RateSummary.standardLevels.map { RateSummary.quantile(before.sorted(), $0) }
            error_after_quantiles = RateSummary.standardLevels.map { RateSummary.quantile(after.sorted(), $0) }
            let benchTimes = lines.compactMap(\.bench_time_s)
            bench_time_per_die_s = benchTimes.isEmpty ? nil : benchTimes.reduce(0, +) / count
            let estimates = lines.compactMap(\.factor_error_rms).sorted()
            factor_error_rms_quantiles = estimates.isEmpty
                ? nil : RateSummary.standardLevels.map { RateSummary.quantile(estimates, $0) }
        }
    }

    var settings: Settings {
        Settings(
            budget: run.calibration.budget, currents_uA_per_cm2: run.firing.currents, fidelity_tolerance: tolerance,
            measured: measured, seed: run.seed, sigma: run.mismatch.sigma)
    }

    func write(format: ReportFormat, to sink: OutputSink, progress: ProgressReporter) throws {
        let seed = run.seed, sigma = run.mismatch.sigma
        switch format {
        case .json: try Self.writeHeader(settings, first: first, count: count, to: sink)
        case .text:
            let range = first == 0 ? "" : " (instances \(first)…\(first + count - 1))"
            sink.write("\(count) instance(s)\(range), σ = \(sigma), seed \(seed): fidelity error before and after calibration\n")
            sink.write("(search budget \(run.calibration.budget); yield: error ≤ \(tolerance))\n")
            if let measured {
                sink.write("(calibrated from measurements on an emulated bench: relative noise \(measured.relative_noise), "
                           + "additive noise \(measured.additive_noise_A) A, bench seed \(measured.bench_seed))\n")
            }
            sink.write("instance    before     after" + (measured == nil ? "" : "  estimate error  bench s") + "\n")
        }
        var lines: [InstanceLine] = []
        var seconds = 0.0
        let start = Date()
        try run.run(first: first, count: count) { outcome in
            let line = InstanceLine(
                instance: outcome.instance, error_before: outcome.before.error, error_after: outcome.after.error,
                rates_after_hz: outcome.after.chipRates, saturated: outcome.saturated,
                bench_time_s: outcome.estimate?.ledger.benchTime, factor_error_rms: outcome.estimateError)
            lines.append(line)
            seconds += outcome.seconds
            switch format {
            case .json: try Self.writeLine(line, last: lines.count == count, to: sink)
            case .text:
                var text = String(format: "%8d  %8.3f  %8.3f", outcome.instance, outcome.before.error, outcome.after.error)
                if let error = line.factor_error_rms, let bench = line.bench_time_s {
                    text += String(format: "  %14.2e  %7.3f", error, bench)
                } else if measured != nil {
                    text += "  (characterization failed)"
                }
                sink.write(text + "\n")
            }
            progress.report(Double(lines.count) / Double(count))
        }
        let summary = Summary(lines, tolerance: tolerance)
        switch format {
        case .json: try Self.writeFooter(settings, summary: summary, to: sink)
        case .text:
            sink.write(String(format: "yield: %.1f%% before, %.1f%% after calibration\n",
                              summary.yield_before * 100, summary.yield_after * 100))
            func levels(_ values: [Double]) -> String { values.map { String(format: "%.3f", $0) }.joined(separator: " ") }
            sink.write("error quantiles (" + RateSummary.standardLevels.map { "\(Int($0 * 100))%" }.joined(separator: ", ")
                       + "): before \(levels(summary.error_before_quantiles)); after \(levels(summary.error_after_quantiles))\n")
            if let bench = summary.bench_time_per_die_s, let estimates = summary.factor_error_rms_quantiles {
                sink.write(String(format: "bench time per die: %.3f s; factor estimate error (RMS) median %.2e, 95%% %.2e\n",
                                  bench, estimates[2], estimates[4]))
            }
            let wall = Date().timeIntervalSince(start)
            sink.write(String(format: "time per instance: %.2f s of wall time over the run (measure, calibrate, measure, on "
                              + "%d cores); the calibration alone %.2f s\n",
                              wall / Double(max(count, 1)), ProcessInfo.processInfo.activeProcessorCount,
                              seconds / Double(max(count, 1))))
        }
    }

    // MARK: - The JSON document, piece by piece

    static func writeHeader(_ settings: Settings, first: Int, count: Int, to sink: OutputSink) throws {
        sink.write("{\n  \"budget\" : \(settings.budget),\n  \"count\" : \(count),\n")
        sink.write("  \"currents_uA_per_cm2\" : \(try CompactJSON.line(settings.currents_uA_per_cm2)),\n")
        sink.write("  \"first_instance\" : \(first),\n")
        sink.write("  \"format\" : \"\(formatIdentifier)\",\n  \"instances\" : [\n")
    }

    static func writeLine(_ line: InstanceLine, last: Bool, to sink: OutputSink) throws {
        sink.write("    \(try CompactJSON.line(line))\(last ? "" : ",")\n")
    }

    static func writeFooter(_ settings: Settings, summary: Summary, to sink: OutputSink) throws {
        sink.write("  ],\n")
        if let measured = settings.measured { sink.write("  \"measured\" : \(try CompactJSON.line(measured)),\n") }
        sink.write("  \"seed\" : \(settings.seed),\n  \"sigma\" : \(try CompactJSON.line(settings.sigma)),\n")
        sink.write("  \"summary\" : \(try CompactJSON.line(summary))\n}\n")
    }

    // MARK: - Merging shards

    /// A report as read back: its settings, first instance and lines.
    struct Document: Decodable {
        let budget: Int
        let count: Int
        let currents_uA_per_cm2: [Double]
        let first_instance: Int
        let format: String
        let instances: [InstanceLine]
        let measured: Measured?
        let seed: UInt64
        let sigma: Double
        let summary: Summary

        var settings: Settings {
            Settings(
                budget: budget, currents_uA_per_cm2: currents_uA_per_cm2,
                fidelity_tolerance: summary.fidelity_tolerance, measured: measured, seed: seed, sigma: sigma)
        }
    }

    /// The report one run over all the shards' instances would have
    /// written: the shards' settings must agree and their instances must
    /// tile one range without gaps or overlaps (in any order of shards).
    ///
    /// - Throws: ``CommandFailure`` naming the shard (by its position) and
    ///   the disagreement.
    static func merged(_ shards: [(name: String, document: Document)], to sink: OutputSink) throws {
        guard let firstShard = shards.first else { throw CommandFailure("merge needs at least one report") }
        let settings = firstShard.document.settings
        for (name, document) in shards {
            guard document.format == formatIdentifier else {
                throw CommandFailure("\(name): format \"\(document.format)\" cannot be merged (expected \"\(formatIdentifier)\")")
            }
            guard document.settings == settings else {
                throw CommandFailure("\(name): its settings (budget, currents, tolerance, noise, seed, σ) differ from \(firstShard.name)'s")
            }
            guard document.instances.count == document.count,
                  document.instances.map(\.instance) == Array(document.first_instance..<document.first_instance + document.count)
            else {
                throw CommandFailure("\(name): its instances are not \(document.first_instance)…\(document.first_instance + document.count - 1) in order (a truncated shard?)")
            }
        }
        let ordered = shards.sorted { $0.document.first_instance < $1.document.first_instance }
        var next = ordered[0].document.first_instance
        for (name, document) in ordered {
            guard document.first_instance == next else {
                throw CommandFailure(document.first_instance < next
                    ? "\(name): instances from \(document.first_instance) overlap another shard's"
                    : "instances \(next)…\(document.first_instance - 1) are in no shard (before \(name))")
            }
            next += document.count
        }
        let lines = ordered.flatMap(\.document.instances)
        let first = ordered[0].document.first_instance
        try writeHeader(settings, first: first, count: lines.count, to: sink)
        for (k, line) in lines.enumerated() { try writeLine(line, last: k == lines.count - 1, to: sink) }
        try writeFooter(settings, summary: Summary(lines, tolerance: settings.fidelity_tolerance), to: sink)
    }
}
