import NeuroDynChip

/// The figures of `ndfit perturb --simulate --plot`: the distribution of the
/// dies' rates under each current and, over a sweep, the band of f-I curves.
enum MonteCarloFigures {
    /// How the currents are shown: their values on the axis and its label.
    struct CurrentAxis {
        /// The currents in the axis' unit, one per simulated current.
        let values: [Double]
        /// "I (µA/cm², target current)" or "I (nA, chip current)".
        let label: String
        /// The unit alone, for titles.
        let unit: String
    }

    /// `perturb-rates.svg` (a histogram per current) and, with more than one
    /// current, `perturb-fI-band.svg`.
    static func figures(
        population: MonteCarloReport.Population, currents: CurrentAxis, sigma: Double, seed: UInt64
    ) -> [(name: String, svg: String)] {
        let count = population.rates.first?.count ?? 0
        let panels = population.summaries.indices.map { c in
            histogram(
                rates: population.rates[c], summary: population.summaries[c],
                title: "I = \(SVGText.compact(currents.values[c])) \(currents.unit)")
        }
        let histograms = SVGFigure(
            title: "Rates of \(count) mismatched dies (σ = \(SVGText.compact(sigma)), seed \(seed))",
            panels: panels, columns: min(3, panels.count), panelWidth: 520, panelHeight: 360)
        var files = [(name: "perturb-rates.svg", svg: histograms.svg)]
        if population.summaries.count > 1 {
            files.append((name: "perturb-fI-band.svg", svg: band(population: population, currents: currents, sigma: sigma).svg()))
        }
        return files
    }

    /// The rates' histogram with the nominal rate and the median marked.
    static func histogram(rates: [Double], summary: RateSummary, title: String) -> SVGPlot {
        var plot = SVGPlot(
            title: title, x: PlotAxis(label: "rate (Hz)"), y: PlotAxis(label: "dies per bin", includesZero: true))
        let bins = Histogram(rates)
        // A die that spikes once and stops has rate 0 without being silent.
        let silent = Int((summary.silentFraction * 100).rounded())
        let stopped = rates.filter { $0 == 0 }.count
        plot.add(.bars(
            "dies: \(stopped) at 0 Hz, \(silent)% never fire", edges: bins.edges, heights: bins.counts.map(Double.init),
            style: .line(0)))
        plot.add(.vertical(
            "nominal chip \(SVGText.compact(summary.nominalRate)) Hz", x: summary.nominalRate,
            style: PlotStyle.line(1, width: 2).dashed()))
        if let median = summary.quantiles.indices.first(where: { summary.quantileLevels[$0] == 0.5 }) {
            plot.add(.vertical(
                "median \(SVGText.compact(summary.quantiles[median])) Hz", x: summary.quantiles[median],
                style: PlotStyle.line(2, width: 2).dashed([2, 3])))
        }
        return plot
    }

    /// The f-I band: median, 25–75% and 5–95% of the dies' rates per
    /// current, and the nominal chip.
    static func band(population: MonteCarloReport.Population, currents: CurrentAxis, sigma: Double) -> SVGPlot {
        var plot = SVGPlot(
            title: "f-I band of the mismatched dies (σ = \(SVGText.compact(sigma)))",
            x: PlotAxis(label: currents.label), y: PlotAxis(label: "rate (Hz)", includesZero: true))
        let summaries = population.summaries
        func quantile(_ level: Double) -> [Double] {
            summaries.map { summary in
                summary.quantileLevels.firstIndex(of: level).map { summary.quantiles[$0] } ?? .nan
            }
        }
        var outer = PlotStyle.line(0)
        outer.fillOpacity = 0.15
        var inner = PlotStyle.line(0)
        inner.fillOpacity = 0.3
        plot.add(.band("5–95% of dies", x: currents.values, lower: quantile(0.05), upper: quantile(0.95), style: outer))
        plot.add(.band("25–75% of dies", x: currents.values, lower: quantile(0.25), upper: quantile(0.75), style: inner))
        plot.add(.line("median", x: currents.values, y: quantile(0.5), style: PlotStyle.line(0, width: 2).marked(.circle)))
        plot.add(.line(
            "nominal chip", x: currents.values, y: population.nominal,
            style: PlotStyle.line(1, width: 1.6).dashed().marked(.square)))
        return plot
    }
}
