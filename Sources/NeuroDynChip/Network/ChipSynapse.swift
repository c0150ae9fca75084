/// A NeuroDyn synapse as a network block: α and β are its spline weights
/// dotted with the presynaptic neuron's rising sigmoids and the postsynaptic
/// neuron's falling ones, so a synapse costs two 8-lane products and one
/// conductance element per evaluation.
///
/// SI units: rates in 1/s, currents in amperes.
public struct ChipSynapse: SynapseBlock {
    /// α weights (lanes 0…6), already divided by C_gate V_T (1/s).
    let alphaWeights: SIMD8<Double>
    /// β weights (lanes 0…6), in 1/s.
    let betaWeights: SIMD8<Double>
    /// g in siemens, E in volts (absolute).
    let conductance: Double, reversal: Double
    let form: SynapseCurrentForm
    /// κ_lin / (2 V_T), the slope of the conductance element.
    let tanhSlope: Double

    /// The synapse `registers` as a die with deviations `mismatch` realises
    /// it, converted with `conversions` (the biases and constants of its
    /// board), passing its current in the form `form`.
    public init(
        registers: SynapseRegisters, conversions: ChipConversions, mismatch: SynapseMismatch = .none,
        form: SynapseCurrentForm = .chip
    ) {
        let rateScale = conversions.ratePerAmpere
        func lanes(_ rate: Rate) -> SIMD8<Double> {
            var result = SIMD8<Double>(repeating: 0)
            for (j, code) in registers.splines[rate].values.enumerated() {
                result[j] = conversions.splineWeight(DigitalCode(clamping: code)) * mismatch.splineWeights[rate][j] * rateScale
            }
            return result
        }
        alphaWeights = lanes(.alpha)
        betaWeights = lanes(.beta)
        conductance = conversions.conductance(registers.conductance) * mismatch.conductance
        reversal = conversions.biases.referenceVoltage + conversions.reversalOffset(registers.reversal) * mismatch.reversal
        self.form = form
        tanhSlope = conversions.constants.kappaLinear / (2 * conversions.constants.thermalVoltage)
    }

    public var carriesCurrent: Bool { conductance > 0 }

    /// The synapse's effective conductance (S).
    public var effectiveConductance: Double { conductance }
    /// The synapse's effective reversal potential (V, absolute).
    public var effectiveReversal: Double { reversal }

    @inline(__always)
    public func rates(pre: SplineSigmoids, post: SplineSigmoids) -> (alpha: Double, beta: Double) {
        ((alphaWeights * pre.rising).sum(), (betaWeights * post.falling).sum())
    }

    @inline(__always)
    public func current(activation r: Double, postVoltage: Double) -> Double {
        let drop = postVoltage - reversal
        switch form {
        case .chip: return conductance * r * Double.tanh(tanhSlope * drop) / tanhSlope
        case .linear: return conductance * r * drop
        }
    }
}
