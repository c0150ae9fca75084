import Fitting
import Foundation
import NeuroDynChip

/// The report of `ndfit calibrate` as text.
enum CalibrationText {
    static func render(_ record: CalibrationRecord, nominal: NeuronRegisters, calibrated: ChipFit) -> String {
        var lines = ["calibration of the die (\(record.source)); the time scale and mapping are the file's"]
        if let measured = record.measured {
            let ledger = measured.ledger
            lines.append(String(
                format: "from measurements: %d clamp readings and %d clamp steps, %.3f s of bench time",
                ledger.clampReadings, ledger.clampSteps, ledger.benchTime)
                + (measured.estimateError.map { String(format: "; factor estimates %.2e RMS from the die's", $0) } ?? ""))
        }
        lines.append("fidelity (steady rates in Hz, chip time; target current in µA/cm²)")
        func row(_ label: String, _ cells: [String]) -> String {
            label.padding(toLength: 10, withPad: " ", startingAt: 0)
                + cells.map { String(repeating: " ", count: max(0, 8 - $0.count)) + $0 }.joined()
        }
        let before = record.before, after = record.after
        lines.append(row("  I", before.currents.map { String(format: "%g", $0) }))
        lines.append(row("  target", before.targetRates.map { String(format: "%.0f", $0) }))
        lines.append(row("  before", before.chipRates.map { String(format: "%.0f", $0) }))
        lines.append(row("  after", after.chipRates.map { String(format: "%.0f", $0) }))
        lines.append(String(format: "  error %.3f before, %.3f after (mean |f_chip − f_target| / max f_target)",
                            before.error, after.error))
        func rheobase(_ value: Double?) -> String { value.map { String(format: "%.2f", $0) } ?? "none" }
        lines.append("  rheobase: target \(rheobase(before.targetRheobase)), before \(rheobase(before.chipRheobase)), "
                     + "after \(rheobase(after.chipRheobase)) µA/cm²")
        let changes = changedRegisters(nominal, calibrated.registers)
        lines.append("registers changed (nominal → calibrated): \(changes.count)")
        for chunk in stride(from: 0, to: changes.count, by: 4) {
            lines.append("  " + changes[chunk..<min(chunk + 4, changes.count)].joined(separator: ", "))
        }
        if !calibrated.saturated.isEmpty {
            lines.append("clamped into range: " + calibrated.saturated.map { "\($0.register) (wanted \($0.requested))" }
                .joined(separator: ", "))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// `name a → b` for every register that differs, in register-file order.
    static func changedRegisters(_ a: NeuronRegisters, _ b: NeuronRegisters) -> [String] {
        var changes: [String] = []
        for channel in IonChannel.allCases where a.conductances[channel] != b.conductances[channel] {
            changes.append("dg.\(channel.rawValue) \(a.conductances[channel].value) → \(b.conductances[channel].value)")
        }
        for channel in IonChannel.allCases where a.reversals[channel] != b.reversals[channel] {
            changes.append("dE.\(channel.rawValue) \(a.reversals[channel].value) → \(b.reversals[channel].value)")
        }
        for gate in Gate.allCases {
            for rate in Rate.allCases {
                let x = a.splines[gate][rate].values, y = b.splines[gate][rate].values
                for j in x.indices where x[j] != y[j] {
                    changes.append("dIb.\(gate.rawValue).\(rate.rawValue)[\(j)] \(x[j]) → \(y[j])")
                }
            }
        }
        return changes
    }
}
