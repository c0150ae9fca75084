import RealModule

/// The logistic sigmoids of the spline, written so that they cannot overflow.
public enum Logistic {
    /// 1 / (1 + exp(x)) for `.increasing` (s = +1) and 1 / (1 + exp(−x)) for
    /// `.decreasing` (s = −1), where x = κ (V_b − V) / V_T.
    ///
    /// Computed from exp(−|x|) ∈ (0, 1], so no intermediate overflows; the
    /// result is in [0, 1] for every finite x and the two directions sum to 1.
    @inlinable
    public static func sigmoid(_ x: Double, direction: SigmoidDirection) -> Double {
        let pair = pair(x)
        return direction == .increasing ? pair.increasing : pair.decreasing
    }

    /// Both sigmoids of `x` from a single exponential.
    @inlinable
    public static func pair(_ x: Double) -> (increasing: Double, decreasing: Double) {
        let u = Double.exp(-abs(x))
        let large = 1 / (1 + u)
        let small = u * large
        return x >= 0 ? (small, large) : (large, small)
    }
}
