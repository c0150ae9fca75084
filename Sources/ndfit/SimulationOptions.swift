import ArgumentParser
import NeuroDynChip

/// The options of one simulation, shared by `simulate` and later commands.
struct SimulationOptions: ParsableArguments {
    @Option(name: .customLong("i-app"), help: ArgumentHelp(
        "Applied current: amperes on the chip; for --model hh, the HH current it stands for in A/cm² (e.g. 1e-5 = 10 µA/cm²). For a network file, one per neuron, comma-separated (one value drives every neuron).",
        valueName: "current"))
    var appliedCurrents: CurrentList = CurrentList(values: [0])

    @Option(name: .customLong("x0-neuron"), help: ArgumentHelp(
        "For a network file: neuron K starts at V,m,h,n instead of --x0 (repeatable).", valueName: "K:V,m,h,n"))
    var neuronInitialStates: [String] = []

    /// The one applied current of a single-neuron run.
    var appliedCurrent: Double { appliedCurrents.values[0] }

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
        if let bad = appliedCurrents.values.first(where: { !$0.isFinite }) {
            throw ValidationError("--i-app must be finite numbers (got \(bad))")
        }
        _ = try parsedNeuronInitialStates()
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
        return try Self.state(initialState, option: "--x0")
    }

    /// The `--x0-neuron` states by neuron index.
    func parsedNeuronInitialStates() throws -> [Int: [Double]] {
        var states: [Int: [Double]] = [:]
        for text in neuronInitialStates {
            let (neuron, rest) = try NeuronTarget.split(text, option: "--x0-neuron")
            guard let neuron else { throw ValidationError("--x0-neuron needs a neuron K:V,m,h,n (got \"\(text)\")") }
            guard states.updateValue(try Self.state(rest, option: "--x0-neuron"), forKey: neuron) == nil else {
                throw ValidationError("--x0-neuron gives neuron \(neuron) twice")
            }
        }
        return states
    }

    static func state(_ text: String, option: String) throws -> [Double] {
        let parts = text.split(separator: ",", omittingEmptySubsequences: false)
            .map { $0.trimmingCharacters(in: .whitespaces) }
        guard parts.count == 4 else {
            throw ValidationError("\(option) needs four comma-separated values V,m,h,n (got \"\(text)\")")
        }
        var values: [Double] = []
        for (index, part) in parts.enumerated() {
            guard let value = Double(part), value.isFinite else {
                throw ValidationError("\(option) entry \(index + 1) (\"\(part)\") is not a finite number")
            }
            if index > 0 && !(0...1).contains(value) {
                throw ValidationError("\(option) gate \(["", "m", "h", "n"][index]) = \(value) is outside 0…1")
            }
            values.append(value)
        }
        return values
    }

    func solverOptions(threshold level: Double, trace: SolverOptions.Trace) -> SolverOptions {
        SolverOptions(relativeTolerance: rtol, absoluteTolerance: atol, trace: trace, spikeThreshold: level)
    }
}

/// A comma-separated list of currents (`--i-app 0,-1e-10,-1e-10`).
struct CurrentList: ExpressibleByArgument, Sendable {
    let values: [Double]

    init(values: [Double]) { self.values = values }

    init?(argument: String) {
        let parts = argument.split(separator: ",", omittingEmptySubsequences: false)
            .map { Double($0.trimmingCharacters(in: .whitespaces)) }
        guard !parts.isEmpty, parts.allSatisfy({ $0 != nil }) else { return nil }
        values = parts.compactMap { $0 }
    }

    var defaultValueDescription: String { values.map { "\($0 == 0 ? "0" : String($0))" }.joined(separator: ",") }

    /// One value per neuron: the list itself, or its one value for every neuron.
    func perNeuron(_ count: Int) throws -> [Double] {
        if values.count == 1 { return Array(repeating: values[0], count: count) }
        guard values.count == count else {
            throw ValidationError("--i-app has \(values.count) currents; the network has \(count) neurons (give one, or one per neuron)")
        }
        return values
    }
}

/// The `K:` prefix that aims an input option at neuron K of a network.
enum NeuronTarget {
    /// The neuron named by a `K:` prefix (nil without one) and the rest of `text`.
    static func split(_ text: String, option: String) throws -> (neuron: Int?, rest: String) {
        guard let colon = text.firstIndex(of: ":") else { return (nil, text) }
        let prefix = text[..<colon].trimmingCharacters(in: .whitespaces)
        guard let neuron = Int(prefix), neuron >= 0 else {
            throw ValidationError("\(option): \"\(prefix)\" before ':' is not a neuron index (in \"\(text)\")")
        }
        return (neuron, String(text[text.index(after: colon)...]))
    }
}
