import RealModule

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
    /// Where α (β) has at most one nonzero weight, as the published default
    /// synapse does: its lane and weight, so the rate is one product.
    let alphaLane: (index: Int, weight: Double)?
    let betaLane: (index: Int, weight: Double)?
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
            for (j, code) in registers.splines[rate].codes.enumerated() {
                result[j] = conversions.splineWeight(code) * mismatch.splineWeights[rate][j] * rateScale
            }
            return result
        }
        alphaWeights = lanes(.alpha)
        betaWeights = lanes(.beta)
        func single(_ weights: SIMD8<Double>) -> (index: Int, weight: Double)? {
            let used = (0..<8).filter { weights[$0] != 0 }
            guard used.count <= 1 else { return nil }
            return used.first.map { ($0, weights[$0]) } ?? (0, 0)
        }
        alphaLane = single(alphaWeights)
        betaLane = single(betaWeights)
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
        let alpha = alphaLane.map { $0.weight * pre.rising[$0.index] } ?? (alphaWeights * pre.rising).sum()
        let beta = betaLane.map { $0.weight * post.falling[$0.index] } ?? (betaWeights * post.falling).sum()
        return (alpha, beta)
    }

    /// The current; 0 without evaluating anything when g = 0. The chip's
    /// element takes tanh y = 1 − 2 / (e^{2y} + 1), one exponential, exact to
    /// a few ulp and saturating to ±1 where e^{2y} overflows or vanishes.
    @inline(__always)
    public func current(activation r: Double, postVoltage: Double) -> Double {
        guard conductance > 0 else { return 0 }
        let drop = postVoltage - reversal
        switch form {
        case .chip:
            let y = tanhSlope * drop
            let tanh = abs(y) < 0.25 ? Double.tanh(y) : 1 - 2 / (Double.exp(2 * y) + 1)
            return conductance * r * tanh / tanhSlope
        case .linear: return conductance * r * drop
        }
    }
}
