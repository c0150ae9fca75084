import Fitting

/// The figures of `verify --plot` beyond the f-I curves: chip and target
/// voltage under the same frozen noise, with coincident spikes marked, and
/// their steady spikes overlaid.
enum BehaviourFigures {
    /// `verify-noise.svg` and `verify-spike-shape.svg`.
    static func figures(_ traces: BehaviourTraces, window: Double) -> [(name: String, svg: String)] {
        [(name: "verify-noise.svg", svg: noise(traces, window: window).svg()),
         (name: "verify-spike-shape.svg", svg: spikeShape(traces).svg())]
    }

    /// V of target and chip (mV) over time (ms) under one noise setting;
    /// target spikes with a chip spike within ±window marked as coincident.
    static func noise(_ traces: BehaviourTraces, window: Double) -> SVGPlot {
        let setting = traces.setting
        let reference = traces.noiseTarget.spikeTimes, candidate = traces.noiseChip.spikeTimes
        let coincident = reference.filter { t in candidate.contains { abs($0 - t) <= window } }
        let missed = reference.filter { t in !candidate.contains { abs($0 - t) <= window } }
        let extra = candidate.filter { t in !reference.contains { abs($0 - t) <= window } }
        var plot = SVGPlot(
            title: "Frozen noise μ \(SVGText.compact(setting.mean)), σ \(SVGText.compact(setting.standardDeviation)) µA/cm² (seed \(setting.seed)): "
                + "\(coincident.count) of \(reference.count) target spikes matched within ±\(SVGText.compact(window * 1e3)) ms",
            x: PlotAxis(label: "t (ms, target time)"), y: PlotAxis(label: "V (mV, target units)"))
        plot.add(.line("target", x: traces.noiseTarget.times.map { $0 * 1e3 }, y: traces.noiseTarget.voltages.map { $0 * 1e3 },
                       style: .line(0, width: 1.5)))
        plot.add(.line("chip", x: traces.noiseChip.times.map { $0 * 1e3 }, y: traces.noiseChip.voltages.map { $0 * 1e3 },
                       style: .line(1, width: 1.2).dashed([4, 2])))
        let top = (traces.noiseTarget.voltages.max() ?? 0.1) * 1e3 + 8
        plot.add(.points("coincident", x: coincident.map { $0 * 1e3 }, y: coincident.map { _ in top },
                         color: PlotStyle.palette[2], marker: .triangle))
        plot.add(.points("target only", x: missed.map { $0 * 1e3 }, y: missed.map { _ in top },
                         color: PlotStyle.palette[0], marker: .circle))
        plot.add(.points("chip only", x: extra.map { $0 * 1e3 }, y: extra.map { _ in top + 6 },
                         color: PlotStyle.palette[1], marker: .square))
        return plot
    }

    /// Steady spikes of target and chip at the shape current (the first
    /// three after the first), aligned on their threshold crossings (ms from
    /// the crossing).
    static func spikeShape(_ traces: BehaviourTraces) -> SVGPlot {
        var plot = SVGPlot(
            title: "Spike shape at the shape current (each spike aligned on its threshold crossing)",
            x: PlotAxis(label: "t − crossing (ms, target time)"), y: PlotAxis(label: "V (mV, target units)"))
        for (index, (name, run)) in [("target", traces.shapeTarget), ("chip", traces.shapeChip)].enumerated() {
            let steady = Array(run.spikeTimes.dropFirst().dropLast().prefix(3))
            for (k, spike) in steady.enumerated() {
                let window = run.times.indices.filter { run.times[$0] >= spike - 2e-3 && run.times[$0] <= spike + 6e-3 }
                plot.add(.line(k == 0 ? name : nil, x: window.map { (run.times[$0] - spike) * 1e3 },
                               y: window.map { run.voltages[$0] * 1e3 }, style: .line(index, width: 1.3)))
            }
        }
        return plot
    }
}
