/// The exponents of the gating variables in the membrane currents:
/// I_Na ∝ m^p h^q, I_K ∝ n^r.
public struct GateExponents: Sendable, Hashable, Codable {
    /// Exponent p of m in the sodium current (nominal 3).
    public var p: Double
    /// Exponent q of h in the sodium current (nominal 1).
    public var q: Double
    /// Exponent r of n in the potassium current (nominal 4).
    public var r: Double

    public init(p: Double, q: Double, r: Double) {
        self.p = p
        self.q = q
        self.r = r
    }

    /// The nominal exponents p = 3, q = 1, r = 4.
    public static let nominal = GateExponents(p: 3, q: 1, r: 4)
}
