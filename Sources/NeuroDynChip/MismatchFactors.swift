/// The deviations of one die from nominal: a multiplicative factor for every
/// spline weight, conductance and reversal code, and the three gate exponents.
///
/// A factor multiplies the nominal physical value (I = I₀ · factor); a
/// reversal factor scales the offset of E from V_ref. Factors are ≥ 0: a
/// current cannot turn negative, so a draw of 1 + σN below zero is clamped.
public struct MismatchFactors: Sendable, Hashable {
    /// One factor per spline weight: seven per rate, per gate.
    public var splineWeights: PerGate<PerRate<[Double]>>
    /// One factor per maximal conductance.
    public var conductances: PerChannel<Double>
    /// One factor per reversal code (scales E − V_ref).
    public var reversals: PerChannel<Double>
    /// The gate exponents of this die (nominal 3, 1, 4).
    public var exponents: GateExponents

    /// Creates factors, validating them.
    /// - Throws: ``NeuroDynError/invalidParameter(name:value:)`` for a factor
    ///   or exponent that is negative or not finite,
    ///   ``NeuroDynError/wrongCount(name:expected:actual:)`` for a spline with
    ///   other than seven factors.
    public init(
        splineWeights: PerGate<PerRate<[Double]>>,
        conductances: PerChannel<Double>,
        reversals: PerChannel<Double>,
        exponents: GateExponents
    ) throws(NeuroDynError) {
        for gate in Gate.allCases {
            for rate in Rate.allCases {
                let name = "factor.dIb.\(gate.rawValue).\(rate.rawValue)"
                let factors = splineWeights[gate][rate]
                guard factors.count == SplineCodes.count else {
                    throw .wrongCount(name: name, expected: SplineCodes.count, actual: factors.count)
                }
                for (j, f) in factors.enumerated() where !(f.isFinite && f >= 0) {
                    throw .invalidParameter(name: "\(name)[\(j)]", value: f)
                }
            }
        }
        for channel in IonChannel.allCases {
            for (kind, value) in [("dg", conductances[channel]), ("dE", reversals[channel])]
            where !(value.isFinite && value >= 0) {
                throw .invalidParameter(name: "factor.\(kind).\(channel.rawValue)", value: value)
            }
        }
        for (name, value) in [("p", exponents.p), ("q", exponents.q), ("r", exponents.r)]
        where !(value.isFinite && value >= 0) {
            throw .invalidParameter(name: "exponent.\(name)", value: value)
        }
        self.init(
            unchecked: splineWeights, conductances: conductances, reversals: reversals,
            exponents: exponents)
    }

    init(
        unchecked splineWeights: PerGate<PerRate<[Double]>>, conductances: PerChannel<Double>,
        reversals: PerChannel<Double>, exponents: GateExponents
    ) {
        self.splineWeights = splineWeights
        self.conductances = conductances
        self.reversals = reversals
        self.exponents = exponents
    }

    /// No mismatch: every factor 1, nominal exponents.
    public static let none = MismatchFactors(
        unchecked: PerGate(
            m: PerRate(alpha: ones, beta: ones), h: PerRate(alpha: ones, beta: ones),
            n: PerRate(alpha: ones, beta: ones)),
        conductances: PerChannel(sodium: 1, potassium: 1, leak: 1),
        reversals: PerChannel(sodium: 1, potassium: 1, leak: 1),
        exponents: .nominal)

    private static let ones = [Double](repeating: 1, count: SplineCodes.count)

    /// Whether these are the factors of a nominal die.
    public var isNone: Bool { self == .none }
}
