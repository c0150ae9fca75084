import Fitting
import Foundation
import NeuroDynChip

/// The human-readable report of `ndfit fit --model bursting-pair`.
struct CompoundFitReport {
    let fit: CompoundFit
    let model: String

    var text: String {
        var lines: [String] = []
        let first = fit.parts[0]
        lines.append("NeuroDyn compound fit of \(model) at scl_v = \(String(format: "%g", first.voltageScale)): "
            + "parts on neurons \(fit.neuronIndices.map(String.init).joined(separator: " and ")), tied by a short circuit")
        for (k, b) in fit.biases.enumerated() {
            lines.append(String(format: "board %d: V_ref %g V, I_voltage %g nA, I_master %g nA, capacitance scaling %g",
                                fit.neuronIndices[k] / RegisterFile.neuronCapacity, b.referenceVoltage, b.voltageCurrent * 1e9,
                                b.masterCurrent * 1e9, b.capacitanceScaling))
        }
        lines.append(String(format: "time: scl_t = %.6g, shared (σ_t = %.4g; the slow part alone would take %.4g on board 0)",
                            first.speedUp, fit.ownTimeScales[0], fit.ownTimeScales[1]))
        lines.append(String(format: "mapping: I_chip = %.6g · I_model (total, A per A/cm²) into the shared membrane", fit.mapping.currentGain))
        lines.append(String(format: "slow part: g_Na × %.3g, g_K × %.3g, leak offset %d codes (E_L %d); burst search: %d settings tried",
                            fit.correctionFactors.sodium, fit.correctionFactors.potassium,
                            fit.registers[1].conductances.leak.value, fit.registers[1].reversals.leak.value,
                            fit.searchEvaluations))
        for (k, part) in fit.parts.enumerated() where !part.saturated.isEmpty {
            lines.append("clamped on neuron \(fit.neuronIndices[k]): " + part.saturated.map {
                "\($0.register) \($0.requested) → \($0.emitted)"
            }.joined(separator: ", "))
        }
        lines.append("")
        lines += Self.registerRows(fit)
        lines.append("")
        lines.append(String(format: "bursts at %g µA/cm² (total), %g–%g s of model time:", fit.designCurrent,
                            fit.measureSpan.from, fit.measureSpan.to))
        lines.append(FitReport.row("", ["target", "chip"], width: 16))
        let t = BurstSummary(fit.targetBursts), c = BurstSummary(fit.chipBursts)
        lines.append(FitReport.row("  bursts", [String(t.bursts), String(c.bursts)], width: 16))
        lines.append(FitReport.row("  spikes per burst", [t.spikesPerBurstText, c.spikesPerBurstText], width: 16))
        lines.append(FitReport.row("  period (ms)", [milli(t.period_s), milli(c.period_s)], width: 16))
        lines.append(FitReport.row("  intra-burst (Hz)", [plain(t.intra_burst_rate_Hz), plain(c.intra_burst_rate_Hz)], width: 16))
        lines.append(FitReport.row("  duty cycle", [plain(t.duty_cycle, "%.3f"), plain(c.duty_cycle, "%.3f")], width: 16))
        if fit.matched.count > 1 {
            let band = fit.targetBand.map {
                String(format: " (the target bursts %@ at a time from %g to %g µA/cm²)", t.spikesPerBurstText, $0.lowerBound, $0.upperBound)
            } ?? ""
            lines.append("also matched\(band), spikes per burst and period (ms), target / chip:")
            for m in fit.matched.dropFirst() {
                let t = BurstSummary(m.target), c = BurstSummary(m.chip)
                lines.append(String(format: "  %g µA/cm²: ", m.current) + "\(t.spikesPerBurstText) / \(c.spikesPerBurstText), "
                    + "\(milli(t.period_s)) / \(milli(c.period_s))")
            }
        }
        if let r = fit.rebound {
            lines.append(String(format: "rebound test (%g µA/cm², %g more from %g to %g s): %d / %d rebound spikes, target / chip",
                                r.test.base, r.test.step, r.test.stepStart, r.test.stepEnd, r.target, r.chip))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The codes of each part's neuron, a column per neuron.
    static func registerRows(_ fit: CompoundFit) -> [String] {
        var lines = [FitReport.row("registers", fit.neuronIndices.map { "neuron \($0)" }, width: 28)]
        for channel in IonChannel.allCases {
            lines.append(FitReport.row("  dg, dE \(channel.rawValue)", fit.registers.map {
                "\($0.conductances[channel].value), \($0.reversals[channel].value)"
            }, width: 28))
        }
        for gate in Gate.allCases {
            for rate in Rate.allCases {
                lines.append(FitReport.row("  \(gate.rawValue) \(rate.rawValue)", fit.registers.map {
                    $0.splines[gate][rate].values.map(String.init).joined(separator: " ")
                }, width: 28))
            }
        }
        return lines
    }

    private func milli(_ x: Double?) -> String { x.map { String(format: "%.1f", $0 * 1e3) } ?? "–" }
    private func plain(_ x: Double?, _ format: String = "%.1f") -> String { x.map { String(format: format, $0) } ?? "–" }
}
