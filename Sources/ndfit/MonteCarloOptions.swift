import ArgumentParser
import NeuroDynChip

/// The options of `perturb --simulate`.
struct MonteCarloOptions: ParsableArguments {
    @Flag(help: "Simulate every instance and report its firing rate, with the population's yield and rate quantiles.")
    var simulate = false

    @Option(name: .customLong("i-hh"), help: ArgumentHelp(
        "Drive each instance with the chip current that stands for this target current (µA/cm²; needs a fitted register file). For a network file, one per neuron, comma-separated.",
        valueName: "µA/cm²"))
    var targetCurrents: CurrentList?

    /// The one `--i-hh` current of a single neuron.
    var targetCurrent: Double? { targetCurrents?.values[0] }

    @Option(help: ArgumentHelp("Simulate over these chip currents (A), comma-separated: a band of f-I curves.", valueName: "A,A,…"))
    var sweep: String?

    @Option(name: .customLong("sweep-hh"), help: ArgumentHelp(
        "Simulate over these target currents (µA/cm², comma-separated; needs a fitted register file).", valueName: "µA/cm²,…"))
    var targetSweep: String?

    @Flag(help: ArgumentHelp(
        "With --simulate: measure each instance's fidelity (the f-I curve against the target), calibrate it, and measure again; reports the yield before and after.",
        discussion: "Needs a fitted register file with its fit record (`ndfit fit --format json --output FILE`)."))
    var calibrate = false

    @Flag(help: ArgumentHelp(
        "With --calibrate: calibrate each die from measurements on an emulated bench (as `calibrate --measured`); reports the bench time and how close the estimated factors came."))
    var measured = false

    @Option(help: ArgumentHelp("With --calibrate: most chip evaluations of each die's search.", valueName: "n"))
    var budget = 150

    @Option(name: .customLong("fidelity-tolerance"), help: ArgumentHelp(
        "With --calibrate: an instance counts towards the yield when its fidelity error is at most this.",
        valueName: "e"))
    var fidelityTolerance = 0.1

    @Option(name: .customLong("yield-tolerance"), help: ArgumentHelp(
        "An instance counts towards the yield when its rate is within this fraction of the nominal chip's.", valueName: "f"))
    var yieldTolerance = 0.2

    func validate() throws {
        let simulationOnly: [(String, Bool)] = [
            ("--i-hh", targetCurrents != nil), ("--sweep", sweep != nil), ("--sweep-hh", targetSweep != nil),
        ]
        for (name, given) in simulationOnly + [("--calibrate", calibrate)] where given && !simulate {
            throw ValidationError("\(name) needs --simulate")
        }
        if measured && !calibrate { throw ValidationError("--measured needs --calibrate") }
        if calibrate && [targetCurrents != nil, sweep != nil, targetSweep != nil].contains(true) {
            throw ValidationError("--calibrate measures the whole f-I curve: it takes no --i-hh, --sweep or --sweep-hh")
        }
        guard budget >= 0 else { throw ValidationError("--budget must be at least 0 (got \(budget))") }
        guard fidelityTolerance.isFinite && fidelityTolerance >= 0 else {
            throw ValidationError("--fidelity-tolerance must be a finite number ≥ 0 (got \(fidelityTolerance))")
        }
        guard yieldTolerance.isFinite && yieldTolerance >= 0 else {
            throw ValidationError("--yield-tolerance must be a finite number ≥ 0 (got \(yieldTolerance))")
        }
        if let bad = targetCurrents?.values.first(where: { !$0.isFinite }) {
            throw ValidationError("--i-hh must be finite numbers (got \(bad))")
        }
        guard [targetCurrents != nil, sweep != nil, targetSweep != nil].filter({ $0 }).count <= 1 else {
            throw ValidationError("give one of --i-hh, --sweep and --sweep-hh")
        }
        _ = try Self.list(sweep, name: "--sweep")
        _ = try Self.list(targetSweep, name: "--sweep-hh")
    }

    static func list(_ text: String?, name: String) throws -> [Double]? {
        guard let text else { return nil }
        let values = text.split(separator: ",", omittingEmptySubsequences: false)
            .map { Double($0.trimmingCharacters(in: .whitespaces)) }
        guard !values.isEmpty, values.allSatisfy({ $0?.isFinite == true }) else {
            throw ValidationError("\(name) needs comma-separated finite numbers (got \"\(text)\")")
        }
        return values.compactMap { $0 }
    }

    /// Per neuron of a network, the chip current (A): `--i-hh` through the
    /// mapping, or `--i-app` (one value, or one per neuron).
    func networkCurrents(appliedCurrents: CurrentList, neurons: Int, mapping: RegisterFile.Mapping?) throws -> [Double] {
        if sweep != nil || targetSweep != nil {
            throw ValidationError("--sweep and --sweep-hh apply to single-neuron files; a network runs its --i-app or --i-hh currents")
        }
        guard let targetCurrents else { return try appliedCurrents.perNeuron(neurons) }
        guard let mapping else { throw CommandFailure("--i-hh needs a fitted register file (with a mapping)") }
        return try targetCurrents.perNeuron(neurons).map { mapping.chipCurrent($0 * 1e-6) }
    }

    /// The chip currents (A) to simulate, given the `--i-app` of the shared
    /// options and the file's mapping.
    func chipCurrents(appliedCurrent: Double, mapping: RegisterFile.Mapping?) throws -> [Double] {
        if (targetCurrents?.values.count ?? 1) > 1 {
            throw ValidationError("--i-hh takes one current per neuron of a network file; this file has one neuron")
        }
        func fitted() throws -> RegisterFile.Mapping {
            guard let mapping else {
                throw CommandFailure("--i-hh and --sweep-hh need a fitted register file (with a mapping)")
            }
            return mapping
        }
        // --i-hh and --sweep-hh are in µA/cm².
        if let targetCurrent { return [try fitted().chipCurrent(targetCurrent * 1e-6)] }
        if let values = try Self.list(targetSweep, name: "--sweep-hh") {
            let mapping = try fitted()
            return values.map { mapping.chipCurrent($0 * 1e-6) }
        }
        if let values = try Self.list(sweep, name: "--sweep") { return values }
        return [appliedCurrent]
    }
}
