import Foundation
import NeuroDynChip

/// The reports of `ndfit simulate`.
struct SimulationSummary: Encodable {
    struct Statistics: Encodable {
        let evaluations: Int
        let accepted_steps: Int
        let rejected_steps: Int
    }

    /// The time-varying parts of the input, as given (absent for a constant current).
    struct Input: Encodable {
        let steps: [String]?
        let pulses: [String]?
        let waveform: String?
        let noise: String?
        let noise_seed: UInt64?
    }

    let model: String
    /// "model" (the simulated model's own units) or "target" (--target-units).
    let units: String
    let applied_current: Double
    let applied_current_unit: String
    let input: Input?
    let duration_s: Double
    let x0: [Double]
    let threshold_V: Double
    let rtol: Double
    let atol: Double
    let spike_times_s: [Double]
    let spike_count: Int
    /// Spikes per second over the whole run.
    let mean_rate_hz: Double
    /// 1 / mean inter-spike interval; absent with fewer than two spikes.
    let isi_rate_hz: Double?
    let final_state: [Double]
    let statistics: Statistics

    init(
        target: SimulationTarget, appliedCurrent: Double, input: StimulusOptions, targetUnits: Bool, duration: Double,
        initialState: [Double], threshold: Double, options: SolverOptions, result: SimulationResult
    ) {
        model = target.name
        units = targetUnits ? "target" : "model"
        applied_current = appliedCurrent
        applied_current_unit = targetUnits ? "A/cm2 (target current)" : target.currentUnit
        self.input = input.isTimeVarying
            ? Input(
                steps: input.steps.isEmpty ? nil : input.steps, pulses: input.pulses.isEmpty ? nil : input.pulses,
                waveform: input.waveform, noise: input.noise, noise_seed: input.noise == nil ? nil : input.noiseSeed)
            : nil
        duration_s = duration
        x0 = initialState
        threshold_V = threshold
        rtol = options.relativeTolerance
        atol = options.absoluteTolerance
        spike_times_s = result.spikeTimes
        spike_count = result.spikeTimes.count
        mean_rate_hz = Double(result.spikeTimes.count) / duration
        isi_rate_hz = result.spikeTimes.count >= 2 ? SpikeRate.interSpike(result.spikeTimes) : nil
        final_state = result.finalState
        statistics = Statistics(
            evaluations: result.statistics.evaluations, accepted_steps: result.statistics.acceptedSteps,
            rejected_steps: result.statistics.rejectedSteps)
    }

    var text: String {
        var lines: [String?] = [
            String(format: "model: %@, I_app = %g %@, %g s from x0 = %@", model, applied_current,
                   applied_current_unit, duration_s, x0.map { String(format: "%g", $0) }.joined(separator: ","))
                + (units == "target" ? " (target units)" : ""),
            input.map { input in
                "input: " + ([input.steps.map { "steps " + $0.joined(separator: " ") },
                              input.pulses.map { "pulses " + $0.joined(separator: " ") },
                              input.waveform.map { "waveform " + $0 },
                              input.noise.map { "noise μ,σ,τ = \($0), seed \(input.noise_seed ?? 1)" }]
                    .compactMap { $0 }.joined(separator: "; "))
            },
            String(format: "spikes (upward crossings of %g V): %d", threshold_V, spike_count),
            String(format: "mean rate: %.6g Hz", mean_rate_hz)
                + (isi_rate_hz.map { String(format: "; 1/mean ISI: %.6g Hz", $0) } ?? ""),
        ]
        if !spike_times_s.isEmpty {
            lines.append("spike times (s): " + spike_times_s.map { String(format: "%.9g", $0) }.joined(separator: " "))
        }
        lines.append("final state V,m,h,n: " + final_state.map { String(format: "%.6g", $0) }.joined(separator: ", "))
        lines.append("solver: \(statistics.evaluations) evaluations, \(statistics.accepted_steps) accepted and "
            + "\(statistics.rejected_steps) rejected steps (rtol \(rtol), atol \(atol))")
        return lines.compactMap { $0 }.joined(separator: "\n") + "\n"
    }

    /// The trace as CSV: a header `t,V,m,h,n`, then one row per step with
    /// every value printed to full precision.
    static func csv(_ trace: Trace) -> String {
        var text = "t,V,m,h,n\n"
        text.reserveCapacity(trace.count * 100)
        for k in 0..<trace.count {
            text += "\(trace.times[k])"
            for value in trace.state(at: k) { text += ",\(value)" }
            text += "\n"
        }
        return text
    }
}
