import Fitting
import Foundation
import NeuroDynChip

/// Core seconds used by this process so far (all threads).
func processCPUSeconds() -> Double {
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    func seconds(_ t: timeval) -> Double { Double(t.tv_sec) + Double(t.tv_usec) * 1e-6 }
    return seconds(usage.ru_utime) + seconds(usage.ru_stime)
}

/// `NeuroDynBench bringup` (opt-in): the goals on N dies (N=…,
/// default 1000) of seed 1 of the scl_v = 3 fit at σ = 0.15.
/// 1. Characterization alone: the RMS relative error of the 51 estimated
///    factors against the drawn ones, without noise and with 1% relative
///    noise per sample, with bench time and core time per die.
/// 2. Measured calibration (1% noise): yield (fidelity error ≤ 0.1) before
///    and after, core time per die (characterization and calibration; the
///    fidelity measures before and after are not counted: a real bench
///    would not run them), also without the emulated die's own work
///    (``TimedDie``), which a board does in bench time. BUDGET=… sets the
///    search budget.
func runBringUpBenchmark() throws {
    let environment = ProcessInfo.processInfo.environment
    let count = environment["N"].flatMap { Int($0) } ?? 1000
    let budget = environment["BUDGET"].flatMap { Int($0) }
    let tuned = try HodgkinHuxleyFitter.tunedForFidelity(voltageScale: 3)
    let nominal = try tuned.fit().neuron
    let model = try MismatchModel(sigma: 0.15)
    print("bring-up of \(count) dies of seed 1 of the scl_v = 3 fit, σ = 0.15")
    for (label, measurement) in [
        ("no noise", MeasurementModel.noiseless), ("1% relative noise", try MeasurementModel(relativeNoise: 0.01)),
    ] {
        let bench = EmulatedBench(measurement: measurement, noiseSeed: 1)
        let cpu = processCPUSeconds()
        let errors = ParallelMap.map(count: count) { k -> (error: Double, bench: Double, emulation: Double)? in
            let truth = model.draw(seed: 1, instance: UInt64(k))
            var die = TimedDie(bench.die(truth, instance: UInt64(k), like: nominal))
            guard let estimate = try? DieCharacterization().characterize(&die) else { return nil }
            return (estimate.relativeError(against: truth), estimate.ledger.benchTime, die.emulationSeconds)
        }
        let core = processCPUSeconds() - cpu
        let found = errors.compactMap { $0 }
        let rms = found.map(\.error).sorted()
        let emulation = found.map(\.emulation).reduce(0, +)
        print(String(
            format: "  characterization, %@: factor error (RMS over 51 factors) median %.2e, 95%% %.2e, max %.2e; %d of %d dies characterized; bench time %.3f s per die; %.1f ms core per die, of which %.1f ms emulate the die",
            label, rms[rms.count / 2], rms[min(rms.count - 1, rms.count * 95 / 100)], rms.last ?? .nan, found.count,
            count, found.map(\.bench).reduce(0, +) / Double(max(found.count, 1)), core / Double(count) * 1e3,
            emulation / Double(count) * 1e3))
    }
    var calibration = DieCalibration(fitter: tuned)
    if let budget { calibration.budget = budget }
    var run = try CalibrationRun(calibration: calibration, mismatch: model, seed: 1)
    run.bench = EmulatedBench(measurement: try MeasurementModel(relativeNoise: 0.01), noiseSeed: 1)
    var before = 0, after = 0, benchTime = 0.0, estimateErrors: [Double] = []
    run.run(count: count) { outcome in
        if outcome.before.error <= 0.1 { before += 1 }
        if outcome.after.error <= 0.1 { after += 1 }
        benchTime += outcome.estimate?.ledger.benchTime ?? 0
        if let error = outcome.estimateError { estimateErrors.append(error) }
    }
    // Core time of characterization and calibration alone (no fidelity
    // measures: a bench would not run them), on the first dies again.
    let timed = min(count, 200)
    let measured = MeasuredCalibration(calibration: run.calibration)
    let bench = run.bench!
    let cpu = processCPUSeconds()
    let wall = DispatchTime.now().uptimeNanoseconds
    let calibrated = ParallelMap.map(count: timed) { k -> Double? in
        var die = TimedDie(bench.die(model.draw(seed: 1, instance: UInt64(k)), instance: UInt64(k), like: nominal))
        return (try? measured.calibrate(&die)) != nil ? die.emulationSeconds : nil
    }
    let core = processCPUSeconds() - cpu
    let seconds = Double(DispatchTime.now().uptimeNanoseconds - wall) * 1e-9
    let emulation = calibrated.compactMap { $0 }.reduce(0, +)
    print(String(
        format: "  measured calibration (1%% noise, budget %d): yield %.1f%% before, %.1f%% after (%d dies characterized); bench time %.3f s per die",
        run.calibration.budget, Double(before) * 100 / Double(count), Double(after) * 100 / Double(count),
        estimateErrors.count, benchTime / Double(count)))
    print(String(
        format: "  characterization and calibration of %d dies: %.3f s core per die, %.3f s without emulating the die (the goal's figure; a board measures in bench time), %.3f s wall per die on %d cores (%d calibrated)",
        timed, core / Double(timed), (core - emulation) / Double(timed), seconds / Double(timed),
        ProcessInfo.processInfo.activeProcessorCount, calibrated.filter { $0 != nil }.count))
}
