/// A NeuroDyn neuron as a network block: the chip's gates and tanh currents
/// (``NeuroDynDynamics``), probed by the seven spline sigmoids at its voltage.
///
/// State slice `[V, m, h, n]`, SI units.
public struct ChipMembrane: MembraneBlock {
    let equations: ChipNeuronEquations

    /// The block of `neuron` as its die realises it (nominal values times mismatch).
    public init(_ neuron: NeuroDynNeuron) {
        equations = ChipNeuronEquations(parameters: neuron.effectiveParameters)
    }

    public var stateCount: Int { 4 }
    public var inverseCapacitance: Double { equations.inverseCapacitance }
    public var inputScale: Double { 1 }

    @inline(__always)
    public func probe(at voltage: Double) -> SplineSigmoids { equations.sigmoids(at: voltage) }

    @inline(__always)
    public func gatesAndCurrent(
        probe: SplineSigmoids, voltage: Double, state: UnsafePointer<Double>, derivative: UnsafeMutablePointer<Double>
    ) -> Double {
        equations.gatesAndCurrent(sigmoids: probe, voltage: voltage, state: state, derivative: derivative)
    }
}
