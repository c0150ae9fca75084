/// The physical values programmed into a neuron's slots, as in the chip's
/// analog mode: conductances in siemens, reversal potentials as offsets from
/// V_ref in volts, spline weights in amperes.
///
/// The initialiser guarantees finite values, non-negative conductances and
/// weights, and seven weights per rate.
public struct AnalogNeuronParameters: Sendable, Hashable {
    /// Maximal conductances in siemens, ≥ 0.
    public let conductances: PerChannel<Double>
    /// Reversal potentials relative to V_ref, in volts (E = offset + V_ref).
    public let reversalOffsets: PerChannel<Double>
    /// Spline weights I_b in amperes, ≥ 0, seven per rate.
    public let splineWeights: PerGate<PerRate<[Double]>>

    /// Creates analog parameters, validating every value.
    /// - Throws: ``NeuroDynError/invalidParameter(name:value:)`` naming the
    ///   first non-finite or negative entry, or
    ///   ``NeuroDynError/wrongCount(name:expected:actual:)``.
    public init(
        conductances: PerChannel<Double>,
        reversalOffsets: PerChannel<Double>,
        splineWeights: PerGate<PerRate<[Double]>>
    ) throws(NeuroDynError) {
        for channel in IonChannel.allCases {
            let g = conductances[channel]
            guard g.isFinite && g >= 0 else {
                throw .invalidParameter(name: "g.\(channel.rawValue)", value: g)
            }
            let e = reversalOffsets[channel]
            guard e.isFinite else { throw .invalidParameter(name: "E.\(channel.rawValue)", value: e) }
        }
        for gate in Gate.allCases {
            for rate in Rate.allCases {
                let name = "Ib.\(gate.rawValue).\(rate.rawValue)"
                let weights = splineWeights[gate][rate]
                guard weights.count == SplineCodes.count else {
                    throw .wrongCount(name: name, expected: SplineCodes.count, actual: weights.count)
                }
                for (j, w) in weights.enumerated() where !(w.isFinite && w >= 0) {
                    throw .invalidParameter(name: "\(name)[\(j)]", value: w)
                }
            }
        }
        self.init(
            unchecked: conductances, reversalOffsets: reversalOffsets, splineWeights: splineWeights)
    }

    /// Creates parameters already known to be valid (converted from codes).
    init(
        unchecked conductances: PerChannel<Double>,
        reversalOffsets: PerChannel<Double>,
        splineWeights: PerGate<PerRate<[Double]>>
    ) {
        self.conductances = conductances
        self.reversalOffsets = reversalOffsets
        self.splineWeights = splineWeights
    }
}
