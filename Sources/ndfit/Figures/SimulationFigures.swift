import NeuroDynChip

/// The figure of `ndfit simulate --plot`: the membrane voltage over time with
/// the threshold and the detected spikes, and the gates m, h and n below it.
enum SimulationFigures {
    /// `simulate.svg`: two panels, stacked.
    ///
    /// - Parameter voltsPerUnit: 1 to plot V in volts (a chip), 1e-3 for
    ///   millivolts (the HH model), with the axis labelled to match.
    static func figures(
        trace: Trace, spikeTimes: [Double], threshold: Double, modelName: String, voltsPerUnit: Double
    ) -> [(name: String, svg: String)] {
        let unit = voltsPerUnit == 1 ? "V" : "mV"
        let time = PlotAxis(label: "t (ms)")
        let milliseconds = trace.times.map { $0 * 1e3 }
        var voltage = SVGPlot(
            title: "Membrane voltage (\(modelName)): \(spikeTimes.count) spike\(spikeTimes.count == 1 ? "" : "s")",
            x: time, y: PlotAxis(label: "V (\(unit))"))
        voltage.add(.horizontal(
            "threshold \(SVGText.compact(threshold / voltsPerUnit)) \(unit)", y: threshold / voltsPerUnit,
            style: PlotStyle(color: "#888888", lineWidth: 1, dash: [5, 4])))
        voltage.add(.line("V", x: milliseconds, y: trace.component(0).map { $0 / voltsPerUnit }, style: .line(0, width: 1.5)))
        voltage.add(.points(
            "spikes", x: spikeTimes.map { $0 * 1e3 }, y: spikeTimes.map { _ in threshold / voltsPerUnit },
            color: PlotStyle.palette[1], marker: .triangle))

        var gates = SVGPlot(
            title: "Gating variables", x: time, y: PlotAxis(label: "gate (fraction open)", range: 0...1))
        for (index, gate) in Gate.allCases.enumerated() {
            gates.add(.line(gate.rawValue, x: milliseconds, y: trace.component(gate.stateIndex), style: .line(index + 2, width: 1.5)))
        }
        let figure = SVGFigure(panels: [voltage, gates], columns: 1, panelWidth: 820, panelHeight: 330)
        return [(name: "simulate.svg", svg: figure.svg)]
    }
}
