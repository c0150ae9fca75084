import RealModule

/// The equations of a programmed NeuroDyn neuron under an applied current
/// (constant or a ``Stimulus``): the ODE system the simulators integrate.
///
/// State: `[V, m, h, n]`, V in volts, gates dimensionless; time in seconds.
///
///     C_m dV/dt = −(I_Na + I_K + I_L) + I_app
///     dx/dt = α_x(V) (1 − x) − β_x(V) x            for x = m, h, n
///
/// with tanh conductance currents and seven-sigmoid rates (see
/// ``EffectiveNeuronParameters``); every constant is precomputed, and one
/// evaluation costs two exponentials whatever the codes.
///
/// In voltage-clamp mode the membrane voltage is held at ``clampedVoltage``:
/// dV/dt = 0 and the gates see the clamp voltage whatever the state says.
public struct NeuroDynDynamics: QuasiLinearSystem {
    public var dimension: Int { 4 }

    /// The applied current in amperes, over time in seconds.
    public let stimulus: Stimulus
    /// The clamp voltage in volts, or `nil` for a free membrane.
    public let clampedVoltage: Double?
    /// The stimulus's current when it is constant (the common case, read
    /// without looking at the time).
    private let constantCurrent: Double?
    /// The neuron's equations, every constant precomputed.
    let equations: ChipNeuronEquations

    /// The equations of `parameters` driven by a constant `appliedCurrent` (A).
    public init(
        parameters: EffectiveNeuronParameters, appliedCurrent: Double, clampedVoltage: Double? = nil
    ) {
        self.init(parameters: parameters, stimulus: .constant(appliedCurrent), clampedVoltage: clampedVoltage)
    }

    /// The equations of `parameters` driven by `stimulus` (A over s).
    public init(parameters: EffectiveNeuronParameters, stimulus: Stimulus, clampedVoltage: Double? = nil) {
        self.stimulus = stimulus
        constantCurrent = stimulus.isConstant ? stimulus.offset : nil
        self.clampedVoltage = clampedVoltage
        equations = ChipNeuronEquations(parameters: parameters)
    }

    public var breakpoints: [Double] { stimulus.breakpoints }

    /// The applied current at `time`, in amperes.
    @inline(__always)
    func appliedCurrent(at time: Double) -> Double {
        constantCurrent ?? stimulus.value(at: time)
    }

    public func evaluate(
        at time: Double, state: UnsafeBufferPointer<Double>,
        derivative: UnsafeMutableBufferPointer<Double>
    ) {
        let v = clampedVoltage ?? state[0]
        let ionic = equations.gatesAndCurrent(
            sigmoids: equations.sigmoids(at: v), voltage: v, state: state.baseAddress!, derivative: derivative.baseAddress!)
        if clampedVoltage != nil {
            derivative[0] = 0
            return
        }
        derivative[0] = (appliedCurrent(at: time) - ionic) * equations.inverseCapacitance
    }

    public func linearForm(
        at time: Double, state: UnsafeBufferPointer<Double>,
        offsets: UnsafeMutableBufferPointer<Double>, slopes: UnsafeMutableBufferPointer<Double>
    ) {
        let v = clampedVoltage ?? state[0]
        let r = equations.rates(at: v)
        offsets[1] = r.am; slopes[1] = -(r.am + r.bm)
        offsets[2] = r.ah; slopes[2] = -(r.ah + r.bh)
        offsets[3] = r.an; slopes[3] = -(r.an + r.bn)
        if clampedVoltage != nil {
            offsets[0] = 0; slopes[0] = 0
            return
        }
        // I(g, ΔV) = g ΔV · tanh(kΔV)/(kΔV): a chord conductance G = g φ(ΔV).
        let e = equations
        let g = e.gatedConductances(m: state[1], h: state[2], n: state[3])
        let chordNa = g.sodium * e.chordFactor(v - e.eNa)
        let chordK = g.potassium * e.chordFactor(v - e.eK)
        let chordL = e.gL * e.chordFactor(v - e.eL)
        offsets[0] = (chordNa * e.eNa + chordK * e.eK + chordL * e.eL + appliedCurrent(at: time)) * e.inverseCapacitance
        slopes[0] = -(chordNa + chordK + chordL) * e.inverseCapacitance
    }
}

extension NeuroDynNeuron {
    /// The equations of this neuron (with its mismatch) under a constant
    /// applied current in amperes; with `clampedVoltage` (V), the gates under
    /// voltage clamp.
    public func dynamics(appliedCurrent: Double, clampedVoltage: Double? = nil) -> NeuroDynDynamics {
        dynamics(stimulus: .constant(appliedCurrent), clampedVoltage: clampedVoltage)
    }

    /// The equations of this neuron (with its mismatch) driven by `stimulus`
    /// (amperes over seconds of chip time).
    public func dynamics(stimulus: Stimulus, clampedVoltage: Double? = nil) -> NeuroDynDynamics {
        NeuroDynDynamics(parameters: effectiveParameters, stimulus: stimulus, clampedVoltage: clampedVoltage)
    }
}
