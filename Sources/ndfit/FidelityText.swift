import Fitting
import Foundation

/// The fidelity table as text, shared by `fit` and `verify`.
enum FidelityText {
    static func render(_ report: FidelityReport) -> String {
        var lines = ["fidelity (steady rates in Hz, chip time; target current in µA/cm²)"]
        func row(_ label: String, _ cells: [String]) -> String {
            label.padding(toLength: 10, withPad: " ", startingAt: 0)
                + cells.map { String(repeating: " ", count: max(0, 8 - $0.count)) + $0 }.joined()
        }
        lines.append(row("  I", report.currents.map { String(format: "%.4g", $0) }))
        lines.append(row("  target", report.targetRates.map { String(format: "%.0f", $0) }))
        lines.append(row("  chip", report.chipRates.map { String(format: "%.0f", $0) }))
        lines.append(String(format: "  error %.3f (mean |f_chip − f_target| / max f_target)", report.error))
        func rheobase(_ value: Double?) -> String { value.map { String(format: "%.2f", $0) } ?? "none" }
        var rheobaseLine = "  rheobase: target \(rheobase(report.targetRheobase)), chip \(rheobase(report.chipRheobase)) µA/cm²"
        if let error = report.rheobaseError { rheobaseLine += String(format: " (%.1f%% apart)", error * 100) }
        lines.append(rheobaseLine)
        return lines.joined(separator: "\n") + "\n"
    }
}
