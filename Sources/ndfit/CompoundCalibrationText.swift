import Fitting

/// The readable report of `calibrate` on a compound file.
enum CompoundCalibrationText {
    static func render(_ calibration: CompoundCalibration, fit: CompoundFit, model: String) -> String {
        func bursts(_ s: BurstSummary) -> String {
            guard let period = s.period_s else { return "no bursts (\(s.spikes) spikes)" }
            return "\(s.spikesPerBurstText) spikes per burst every " + String(format: "%.1f ms", period * 1e3)
        }
        let target = BurstSummary(fit.targetBursts)
        let lines = [
            "\(model) calibrated for the die \(calibration.source) (neurons "
                + fit.neuronIndices.map(String.init).joined(separator: " and ") + ")",
            String(format: "at %g µA/cm² (total): ", calibration.current_uA_per_cm2) + "target \(bursts(target))",
            "  nominal codes on the die: \(bursts(calibration.before))",
            "  calibrated codes:         \(bursts(calibration.after))",
            "",
        ] + CompoundFitReport.registerRows(fit)
        return lines.joined(separator: "\n") + "\n"
    }
}
