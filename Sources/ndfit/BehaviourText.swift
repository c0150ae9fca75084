import Fitting
import Foundation

/// The behaviour table as text, shared by `fit` and `verify`: every measure,
/// target against chip, in target units (mV, ms, µA/cm²), its score (error
/// over its allowance) and whether it meets the goal.
enum BehaviourText {
    static func render(_ report: BehaviourReport, goals: BehaviourGoals = .standard) -> String {
        var lines = [
            "behaviour (target units, chip mapped back; \(report.noise.count) frozen-noise runs of "
                + "\(SVGText.compact(report.noiseDuration)) s, Γ within ±\(SVGText.compact(report.coincidenceWindow * 1e3)) ms)",
        ]
        let gammas = report.coincidences.map { $0.map { String(format: "%.2f", $0) } ?? "—" }
        let settings = report.noise.map { "μ \(SVGText.compact($0.mean)) σ \(SVGText.compact($0.standardDeviation))" }
        lines.append("  Γ per setting: " + zip(settings, gammas).map { "\($0): \($1)" }.joined(separator: ", "))
        lines.append(row("  measure", "target", "chip", "score", ""))
        let assessments = goals.assess(report)
        for assessment in assessments {
            let unit = Self.unit(assessment.unit)
            let name = unit.label.isEmpty ? assessment.measure : "\(assessment.measure) (\(unit.label))"
            lines.append(row(
                "  " + name, value(assessment.target, scale: unit.scale), value(assessment.chip, scale: unit.scale),
                String(format: "%.2f", assessment.score), assessment.met ? "ok" : "MISSED"))
        }
        let missed = assessments.filter { !$0.met }.count
        lines.append(missed == 0 ? "  every goal met" : "  \(missed) goal\(missed == 1 ? "" : "s") missed (score > 1)")
        return lines.joined(separator: "\n") + "\n"
    }

    private static func unit(_ unit: BehaviourGoals.Unit) -> (label: String, scale: Double) {
        switch unit {
        case .none, .count: ("", 1)
        case .seconds: ("ms", 1e3)
        case .volts: ("mV", 1e3)
        case .currentDensity: ("µA/cm²", 1)
        }
    }

    private static func value(_ x: Double?, scale: Double) -> String {
        guard let x else { return "—" }
        let scaled = x * scale
        return scaled == scaled.rounded() && abs(scaled) < 1e6 ? String(format: "%.0f", scaled) : String(format: "%.4g", scaled)
    }

    private static func row(_ label: String, _ target: String, _ chip: String, _ score: String, _ verdict: String) -> String {
        func pad(_ s: String, _ width: Int) -> String { String(repeating: " ", count: max(0, width - s.count)) + s }
        return label.padding(toLength: 40, withPad: " ", startingAt: 0) + pad(target, 9) + pad(chip, 9) + pad(score, 8)
            + (verdict.isEmpty ? "" : "  " + verdict)
    }
}
