import NeuroDynChip

/// The figure of `ndfit simulate --plot` on a network: a raster of every
/// neuron's spikes above the voltage traces.
enum NetworkFigures {
    /// `network.svg`: the raster (one row per neuron) and the membrane voltages.
    ///
    /// - Parameters:
    ///   - voltsPerUnit: 1 to plot V in volts (a chip), 1e-3 for millivolts
    ///     (target units).
    ///   - duration: the run's length in seconds, the time axis's span.
    static func figures(
        trace: Trace, voltageIndices: [Int], spikeTimes: [[Double]], threshold: Double, voltsPerUnit: Double,
        duration: Double, title: String
    ) -> [(name: String, svg: String)] {
        let unit = voltsPerUnit == 1 ? "V" : "mV"
        let time = PlotAxis(label: "t (ms)", range: 0...(duration * 1e3))
        let milliseconds = trace.times.map { $0 * 1e3 }
        let count = voltageIndices.count
        var raster = SVGPlot(
            title: "Spikes (\(title)): " + spikeTimes.map { "\($0.count)" }.joined(separator: ", "),
            x: time, y: PlotAxis(label: "neuron", range: -0.5...(Double(count) - 0.5)))
        for (i, spikes) in spikeTimes.enumerated() {
            raster.add(.points(
                "neuron \(i)", x: spikes.map { $0 * 1e3 }, y: spikes.map { _ in Double(i) },
                color: PlotStyle.palette[i % PlotStyle.palette.count], marker: .diamond))
        }
        var voltages = SVGPlot(title: "Membrane voltages", x: time, y: PlotAxis(label: "V (\(unit))"))
        voltages.add(.horizontal(
            "threshold \(SVGText.compact(threshold / voltsPerUnit)) \(unit)", y: threshold / voltsPerUnit,
            style: PlotStyle(color: "#888888", lineWidth: 1, dash: [5, 4])))
        for (i, index) in voltageIndices.enumerated() {
            voltages.add(.line(
                "V\(i)", x: milliseconds, y: trace.component(index).map { $0 / voltsPerUnit }, style: .line(i, width: 1.3)))
        }
        let figure = SVGFigure(panels: [raster, voltages], columns: 1, panelWidth: 820, panelHeight: 300)
        return [(name: "network.svg", svg: figure.svg)]
    }
}
