/// A single-compartment conductance-based neuron as a value: its capacitance
/// and its channels, each with a conductance density, a reversal potential
/// and gates raised to exponents, each gate with its kinetics.
///
/// Units are those of model files after reading: mV, ms, mS/cm², µF/cm²;
/// voltages are absolute (rest near −65 mV for most models, at 0 for HH
/// 1952 as Hodgkin and Huxley wrote it).
///
/// A model is any such neuron; whether the chip can hold it is decided by
/// ``chipTarget()``, which says what it cannot hold.
public struct NeuronModel: Sendable, Hashable {
    /// A short identifier (`hh1952`, `traub-miles`, a file's cell id).
    public var name: String
    /// What the model is, with its source.
    public var summary: String
    /// Membrane capacitance (µF/cm², > 0).
    public var capacitance: Double
    /// The channels, in file order.
    public var channels: [Channel]
    /// The voltage the fit treats as 0 (mV): the model's resting potential
    /// rounded to 0.1 mV unless a file gives it. Register files record it as
    /// `mapping.model_voltage_origin` (in volts).
    public var voltageOrigin: Double?

    public init(name: String, summary: String, capacitance: Double, channels: [Channel], voltageOrigin: Double? = nil) {
        self.name = name
        self.summary = summary
        self.capacitance = capacitance
        self.channels = channels
        self.voltageOrigin = voltageOrigin
    }

    /// One ion channel: g · Π gateᵉ · (V − E).
    public struct Channel: Sendable, Hashable {
        public var name: String
        /// Conductance density (mS/cm², ≥ 0).
        public var conductance: Double
        /// Reversal potential (mV).
        public var reversal: Double
        /// The gates, each with its exponent; none for a leak.
        public var gates: [GateModel]

        public init(name: String, conductance: Double, reversal: Double, gates: [GateModel] = []) {
            self.name = name
            self.conductance = conductance
            self.reversal = reversal
            self.gates = gates
        }
    }

    /// One gating variable: its exponent in the channel's current and its kinetics.
    public struct GateModel: Sendable, Hashable {
        public var name: String
        /// The power of the gate in the current (a positive integer).
        public var exponent: Int
        public var kinetics: GateKinetics
        /// Multiplies α and β (1/τ): a temperature factor (φ, Q10 applied) or
        /// the speed-up that makes an instantaneous gate a fast one. > 0.
        public var rateFactor: Double
        /// The model has this gate at its steady state (x = x∞(V)); the chip,
        /// which has no instantaneous gate, runs it with rates × ``rateFactor``.
        public var instantaneous: Bool

        public init(
            name: String, exponent: Int, kinetics: GateKinetics, rateFactor: Double = 1, instantaneous: Bool = false
        ) {
            self.name = name
            self.exponent = exponent
            self.kinetics = kinetics
            self.rateFactor = rateFactor
            self.instantaneous = instantaneous
        }
    }
}

/// How a gate moves: by its opening and closing rates α and β, or by its
/// steady state x∞ and time constant τ, or by rates with x∞ or τ overriding
/// what they imply (NeuroML's `gateHHratesInf`, `gateHHratesTau`, …).
///
/// Rates are in 1/ms, τ in ms, x∞ dimensionless, of the voltage in mV.
public struct GateKinetics: Sendable, Hashable {
    public var alpha: VoltageFunction?
    public var beta: VoltageFunction?
    public var steadyState: VoltageFunction?
    public var timeConstant: VoltageFunction?

    /// α and β.
    public static func rates(alpha: VoltageFunction, beta: VoltageFunction) -> GateKinetics {
        GateKinetics(alpha: alpha, beta: beta, steadyState: nil, timeConstant: nil)
    }

    /// x∞ and τ.
    public static func steadyState(_ steadyState: VoltageFunction, timeConstant: VoltageFunction) -> GateKinetics {
        GateKinetics(alpha: nil, beta: nil, steadyState: steadyState, timeConstant: timeConstant)
    }

    public init(
        alpha: VoltageFunction?, beta: VoltageFunction?, steadyState: VoltageFunction?, timeConstant: VoltageFunction?
    ) {
        self.alpha = alpha
        self.beta = beta
        self.steadyState = steadyState
        self.timeConstant = timeConstant
    }

    /// Whether the parts given determine the gate: α and β, or x∞ and τ, or
    /// α and β with either.
    public var isComplete: Bool {
        (alpha != nil && beta != nil) || (steadyState != nil && timeConstant != nil)
    }
}

/// A function of the membrane voltage in one of the standard forms or as an
/// expression.
///
/// Standard forms (V and the midpoint in mV, the scale in mV, the value in
/// the unit of what it describes: 1/ms for a rate, ms for τ, 1 for x∞):
/// - exponential: r · exp((V − V½)/s)
/// - sigmoid: r / (1 + exp(−(V − V½)/s))
/// - exp-linear: r · x / (1 − exp(−x)), x = (V − V½)/s
/// - constant: r
public enum VoltageFunction: Sendable, Hashable {
    case exponential(rate: Double, midpoint: Double, scale: Double)
    case sigmoid(rate: Double, midpoint: Double, scale: Double)
    case expLinear(rate: Double, midpoint: Double, scale: Double)
    case constant(Double)
    /// An expression in SI (V in volts) whose value is multiplied by
    /// `valueFactor` to give the function's unit (1e-3 turns 1/s into 1/ms,
    /// 1e3 turns s into ms).
    case expression(RateExpression, valueFactor: Double)

    /// Whether the parameters are usable: finite, and a scale ≠ 0 for the
    /// forms that divide by it (an expression's factor finite and ≠ 0).
    public var hasValidParameters: Bool {
        switch self {
        case let .exponential(r, mid, s), let .sigmoid(r, mid, s), let .expLinear(r, mid, s):
            r.isFinite && mid.isFinite && s.isFinite && s != 0
        case let .constant(r): r.isFinite
        case let .expression(_, factor): factor.isFinite && factor != 0
        }
    }

    /// The value at `voltage` (mV).
    public func value(at voltage: Double) -> Double {
        switch self {
        case .exponential, .sigmoid, .expLinear, .constant: standardRate.value(at: voltage)
        case let .expression(expression, factor): factor * expression.value(at: voltage * 1e-3)
        }
    }

    /// The same function as a ``HodgkinHuxleyRate`` of the voltage relative
    /// to `origin` (mV).
    public func rate(relativeTo origin: Double) -> HodgkinHuxleyRate {
        switch self {
        case .exponential, .sigmoid, .expLinear, .constant:
            standardRate.shifted(by: origin)
        case let .expression(expression, factor):
            .expression(expression, RateTransform(inputScale: 1e-3, inputShift: origin * 1e-3, outputScale: factor))
        }
    }

    /// The standard forms as a ``HodgkinHuxleyRate`` (absolute mV).
    private var standardRate: HodgkinHuxleyRate {
        switch self {
        case let .exponential(r, mid, s): .exponential(amplitude: r, halfVoltage: mid, slope: -s)
        case let .sigmoid(r, mid, s): .logistic(amplitude: r, halfVoltage: mid, slope: s)
        case let .expLinear(r, mid, s): .linoid(amplitude: r / s, halfVoltage: mid, slope: s)
        case let .constant(r): .constant(r)
        case .expression: preconditionFailure("an expression has no standard form")
        }
    }
}
