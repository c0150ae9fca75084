import ArgumentParser
import NeuroDynChip

/// The options of one simulation, shared by `simulate` and later commands.
struct SimulationOptions: ParsableArguments {
    @Option(name: .customLong("i-app"), help: ArgumentHelp(
        "Applied current: amperes on the chip; for --model hh, the HH current it stands for in A/cm² (e.g. 1e-5 = 10 µA/cm²).",
        valueName: "current"))
    var appliedCurrent: Double = 0

    @Option(help: ArgumentHelp("Simulated time in seconds.", valueName: "s"))
    var duration: Double = 0.02

    @Option(name: .customLong("x0"), help: ArgumentHelp(
        "Initial state V,m,h,n (V in volts, gates in 0…1). Default: V = 0.7 V on a chip without a mapping, the mapped rest (V = voltage_offset) with one, 0 for HH and in target units; gates 0.",
        valueName: "V,m,h,n"))
    var initialState: String?

    @Option(help: ArgumentHelp("Relative tolerance of the adaptive solver.", valueName: "r"))
    var rtol: Double = 1e-6

    @Option(help: ArgumentHelp("Absolute tolerance of the adaptive solver.", valueName: "a"))
    var atol: Double = 1e-9

    @Option(help: ArgumentHelp(
        "Spike threshold in volts (upward crossings). Default: 0.85 V on a chip without a mapping, 0.05·scl_v + voltage_offset with one, 0.05·scl_v for HH, 0.05 in target units.",
        valueName: "V"))
    var threshold: Double?

    func validate() throws {
        guard appliedCurrent.isFinite else {
            throw ValidationError("--i-app must be a finite number (got \(appliedCurrent))")
        }
        guard duration.isFinite && duration > 0 else {
            throw ValidationError("--duration must be a finite positive number of seconds (got \(duration))")
        }
        for (name, value) in [("--rtol", rtol), ("--atol", atol)] where !(value.isFinite && value > 0) {
            throw ValidationError("\(name) must be a finite positive number (got \(value))")
        }
        if let threshold, !threshold.isFinite {
            throw ValidationError("--threshold must be a finite number of volts (got \(threshold))")
        }
        _ = try parsedInitialState()
    }

    /// The `--x0` state, or `nil` when not given.
    func parsedInitialState() throws -> [Double]? {
        guard let initialState else { return nil }
        let parts = initialState.split(separator: ",", omittingEmptySubsequences: false)
            .map { $0.trimmingCharacters(in: .whitespaces) }
        guard parts.count == 4 else {
            throw ValidationError("--x0 needs four comma-separated values V,m,h,n (got \"\(initialState)\")")
        }
        var values: [Double] = []
        for (index, part) in parts.enumerated() {
            guard let value = Double(part), value.isFinite else {
                throw ValidationError("--x0 entry \(index + 1) (\"\(part)\") is not a finite number")
            }
            if index > 0 && !(0...1).contains(value) {
                throw ValidationError("--x0 gate \(["", "m", "h", "n"][index]) = \(value) is outside 0…1")
            }
            values.append(value)
        }
        return values
    }

    func solverOptions(threshold level: Double, trace: SolverOptions.Trace) -> SolverOptions {
        SolverOptions(relativeTolerance: rtol, absoluteTolerance: atol, trace: trace, spikeThreshold: level)
    }
}
