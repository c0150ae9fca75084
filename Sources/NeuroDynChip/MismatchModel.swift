/// How transistor mismatch perturbs a die (section 1 of the specification).
///
/// Every current deviates as I = I₀ (1 + σ N(0, 1)), independently for each
/// spline weight, conductance and reversal code; the exponents are drawn as
/// p = 3 + 0.2 N, q = 1 + 0.1 N, r = 4 + 0.2 N (spreads that do not depend on
/// σ, as in the published model). Factors and exponents are clamped at 0.
public struct MismatchModel: Sendable, Hashable {
    /// Relative spread σ of every current (dimensionless, ≥ 0).
    public let sigma: Double
    /// Standard deviations of p, q and r.
    public let exponentSpread: GateExponents

    /// Creates a mismatch model.
    /// - Throws: ``NeuroDynError/invalidSigma(_:)`` when σ is negative or not
    ///   finite, ``NeuroDynError/invalidParameter(name:value:)`` for a negative
    ///   or non-finite exponent spread.
    public init(
        sigma: Double = 0.15, exponentSpread: GateExponents = GateExponents(p: 0.2, q: 0.1, r: 0.2)
    ) throws(NeuroDynError) {
        guard sigma.isFinite && sigma >= 0 else { throw .invalidSigma(sigma) }
        for (name, value) in [("p", exponentSpread.p), ("q", exponentSpread.q), ("r", exponentSpread.r)]
        where !(value.isFinite && value >= 0) {
            throw .invalidParameter(name: "exponent spread \(name)", value: value)
        }
        self.sigma = sigma
        self.exponentSpread = exponentSpread
    }

    /// Draws the factors of instance `instance` of seed `seed`.
    ///
    /// Guarantees: the result depends only on (σ, spreads, seed, instance).
    /// Draw order, fixed: p, q, r; then the 42 weights (gates m, h, n; α before
    /// β; centres 0…6); then g_Na, g_K, g_L; then E_Na, E_K, E_L.
    public func draw(seed: UInt64, instance: UInt64 = 0) -> MismatchFactors {
        var generator = SeededGenerator(seed: seed, stream: instance)
        func factor() -> Double { max(0, 1 + sigma * generator.nextNormal()) }
        let nominal = GateExponents.nominal
        let exponents = GateExponents(
            p: max(0, nominal.p + exponentSpread.p * generator.nextNormal()),
            q: max(0, nominal.q + exponentSpread.q * generator.nextNormal()),
            r: max(0, nominal.r + exponentSpread.r * generator.nextNormal()))
        let weights = PerGate { _ in
            PerRate { _ in (0..<SplineCodes.count).map { _ in factor() } }
        }
        let conductances = PerChannel { _ in factor() }
        let reversals = PerChannel { _ in factor() }
        return MismatchFactors(
            unchecked: weights, conductances: conductances, reversals: reversals,
            exponents: exponents)
    }
}
