/// The seven spline sigmoids of a chip at one membrane voltage: what a neuron's
/// gates and the synapses that read its voltage are weighted sums of.
///
/// Lanes 0…6 hold the sigmoids of centres 0…6; lane 7 is 0.
public struct SplineSigmoids: Sendable {
    /// 1 / (1 + exp(κ (V_b,j − V) / V_T)): rising with V (s = +1).
    public var rising: SIMD8<Double>
    /// 1 / (1 + exp(−κ (V_b,j − V) / V_T)): falling with V (s = −1).
    public var falling: SIMD8<Double>
}
