import Fitting

/// The figures of `verify --plot` on a compound file: the shared voltage of
/// target and chip at the design current, and under the rebound protocol.
enum CompoundFigures {
    static func figures(bursts: CompoundVerification.Traces, rebound: CompoundVerification.Traces, report: CompoundReport)
        -> [(name: String, svg: String)]
    {
        var figures: [(name: String, svg: String)] = []
        if let design = report.bursts.first(where: { $0.current_uA_per_cm2 == report.designCurrent }) {
            func period(_ s: BurstSummary) -> String { s.period_s.map { SVGText.compact(($0 * 1e3).rounded()) + " ms" } ?? "–" }
            let title = "\(report.model) at \(SVGText.compact(report.designCurrent)) µA/cm²: bursts of \(design.target.spikesPerBurstText) every "
                + "\(period(design.target)) (target), \(design.chip.spikesPerBurstText) every \(period(design.chip)) (chip)"
            figures.append((name: "verify-bursts.svg", svg: plot(bursts, title: title).svg()))
        }
        let r = report.rebound
        let title = "Rebound: \(SVGText.compact(r.base_uA_per_cm2)) µA/cm², \(SVGText.compact(r.step_uA_per_cm2)) more from \(SVGText.compact(r.step_s[0])) to \(SVGText.compact(r.step_s[1])) s: "
            + "\(r.target_rebound_spikes) rebound spikes (target), \(r.chip_rebound_spikes) (chip)"
        figures.append((name: "verify-rebound.svg", svg: plot(rebound, title: title).svg()))
        return figures
    }

    static func plot(_ traces: CompoundVerification.Traces, title: String) -> SVGPlot {
        var plot = SVGPlot(
            title: title, x: PlotAxis(label: "t (s, target time)"), y: PlotAxis(label: "V (mV, target units)"))
        plot.add(.line("target", x: traces.times, y: traces.target.map { $0 * 1e3 }, style: .line(0, width: 1.2)))
        plot.add(.line("chip", x: traces.times, y: traces.chip.map { $0 * 1e3 }, style: .line(1, width: 1).dashed([4, 2])))
        return plot
    }
}
