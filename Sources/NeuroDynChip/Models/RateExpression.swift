import RealModule

/// A voltage-dependent expression of a model file: a rate, a steady state
/// or a time constant written as arithmetic of the membrane voltage.
///
/// Expressions are evaluated in SI units: the voltage variable in volts,
/// every constant already converted to SI by the reader, the result in the
/// SI unit of what it describes (1/s for a rate, s for a time constant, 1
/// for a steady state). Evaluation never traps: a division by zero gives an
/// infinity or NaN, which the model's checks refuse on the fit grid.
public struct RateExpression: Sendable, Hashable {
    /// The syntax tree.
    public let root: ExpressionNode
    /// The expression as written, for messages and for writing it back.
    public let source: String
    /// The units it was written in: of its voltage variable and of its value
    /// (e.g. `mV` and `per_ms`); empty for derived expressions.
    public let voltageUnit: String
    public let valueUnit: String

    public init(root: ExpressionNode, source: String, voltageUnit: String = "", valueUnit: String = "") {
        self.root = root
        self.source = source
        self.voltageUnit = voltageUnit
        self.valueUnit = valueUnit
    }

    /// The value at membrane voltage `voltage` (V).
    public func value(at voltage: Double) -> Double { root.value(voltage: voltage) }
}

/// A node of a ``RateExpression``: numbers, the voltage, arithmetic,
/// functions and conditionals.
public indirect enum ExpressionNode: Sendable, Hashable {
    /// A number (SI).
    case number(Double)
    /// The membrane voltage (V).
    case voltage
    case negate(ExpressionNode)
    case binary(BinaryOperator, ExpressionNode, ExpressionNode)
    case function(ExpressionFunction, ExpressionNode)
    /// The value of the first case whose condition holds, else `otherwise`.
    case conditional(cases: [ConditionalCase], otherwise: ExpressionNode)

    /// Arithmetic operators, in SI.
    public enum BinaryOperator: String, Sendable, Hashable {
        case add = "+", subtract = "-", multiply = "*", divide = "/", power = "^"
    }

    /// One branch of a conditional.
    public struct ConditionalCase: Sendable, Hashable {
        public let condition: ExpressionCondition
        public let value: ExpressionNode

        public init(condition: ExpressionCondition, value: ExpressionNode) {
            self.condition = condition
            self.value = value
        }
    }

    /// The longest path from this node to a leaf (a leaf has depth 1):
    /// how deep evaluation recurses.
    var depth: Int {
        switch self {
        case .number, .voltage: 1
        case let .negate(x), let .function(_, x): 1 + x.depth
        case let .binary(_, l, r): 1 + max(l.depth, r.depth)
        case let .conditional(cases, otherwise):
            1 + cases.map { max($0.condition.depth, $0.value.depth) }.reduce(otherwise.depth, max)
        }
    }

    /// The value at membrane voltage `voltage` (V).
    public func value(voltage: Double) -> Double {
        switch self {
        case let .number(x): return x
        case .voltage: return voltage
        case let .negate(x): return -x.value(voltage: voltage)
        case let .binary(op, l, r):
            let a = l.value(voltage: voltage), b = r.value(voltage: voltage)
            switch op {
            case .add: return a + b
            case .subtract: return a - b
            case .multiply: return a * b
            case .divide: return a / b
            case .power: return Double.pow(a, b)
            }
        case let .function(f, x): return f.apply(x.value(voltage: voltage))
        case let .conditional(cases, otherwise):
            for branch in cases where branch.condition.holds(voltage: voltage) {
                return branch.value.value(voltage: voltage)
            }
            return otherwise.value(voltage: voltage)
        }
    }

    /// Whether the voltage appears in the expression.
    public var dependsOnVoltage: Bool {
        switch self {
        case .number: false
        case .voltage: true
        case let .negate(x), let .function(_, x): x.dependsOnVoltage
        case let .binary(_, l, r): l.dependsOnVoltage || r.dependsOnVoltage
        case let .conditional(cases, otherwise):
            otherwise.dependsOnVoltage
                || cases.contains { $0.value.dependsOnVoltage || $0.condition.dependsOnVoltage }
        }
    }
}

/// The functions an expression may call.
public enum ExpressionFunction: String, Sendable, Hashable, CaseIterable {
    case exp, log, sqrt, abs, sin, cos, tanh
    /// x / (eˣ − 1), with its limit 1 at x = 0: the exp-linear rate without
    /// its removable singularity.
    case expLinear = "exprel"

    func apply(_ x: Double) -> Double {
        switch self {
        case .exp: Double.exp(x)
        case .log: Double.log(x)
        case .sqrt: x.squareRoot()
        case .abs: Swift.abs(x)
        case .sin: Double.sin(x)
        case .cos: Double.cos(x)
        case .tanh: Double.tanh(x)
        case .expLinear: x == 0 ? 1 : x / Double.expMinusOne(x)
        }
    }
}

/// A condition of a conditional expression.
public indirect enum ExpressionCondition: Sendable, Hashable {
    case compare(Comparison, ExpressionNode, ExpressionNode)
    case and(ExpressionCondition, ExpressionCondition)
    case or(ExpressionCondition, ExpressionCondition)
    case not(ExpressionCondition)

    /// Comparisons, written `.lt.` … `.neq.` (LEMS) or `<` … `!=`.
    public enum Comparison: String, Sendable, Hashable, CaseIterable {
        case less = "lt", lessOrEqual = "le", greater = "gt", greaterOrEqual = "ge", equal = "eq", notEqual = "neq"
    }

    /// The longest path to a leaf, through the expressions compared.
    var depth: Int {
        switch self {
        case let .compare(_, l, r): 1 + max(l.depth, r.depth)
        case let .and(a, b), let .or(a, b): 1 + max(a.depth, b.depth)
        case let .not(a): 1 + a.depth
        }
    }

    func holds(voltage: Double) -> Bool {
        switch self {
        case let .compare(op, l, r):
            let a = l.value(voltage: voltage), b = r.value(voltage: voltage)
            switch op {
            case .less: return a < b
            case .lessOrEqual: return a <= b
            case .greater: return a > b
            case .greaterOrEqual: return a >= b
            case .equal: return a == b
            case .notEqual: return a != b
            }
        case let .and(a, b): return a.holds(voltage: voltage) && b.holds(voltage: voltage)
        case let .or(a, b): return a.holds(voltage: voltage) || b.holds(voltage: voltage)
        case let .not(a): return !a.holds(voltage: voltage)
        }
    }

    var dependsOnVoltage: Bool {
        switch self {
        case let .compare(_, l, r): l.dependsOnVoltage || r.dependsOnVoltage
        case let .and(a, b), let .or(a, b): a.dependsOnVoltage || b.dependsOnVoltage
        case let .not(a): a.dependsOnVoltage
        }
    }
}
