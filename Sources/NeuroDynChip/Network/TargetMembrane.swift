/// A conductance-based target neuron (a ``HodgkinHuxleyModel``, scaled or
/// not) as a network block, probed by its voltage.
///
/// State slice `[V, m, h, n]` in the model's units; its applied current is
/// the unscaled current it stands for (the block multiplies it by scl_v · scl_t,
/// as ``HodgkinHuxleyDynamics`` does).
public struct TargetMembrane: MembraneBlock {
    let equations: HodgkinHuxleyDynamics

    public init(_ model: HodgkinHuxleyModel) {
        equations = HodgkinHuxleyDynamics(model: model, appliedCurrent: 0)
    }

    public var stateCount: Int { 4 }
    public var inverseCapacitance: Double { 1 / equations.model.capacitance }
    public var inputScale: Double { equations.model.currentScale }

    @inline(__always)
    public func probe(at voltage: Double) -> Double { voltage }

    @inline(__always)
    public func gatesAndCurrent(
        probe: Double, voltage: Double, state: UnsafePointer<Double>, derivative: UnsafeMutablePointer<Double>
    ) -> Double {
        equations.gatesAndCurrent(voltage: voltage, state: state, derivative: derivative)
    }
}
