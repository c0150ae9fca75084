/// Errors of the `NeuroDynChip` library. Every case names the offending value.
public enum NeuroDynError: Error, Hashable, Sendable {
    /// A register value outside its range (`register` names it, e.g. `dg.na`).
    case codeOutOfRange(register: String, value: Int, range: ClosedRange<Int>)
    /// A bias setting that is not finite or not positive.
    case invalidBias(name: String, value: Double)
    /// A chip constant that is not finite or not positive.
    case invalidConstant(name: String, value: Double)
    /// An analog parameter that is not finite, or negative where it must not be.
    case invalidParameter(name: String, value: Double)
    /// A list with the wrong number of entries (e.g. spline weights, which are 7).
    case wrongCount(name: String, expected: Int, actual: Int)
    /// A mismatch spread that is not finite or is negative.
    case invalidSigma(Double)
    /// A scaling factor (scl_v, scl_t) that is not finite or not positive.
    case invalidScaling(name: String, value: Double)
    /// An initial state of the wrong size or with a non-finite entry.
    case invalidInitialState(String)
    /// Solver settings that cannot work (non-positive tolerance, bad interval…).
    case invalidSolverOption(name: String, value: Double)
    /// A stimulus that cannot drive a simulation (the reason names the part).
    case invalidStimulus(String)
    /// A network whose wiring breaks a rule (`key` names the synapse or gap
    /// junction, e.g. `synapses[3].pre`).
    case invalidNetwork(key: String, reason: String)
}

extension NeuroDynError: CustomStringConvertible {
    public var description: String {
        switch self {
        case let .codeOutOfRange(register, value, range):
            return "\(register) = \(value) is outside \(range.lowerBound)…\(range.upperBound)"
        case let .invalidBias(name, value):
            let range = ChipBiases.allowedRanges[name].map { " in \($0.text)" } ?? " finite and positive"
            return "bias \(name) = \(value) must be\(range)" + (name.hasPrefix("I_") ? " A" : name == "V_ref" ? " V" : "")
        case let .invalidConstant(name, value):
            return "chip constant \(name) = \(value) must be finite and positive"
        case let .invalidParameter(name, value):
            return "parameter \(name) = \(value) is not allowed (must be finite"
                + " and, for conductances and currents, non-negative)"
        case let .wrongCount(name, expected, actual):
            return "\(name) has \(actual) entries; expected \(expected)"
        case let .invalidSigma(sigma):
            return "mismatch sigma = \(sigma) must be finite and non-negative"
        case let .invalidScaling(name, value):
            return "\(name) = \(value) must be finite and positive"
        case let .invalidInitialState(reason):
            return "initial state: \(reason)"
        case let .invalidSolverOption(name, value):
            return "solver option \(name) = \(value) is not allowed"
        case let .invalidStimulus(reason):
            return "stimulus: \(reason)"
        case let .invalidNetwork(key, reason):
            return "network \(key): \(reason)"
        }
    }
}
