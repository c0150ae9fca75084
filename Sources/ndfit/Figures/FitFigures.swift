import Fitting
import NeuroDynChip

/// The figures of `ndfit fit --plot`: per gate, α and β (target, continuous
/// NNLS fit, emitted codes) against voltage, then x∞ and τ (target and codes);
/// with the fidelity table, the f-I curves of chip and target.
enum FitFigures {
    /// One file per gate (`fit-m.svg`, `fit-h.svg`, `fit-n.svg`) and, given
    /// `fidelity`, `fit-fI.svg`.
    static func figures(fit: ChipFit, fidelity: FidelityReport?) -> [(name: String, svg: String)] {
        let curves = fit.curves
        var files = Gate.allCases.map { gate in
            (name: "fit-\(gate.rawValue).svg", svg: gateFigure(gate, curves: curves, voltageScale: fit.voltageScale).svg)
        }
        if let fidelity {
            files.append((name: "fit-fI.svg", svg: FiringFigures.fICurves(fidelity, title: "f-I curves of the emitted chip").svg()))
        }
        return files
    }

    /// Three panels side by side: α and β, x∞, τ.
    static func gateFigure(_ gate: Gate, curves: FitCurves, voltageScale: Double) -> SVGFigure {
        let name = gate.rawValue
        let millivolts = curves.voltages.map { $0 * 1e3 }
        let voltage = PlotAxis(label: "V (mV, HH axis scaled by scl_v)")
        let fit = curves.gates[gate]
        // Colour tells where a curve comes from; on the rate panel, α is solid and β dotted.
        let target = PlotStyle.line(0, width: 2.4)
        let continuous = PlotStyle.line(2, width: 1.6)
        let codes = PlotStyle.line(1, width: 1.6)
        var rates = SVGPlot(
            title: "\(name): α (solid) and β (dotted)", x: voltage,
            y: PlotAxis(label: "rate (1/s, target time)", scale: .logarithmic, maximumDecades: 7))
        for (rate, dash) in [(Rate.alpha, [Double]()), (.beta, [1.5, 3])] {
            let labelled = rate == .alpha
            rates.add(.line(labelled ? "target" : nil, x: millivolts, y: fit.target[rate], style: target.dashed(dash)))
            rates.add(.line(labelled ? "NNLS fit" : nil, x: millivolts, y: fit.continuous[rate], style: continuous.dashed(dash)))
            rates.add(.line(labelled ? "codes" : nil, x: millivolts, y: fit.quantized[rate], style: codes.dashed(dash)))
        }

        var steady = SVGPlot(
            title: "\(name)∞ = α / (α + β)", x: voltage, y: PlotAxis(label: "\(name)∞ (fraction open)", range: 0...1))
        steady.add(.line("target", x: millivolts, y: fit.target.steadyState, style: target))
        steady.add(.line("codes", x: millivolts, y: fit.quantized.steadyState, style: codes))

        var tau = SVGPlot(
            title: "τ_\(name) = 1 / (α + β)", x: voltage,
            y: PlotAxis(label: "τ (ms, target time)", scale: .logarithmic, maximumDecades: 6))
        tau.add(.line("target", x: millivolts, y: fit.target.timeConstant.map { $0 * 1e3 }, style: target))
        tau.add(.line("codes", x: millivolts, y: fit.quantized.timeConstant.map { $0 * 1e3 }, style: codes))

        return SVGFigure(
            title: "Gate \(name) at scl_v = \(SVGText.compact(voltageScale)): HH target, NNLS fit and emitted codes",
            panels: [rates, steady, tau], columns: 3, panelWidth: 500, panelHeight: 400)
    }
}
