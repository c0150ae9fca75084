import Dispatch
import Fitting
import Foundation
import NeuroDynChip

/// The bursting pair (opt-in: `NeuroDynBench bursting`): the compound fit's
/// time, its bursts against the target's over the target's band and under
/// the rebound test (the goals: spikes per burst exact, period within 10 %,
/// rebound spikes ±1), and N dies (N=… in the environment, default 20) at
/// σ = 0.15 before and after calibration.
func runBurstingBenchmark() throws {
    print("bursting pair (ndfit fit --model bursting-pair), on every core")
    let fitStart = DispatchTime.now().uptimeNanoseconds
    let fit = try CompoundFitter().fit()
    let fitSeconds = Double(DispatchTime.now().uptimeNanoseconds - fitStart) * 1e-9
    guard let band = fit.targetBand else { return }
    print("  fit: \(format(seconds: fitSeconds)) wall, \(fit.searchEvaluations) settings tried by the burst search")
    let verification = try CompoundVerification(file: fit.registerFile, target: .burstingPair)
    let comparisons = try verification.compare(
        currents: CompoundVerification.comparisonCurrents(design: fit.designCurrent, band: band))
    for c in comparisons {
        func text(_ s: BurstSummary) -> String {
            guard let period = s.period_s else { return "none" }
            return "\(Set(s.spikes_per_burst).sorted().map(String.init).joined(separator: ",")) every "
                + String(format: "%.1f ms", period * 1e3)
        }
        print(String(format: "  %6.2f µA/cm²: target %@, chip %@", c.current_uA_per_cm2, text(c.target), text(c.chip)))
    }
    let agreement = CompoundVerification.agreement(comparisons, band: band)
    print(String(format: "  band %g … %g µA/cm²: spikes per burst as the target at %d of %d currents, period within 10 %% at %d",
                 band.lowerBound, band.upperBound, agreement.same_spikes_per_burst, agreement.currents,
                 agreement.period_within_10_percent))
    let rebound = try verification.rebound()
    print("  rebound test: \(rebound.target_rebound_spikes) rebound spikes on the target, \(rebound.chip_rebound_spikes) on the chip (goal ±1)")

    let count = ProcessInfo.processInfo.environment["N"].flatMap { Int($0) } ?? 20
    let monteCarlo = CompoundMonteCarlo(fit: fit, mismatch: try MismatchModel(sigma: 0.15), seed: 1)
    let start = DispatchTime.now().uptimeNanoseconds
    let outcomes = try monteCarlo.run(count: count, calibrates: true)
    let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) * 1e-9
    let before = outcomes.filter(\.beforePasses).count, after = outcomes.filter { $0.afterPasses == true }.count
    let timed = outcomes.filter { outcome in
        guard outcome.afterPasses == true, let period = outcome.after?.period_s,
              let target = fit.targetBursts.period else { return false }
        return abs(period / target - 1) <= 0.1
    }.count
    print(String(format: "  %d dies, σ = 0.15, seed 1: %d burst as the target before calibration, %d after (%d of them with the period within 10 %%); %.1f s wall per die",
                 count, before, after, timed, seconds / Double(count)))
}
