import Foundation
import NeuroDynChip

/// The output of `perturb --simulate` on a network file, written die by die.
///
/// JSON (`neurodyn-network-montecarlo/1`, keys sorted): the settings,
/// `instances` (one compact line each: per neuron its rate and spike count),
/// `nominal` (the unperturbed network) and `summary` (propagation, yield, and
/// per neuron the rate summary).
struct NetworkMonteCarloReport {
    static let formatIdentifier = "neurodyn-network-montecarlo/1"

    let run: NetworkMonteCarloRun
    let currents: [Double]
    let count: Int
    let tolerance: Double

    /// One die's line: per neuron its rate and spike count (the shape of a
    /// single neuron's line, per current).
    typealias InstanceLine = MonteCarloReport.InstanceLine

    func write(format: ReportFormat, to sink: OutputSink, progress: ProgressReporter) throws {
        let nominal = run.outcome(of: run.nominal, instance: -1)
        var outcomes: [NetworkMonteCarloRun.Outcome] = []
        outcomes.reserveCapacity(count)
        let neurons = currents.count
        switch format {
        case .json:
            sink.write("{\n  \"count\" : \(count),\n  \"currents_A\" : \(try CompactJSON.line(currents)),\n")
            sink.write("  \"format\" : \"\(Self.formatIdentifier)\",\n  \"instances\" : [\n")
        case .text:
            sink.write("\(count) network die(s) of \(neurons) neurons and \(run.nominal.synapses.count) synapses, "
                + "σ = \(run.mismatch.sigma), seed \(run.seed), \(run.duration) s each\n")
            sink.write("     die  " + (0..<neurons).map { String(format: "%12@", "neuron \($0)") }.joined() + "   (rate in Hz; - silent)\n")
        }
        try run.run(count: count) { outcome in
            outcomes.append(outcome)
            let k = outcome.instance
            switch format {
            case .json:
                sink.write("    " + (try CompactJSON.line(InstanceLine(
                    instance: k, rates_hz: outcome.rates, spike_counts: outcome.spikeCounts, completed: outcome.completed)))
                    + (k == count - 1 ? "\n" : ",\n"))
            case .text:
                sink.write(String(format: "%8d  ", k) + zip(outcome.rates, outcome.spikeCounts).map { rate, spikes in
                    spikes > 0 ? String(format: "%12.1f", rate) : String(format: "%12@", "-")
                }.joined() + "\n")
            }
            progress.report(Double(k + 1) / Double(count))
        }
        let summary = NetworkYield(nominal: nominal, outcomes: outcomes, currents: currents, tolerance: tolerance)
        switch format {
        case .json:
            sink.write("  ],\n  \"nominal\" : \(try CompactJSON.line(InstanceLine(instance: -1, rates_hz: nominal.rates, spike_counts: nominal.spikeCounts, completed: nominal.completed))),\n")
            sink.write("  \"seed\" : \(run.seed),\n  \"sigma\" : \(try CompactJSON.line(run.mismatch.sigma)),\n")
            sink.write("  \"summary\" : \(try CompactJSON.line(summary)),\n")
            sink.write("  \"yield_tolerance\" : \(try CompactJSON.line(tolerance))\n}\n")
        case .text:
            sink.write(String(
                format: "\nnetwork: %.1f%% of dies propagate (every neuron that fires nominally fires), %.1f%% within ±%d%% on every neuron\n",
                summary.propagation * 100, summary.yield * 100, Int((tolerance * 100).rounded())))
            sink.write("  neuron   current A   nominal Hz   yield  silent        5%       25%    median       75%       95%\n")
            for (i, neuron) in summary.neurons.enumerated() {
                sink.write(String(format: "%8d %11.4g %12.1f %7.1f%% %6.1f%%", i, neuron.current, neuron.nominalRate,
                                  neuron.yield * 100, neuron.silentFraction * 100)
                    + neuron.quantiles.map { String(format: " %9.1f", $0) }.joined() + "\n")
            }
        }
    }
}
