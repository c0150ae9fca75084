/// Why a measurement could not be made. Every case names the value.
public enum MeasurementError: Error, Hashable, Sendable {
    /// A clamp voltage that is not finite or outside the clamp's range (V).
    case voltageOutOfRange(Double, range: ClosedRange<Double>)
    /// A duration, interval or threshold the bench cannot use (`name` says which).
    case invalidSetting(name: String, value: Double)
    /// The die could not be run (emulation: the simulation failed).
    case simulation(NeuroDynError)
    /// The bench itself failed (a board driver's I/O, say).
    case bench(String)
}

extension MeasurementError: CustomStringConvertible {
    public var description: String {
        switch self {
        case let .voltageOutOfRange(voltage, range):
            return "clamp voltage \(voltage) V is outside the clamp's range \(range.lowerBound)…\(range.upperBound) V"
        case let .invalidSetting(name, value):
            return "measurement setting \(name) = \(value) is not allowed"
        case let .simulation(error):
            return "the die could not be run: \(error.description)"
        case let .bench(reason):
            return "bench: \(reason)"
        }
    }
}
