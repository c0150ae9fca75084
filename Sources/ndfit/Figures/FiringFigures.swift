import Fitting

/// The f-I figure shared by `fit --plot` and `verify --plot`.
enum FiringFigures {
    /// Target and chip steady rates (Hz, chip time) against the target
    /// current (µA/cm²), each rheobase marked by a dashed line in its colour.
    static func fICurves(_ report: FidelityReport, title: String) -> SVGPlot {
        var plot = SVGPlot(
            title: title, x: PlotAxis(label: "I (µA/cm², target current)", includesZero: true),
            y: PlotAxis(label: "rate (Hz, chip time)", includesZero: true))
        let target = PlotStyle.line(0, width: 2).marked(.circle)
        let chip = PlotStyle.line(1, width: 2).marked(.square)
        plot.add(.line("target", x: report.currents, y: report.targetRates, style: target))
        plot.add(.line("chip", x: report.currents, y: report.chipRates, style: chip))
        for (name, rheobase, style) in [("target", report.targetRheobase, target), ("chip", report.chipRheobase, chip)] {
            var line = style.dashed([5, 4])
            line.marker = .none
            line.lineWidth = 1.2
            // Without a rheobase the entry stays in the legend, and NaN draws nothing.
            let label = rheobase.map { "\(name) rheobase \(SVGText.compact($0)) µA/cm²" } ?? "\(name): no rheobase (silent on the grid)"
            plot.add(.vertical(label, x: rheobase ?? .nan, style: line))
        }
        return plot
    }
}
