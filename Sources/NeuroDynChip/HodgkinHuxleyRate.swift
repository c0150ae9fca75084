import RealModule

/// One rate function of a Hodgkin–Huxley gate, in one of the three classic forms.
///
/// With x = (V_h − V)/K:
/// - linoid: A (V_h − V) / (exp(x) − 1) = A K · x / (eˣ − 1)
/// - exponential: B eˣ
/// - logistic: B / (eˣ + 1)
/// - constant: B, whatever the voltage (a synapse's decay rate)
/// - expression: a model file's expression, c · f(a·V + b) with f in SI
///   (see ``RateTransform``)
///
/// Units follow the model: biological (mV, 1/ms, linoid A in 1/(mV·ms)) or SI.
public enum HodgkinHuxleyRate: Sendable, Hashable {
    case linoid(amplitude: Double, halfVoltage: Double, slope: Double)
    case exponential(amplitude: Double, halfVoltage: Double, slope: Double)
    case logistic(amplitude: Double, halfVoltage: Double, slope: Double)
    case constant(Double)
    case expression(RateExpression, RateTransform)

    /// The rate at voltage `v`.
    ///
    /// The linoid is evaluated as A K · x / expm1(x): exact at V = V_h (A K),
    /// free of cancellation near it, and → 0 (not NaN) for large x. The
    /// logistic tends to 0 rather than overflowing. The exponential is
    /// finite for every voltage at which its true value is representable.
    public func value(at v: Double) -> Double {
        switch self {
        case let .linoid(a, vh, k):
            let x = (vh - v) / k
            if x == 0 { return a * k }
            let denominator = Double.expMinusOne(x)
            // For x beyond ~709 expm1 overflows; x / ∞ → 0 is the right limit.
            return a * k * (x / denominator)
        case let .exponential(b, vh, k):
            return b * .exp((vh - v) / k)
        case let .logistic(b, vh, k):
            let x = (vh - v) / k
            if x > 0 {
                let u = Double.exp(-x)
                return b * u / (1 + u)
            }
            return b / (Double.exp(x) + 1)
        case let .constant(b):
            return b
        case let .expression(expression, transform):
            return transform.outputScale * expression.value(at: transform.inputScale * v + transform.inputShift)
        }
    }

    /// The rate at each of `voltages`: the same values as ``value(at:)``, with
    /// the form decided once rather than per point.
    public func values(at voltages: [Double]) -> [Double] {
        switch self {
        case let .linoid(a, vh, k):
            let scale = a * k
            return voltages.map { v in
                let x = (vh - v) / k
                return x == 0 ? scale : scale * (x / Double.expMinusOne(x))
            }
        case let .exponential(b, vh, k):
            return voltages.map { b * .exp((vh - $0) / k) }
        case .logistic, .constant, .expression:
            return voltages.map(value(at:))
        }
    }

    /// The rate evaluated as the published Python model does: the linoid
    /// literally, A (V_h − V) / (exp((V_h − V)/K) − 1), with A K only at
    /// V = V_h exactly. Near V_h this loses most of its digits (at 1e-16 V
    /// from V_h it is off by ~1%); it exists only to reproduce published
    /// numbers. The other forms are evaluated as ``value(at:)`` does.
    public func publishedValue(at v: Double) -> Double {
        guard case let .linoid(a, vh, k) = self else { return value(at: v) }
        if v == vh { return a * k }
        return a * (vh - v) / (Double.exp((vh - v) / k) - 1)
    }

    /// The same rate for a model whose voltages are `voltageFactor` times
    /// larger and whose time runs `timeFactor` times faster: V_h and K scale
    /// with voltage; the linoid's A by time/voltage, other amplitudes by time.
    public func scaled(voltageFactor sv: Double, timeFactor st: Double) -> HodgkinHuxleyRate {
        switch self {
        case let .linoid(a, vh, k): .linoid(amplitude: a * st / sv, halfVoltage: vh * sv, slope: k * sv)
        case let .exponential(b, vh, k): .exponential(amplitude: b * st, halfVoltage: vh * sv, slope: k * sv)
        case let .logistic(b, vh, k): .logistic(amplitude: b * st, halfVoltage: vh * sv, slope: k * sv)
        case let .constant(b): .constant(b * st)
        case let .expression(e, t):
            .expression(e, RateTransform(inputScale: t.inputScale / sv, inputShift: t.inputShift, outputScale: t.outputScale * st))
        }
    }

    /// The same rate of a voltage measured from `origin` (V' = V − origin):
    /// every V_h moves by −origin.
    public func shifted(by origin: Double) -> HodgkinHuxleyRate {
        switch self {
        case let .linoid(a, vh, k): .linoid(amplitude: a, halfVoltage: vh - origin, slope: k)
        case let .exponential(b, vh, k): .exponential(amplitude: b, halfVoltage: vh - origin, slope: k)
        case let .logistic(b, vh, k): .logistic(amplitude: b, halfVoltage: vh - origin, slope: k)
        case .constant: self
        case let .expression(e, t):
            .expression(e, RateTransform(
                inputScale: t.inputScale, inputShift: t.inputShift + t.inputScale * origin, outputScale: t.outputScale))
        }
    }

    /// The same rate from biological units (mV, 1/ms; the linoid's A in
    /// 1/(mV·ms)) in SI units (V, 1/s; A in 1/(V·s)).
    public func inSIUnits() -> HodgkinHuxleyRate {
        switch self {
        case let .linoid(a, vh, k): .linoid(amplitude: a * 1e6, halfVoltage: vh * 1e-3, slope: k * 1e-3)
        case let .exponential(b, vh, k): .exponential(amplitude: b * 1e3, halfVoltage: vh * 1e-3, slope: k * 1e-3)
        case let .logistic(b, vh, k): .logistic(amplitude: b * 1e3, halfVoltage: vh * 1e-3, slope: k * 1e-3)
        case let .constant(b): .constant(b * 1e3)
        case let .expression(e, t):
            .expression(e, RateTransform(inputScale: t.inputScale * 1e3, inputShift: t.inputShift, outputScale: t.outputScale * 1e3))
        }
    }
}

/// How an expression rate is read in a model's units: the rate at V is
/// `outputScale · f(inputScale · V + inputShift)`, f the expression in SI
/// (volts in, its SI unit out). Scaling, shifting and unit changes of the
/// model compose into these three numbers.
public struct RateTransform: Sendable, Hashable {
    public var inputScale: Double
    public var inputShift: Double
    public var outputScale: Double

    public init(inputScale: Double, inputShift: Double, outputScale: Double) {
        self.inputScale = inputScale
        self.inputShift = inputShift
        self.outputScale = outputScale
    }
}
