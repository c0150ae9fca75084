import NeuroDynChip

/// The reports of `ndfit simulate` on a network file: per neuron its current,
/// spikes and rates, with the network's makeup and the solver's statistics.
struct NetworkSummary: Encodable {
    struct Neuron: Encodable {
        let index: Int
        let applied_current: Double
        let spike_times_s: [Double]
        let spike_count: Int
        let mean_rate_hz: Double
        /// 1 / mean inter-spike interval; absent with fewer than two spikes.
        let isi_rate_hz: Double?
    }

    let model = "chip network"
    let format: String
    let units: String
    let applied_current_unit: String
    let synapse_count: Int
    let gap_junction_count: Int
    let synapse_current: String
    let duration_s: Double
    let x0: [Double]
    let threshold_V: Double
    let rtol: Double
    let atol: Double
    let neurons: [Neuron]
    let final_state: [Double]
    let statistics: SimulationSummary.Statistics

    init(
        simulation: NetworkSimulation, setup: NetworkSimulation.Setup, targetUnits: Bool, options: SolverOptions,
        result: NetworkResult
    ) {
        format = simulation.file.format
        units = targetUnits ? "target" : "model"
        applied_current_unit = targetUnits ? "A/cm2 (target current)" : "A"
        synapse_count = simulation.network.synapses.count
        gap_junction_count = simulation.network.gapJunctions.count
        synapse_current = simulation.network.synapseCurrent.rawValue
        duration_s = setup.duration
        x0 = setup.initialState
        threshold_V = setup.threshold
        rtol = options.relativeTolerance
        atol = options.absoluteTolerance
        neurons = result.spikeTimes.enumerated().map { i, spikes in
            Neuron(
                index: i, applied_current: setup.currents[i], spike_times_s: spikes, spike_count: spikes.count,
                mean_rate_hz: Double(spikes.count) / setup.duration,
                isi_rate_hz: spikes.count >= 2 ? SpikeRate.interSpike(spikes) : nil)
        }
        final_state = result.simulation.finalState
        let work = result.simulation.statistics
        statistics = SimulationSummary.Statistics(
            evaluations: work.evaluations, accepted_steps: work.acceptedSteps, rejected_steps: work.rejectedSteps)
    }

    var text: String {
        var lines = [
            "network: " + BoardText.count(neurons.count, "neuron") + ", " + BoardText.count(synapse_count, "synapse")
                + " (\(synapse_current) current), " + BoardText.count(gap_junction_count, "gap junction")
                + "; \(duration_s) s" + (units == "target" ? " (target units)" : ""),
            "spikes are upward crossings of \(threshold_V) V",
        ]
        for neuron in neurons {
            var line = "neuron \(neuron.index): I_app = \(String(format: "%g", neuron.applied_current)) \(applied_current_unit), "
                + "\(neuron.spike_count) spike\(neuron.spike_count == 1 ? "" : "s"), mean rate \(String(format: "%.6g", neuron.mean_rate_hz)) Hz"
            if let isi = neuron.isi_rate_hz { line += String(format: "; 1/mean ISI %.6g Hz", isi) }
            lines.append(line)
            if !neuron.spike_times_s.isEmpty {
                lines.append("  spike times (s): " + neuron.spike_times_s.map { String(format: "%.9g", $0) }.joined(separator: " "))
            }
        }
        lines.append("solver: \(statistics.evaluations) evaluations, \(statistics.accepted_steps) accepted and "
            + "\(statistics.rejected_steps) rejected steps (rtol \(rtol), atol \(atol))")
        return lines.joined(separator: "\n") + "\n"
    }

    /// The trace as CSV under `header`, every value to full precision.
    static func csv(_ trace: Trace, header: String) -> String {
        var text = header + "\n"
        text.reserveCapacity(trace.count * trace.dimension * 22)
        for k in 0..<trace.count {
            text += "\(trace.times[k])"
            for value in trace.state(at: k) { text += ",\(value)" }
            text += "\n"
        }
        return text
    }
}
