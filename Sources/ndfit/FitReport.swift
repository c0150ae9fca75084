import Fitting
import Foundation
import NeuroDynChip

/// The human-readable report of `ndfit fit`.
struct FitReport {
    let fit: ChipFit
    /// The model's name (`hh1952`, a file's cell).
    let model: String

    var text: String {
        var lines: [String] = []
        let b = fit.biases
        lines.append("NeuroDyn fit of \(model) at scl_v = \(number(fit.voltageScale)) (κ_lin = \(number(fit.constants.kappaLinear)))")
        lines.append("biases: V_ref \(number(b.referenceVoltage)) V, I_voltage \(nano(b.voltageCurrent)) nA, "
            + "I_master \(nano(b.masterCurrent)) nA, I_ref \(nano(b.referenceCurrent)) nA, capacitance scaling \(number(b.capacitanceScaling))")
        let t = fit.timeScales
        let binding = t.fromConductances >= t.fromWeights ? "conductances" : "spline weights"
        lines.append(String(format: "time: scl_t = %.6g (σ_t = %.6g, set by the %@; σ_w = %.4g, σ_g = %.4g)",
                            fit.speedUp, t.timeScale, binding, t.fromWeights, t.fromConductances))
        let origin = fit.target.voltageOrigin
        lines.append(String(format: "mapping: I_chip = %.6g · I_model (A per A/cm²), V_chip = %.6g V + %@",
                            fit.currentGain, fit.voltageOffset,
                            origin == 0 ? "scl_v · V_model"
                                : String(format: "scl_v · (V_model %@ %.4g mV)", origin < 0 ? "+" : "−", abs(origin) * 1e3)))
        let g = fit.conductanceFactors, n = fit.rateFactors.n, h = fit.rateFactors.h, e = fit.reversalShifts
        if fit.fitRange != .published || fit.rateWeighting != .uniform {
            let range = fit.fitRange == .published ? "E_K … E_Na/2" : "E_K … E_Na"
            let weighting = fit.rateWeighting == .uniform ? "uniformly" : "relative to each gate's α + β"
            lines.append("rates: fitted over \(range), weighted \(weighting)")
        }
        if g != PerChannel(sodium: 1, potassium: 1, leak: 1) || fit.rateFactors != .unit
            || e != PerChannel(sodium: 0, potassium: 0, leak: 0) || fit.driveCompensation.sodium != 0 {
            lines.append(String(format: "compensation: g × %.3g %.3g %.3g (Na K L); α_h β_h × %.3g %.3g; α_n β_n × %.3g %.3g; "
                                + "E_Na, E_K, E_L shifted %+.1f, %+.1f, %+.1f mV; Na drive in m∞ λ = %.3g",
                                g.sodium, g.potassium, g.leak, h.alpha, h.beta, n.alpha, n.beta, e.sodium * 1e3,
                                e.potassium * 1e3, e.leak * 1e3, fit.driveCompensation.sodium))
        }
        lines.append("")
        lines.append(row("registers", ["na", "k", "l"], width: 7))
        let r = fit.registers
        lines.append(row("  dg", r.conductances.values.map { String($0.value) }, width: 7))
        lines.append(row("  dE", r.reversals.values.map { String($0.value) }, width: 7))
        lines.append("")
        lines.append(row("spline codes dIb", (0..<7).map { "j\($0)" }, width: 6))
        for gate in Gate.allCases {
            for rate in Rate.allCases {
                lines.append(row("  \(gate.rawValue) \(rate.rawValue)", r.splines[gate][rate].values.map(String.init), width: 6))
            }
        }
        lines.append("")
        lines.append("fit quality (largest error on the grid: continuous fit / emitted codes"
            + (fit.rateWeighting == .totalRate ? "; α and β relative to α + β)" : ")"))
        lines.append(row("  gate", ["α rel.", "β rel.", "x∞ abs.", "τ rel."], width: 19))
        let quality = fit.quality
        for gate in Gate.allCases {
            let q = quality.gates[gate]
            lines.append(row("  \(gate.rawValue) (\(fit.gates[gate].kind.rawValue.prefix(5)).)",
                             [pair(q.rates.alpha), pair(q.rates.beta), pair(q.steadyState), pair(q.timeConstant)],
                             width: 19))
        }
        if !fit.saturated.isEmpty {
            lines.append("")
            lines.append("saturated registers (clamped into range):")
            for s in fit.saturated {
                lines.append("  \(s.register): \(s.requested) → \(s.emitted) (\(s.remedy))")
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    private func row(_ label: String, _ cells: [String], width: Int) -> String { Self.row(label, cells, width: width) }

    /// A table row: the label in 20 columns, then each cell right-aligned in `width`.
    static func row(_ label: String, _ cells: [String], width: Int) -> String {
        label.padding(toLength: 20, withPad: " ", startingAt: 0)
            + cells.map { String(repeating: " ", count: max(0, width - $0.count)) + $0 }.joined()
    }

    private func pair(_ p: FitQuality.Pair) -> String {
        "\(percent(p.continuous)) / \(percent(p.quantized))"
    }

    private func percent(_ x: Double) -> String {
        x.isFinite ? String(format: "%.1f%%", x * 100) : "∞"
    }

    private func number(_ x: Double) -> String { String(format: "%g", x) }
    private func nano(_ x: Double) -> String { String(format: "%g", x * 1e9) }
}
