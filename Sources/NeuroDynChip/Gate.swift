/// The three gating variables of a neuron.
public enum Gate: String, CaseIterable, Sendable, Hashable, Codable {
    /// Sodium activation.
    case m
    /// Sodium inactivation.
    case h
    /// Potassium activation.
    case n

    /// Whether the gate opens (activation) or closes (inactivation) with
    /// depolarisation.
    public var kind: GateKind { self == .h ? .inactivation : .activation }

    /// The state index of the gate in a `[V, m, h, n]` state vector.
    public var stateIndex: Int {
        switch self {
        case .m: 1
        case .h: 2
        case .n: 3
        }
    }
}

/// Activation gates open with depolarisation, inactivation gates close.
public enum GateKind: String, Sendable, Hashable, Codable {
    case activation
    case inactivation

    /// The direction `s` of the sigmoids that build a rate of this gate kind:
    /// +1 for a rate increasing with V, −1 for a decreasing one.
    ///
    /// Activation gates: α increasing (+1), β decreasing (−1).
    /// Inactivation gates: α decreasing (−1), β increasing (+1).
    public func direction(of rate: Rate) -> SigmoidDirection {
        switch (self, rate) {
        case (.activation, .alpha), (.inactivation, .beta): .increasing
        case (.activation, .beta), (.inactivation, .alpha): .decreasing
        }
    }
}

/// The opening (α) and closing (β) rates of a gate.
public enum Rate: String, CaseIterable, Sendable, Hashable, Codable {
    case alpha
    case beta
}

/// The direction of a spline sigmoid, the sign `s` of the specification.
public enum SigmoidDirection: Int, Sendable, Hashable {
    /// s = +1: 1 / (1 + exp(κ (V_b − V) / V_T)), rising with V.
    case increasing = 1
    /// s = −1: 1 / (1 + exp(−κ (V_b − V) / V_T)), falling with V.
    case decreasing = -1
}

/// A value for each gate: m, h and n.
public struct PerGate<Value> {
    public var m: Value
    public var h: Value
    public var n: Value

    public init(m: Value, h: Value, n: Value) {
        self.m = m
        self.h = h
        self.n = n
    }

    /// Creates the values by calling `make` for each gate in order.
    public init<E: Error>(_ make: (Gate) throws(E) -> Value) throws(E) {
        m = try make(.m)
        h = try make(.h)
        n = try make(.n)
    }

    public subscript(gate: Gate) -> Value {
        get {
            switch gate {
            case .m: m
            case .h: h
            case .n: n
            }
        }
        set {
            switch gate {
            case .m: m = newValue
            case .h: h = newValue
            case .n: n = newValue
            }
        }
    }

    /// Applies `transform` to each value.
    public func map<T, E: Error>(_ transform: (Gate, Value) throws(E) -> T) throws(E) -> PerGate<T> {
        try PerGate<T> { (gate) throws(E) in try transform(gate, self[gate]) }
    }
}

extension PerGate: Sendable where Value: Sendable {}
extension PerGate: Equatable where Value: Equatable {}
extension PerGate: Hashable where Value: Hashable {}

/// A value for each rate of a gate: α and β.
public struct PerRate<Value> {
    public var alpha: Value
    public var beta: Value

    public init(alpha: Value, beta: Value) {
        self.alpha = alpha
        self.beta = beta
    }

    /// Creates the values by calling `make` for α then β.
    public init<E: Error>(_ make: (Rate) throws(E) -> Value) throws(E) {
        alpha = try make(.alpha)
        beta = try make(.beta)
    }

    public subscript(rate: Rate) -> Value {
        get { rate == .alpha ? alpha : beta }
        set {
            if rate == .alpha { alpha = newValue } else { beta = newValue }
        }
    }

    /// Applies `transform` to each value.
    public func map<T, E: Error>(_ transform: (Rate, Value) throws(E) -> T) throws(E) -> PerRate<T> {
        try PerRate<T> { (rate) throws(E) in try transform(rate, self[rate]) }
    }
}

extension PerRate: Sendable where Value: Sendable {}
extension PerRate: Equatable where Value: Equatable {}
extension PerRate: Hashable where Value: Hashable {}
