/// The Hodgkin–Huxley equations under an applied current (constant or a ``Stimulus``).
///
/// State `[V, m, h, n]`:
///
///     C dV/dt = −g_Na m³h (V − E_Na) − g_K n⁴ (V − E_K) − g_L (V − E_L) + scl_v scl_t I
///     dx/dt = α_x(V) (1 − x) − β_x(V) x
public struct HodgkinHuxleyDynamics: QuasiLinearSystem {
    public var dimension: Int { 4 }

    /// The model.
    public let model: HodgkinHuxleyModel
    /// The unscaled applied current it stands for (µA/cm² or A/cm²) over the
    /// model's time (ms or s, scaled: a model sped up by scl_t runs in its
    /// own, faster time).
    public let stimulus: Stimulus
    private let constantCurrent: Double?

    private let gNa: Double, gK: Double, gL: Double
    private let eNa: Double, eK: Double, eL: Double
    private let inverseCapacitance: Double
    private let rates: PerGate<PerRate<HodgkinHuxleyRate>>

    public init(model: HodgkinHuxleyModel, appliedCurrent: Double) {
        self.init(model: model, stimulus: .constant(appliedCurrent))
    }

    public init(model: HodgkinHuxleyModel, stimulus: Stimulus) {
        self.model = model
        self.stimulus = stimulus
        constantCurrent = stimulus.isConstant ? stimulus.offset : nil
        gNa = model.conductances.sodium
        gK = model.conductances.potassium
        gL = model.conductances.leak
        eNa = model.reversalPotentials.sodium
        eK = model.reversalPotentials.potassium
        eL = model.reversalPotentials.leak
        inverseCapacitance = 1 / model.capacitance
        rates = model.rates
    }

    public var breakpoints: [Double] { stimulus.breakpoints }

    /// The scaled current injected at `time`: scl_v · scl_t · I(t).
    @inline(__always)
    private func injectedCurrent(at time: Double) -> Double {
        (constantCurrent ?? stimulus.value(at: time)) * model.currentScale
    }

    public func evaluate(
        at time: Double, state: UnsafeBufferPointer<Double>,
        derivative: UnsafeMutableBufferPointer<Double>
    ) {
        let ionic = gatesAndCurrent(voltage: state[0], state: state.baseAddress!, derivative: derivative.baseAddress!)
        derivative[0] = (injectedCurrent(at: time) - ionic) * inverseCapacitance
    }

    /// Writes dm/dt, dh/dt, dn/dt into `derivative[1…3]` for the gates in
    /// `state[1…3]` at voltage `v` and returns the ionic current
    /// g_Na m³h (V − E_Na) + g_K n⁴ (V − E_K) + g_L (V − E_L) (outward
    /// positive, the model's units). `state` and `derivative` point at V of
    /// this neuron's slice of a larger state.
    @inline(__always)
    func gatesAndCurrent(voltage v: Double, state: UnsafePointer<Double>, derivative: UnsafeMutablePointer<Double>)
        -> Double
    {
        let m = state[1], h = state[2], n = state[3]
        let n2 = n * n
        let ionic = gNa * m * m * m * h * (v - eNa) + gK * n2 * n2 * (v - eK) + gL * (v - eL)
        for gate in Gate.allCases {
            let x = state[gate.stateIndex]
            let pair = rates[gate]
            derivative[gate.stateIndex] = pair.alpha.value(at: v) * (1 - x) - pair.beta.value(at: v) * x
        }
        return ionic
    }

    public func linearForm(
        at time: Double, state: UnsafeBufferPointer<Double>,
        offsets: UnsafeMutableBufferPointer<Double>, slopes: UnsafeMutableBufferPointer<Double>
    ) {
        let v = state[0], m = state[1], h = state[2], n = state[3]
        let n2 = n * n
        let na = gNa * m * m * m * h, k = gK * n2 * n2
        offsets[0] = (na * eNa + k * eK + gL * eL + injectedCurrent(at: time)) * inverseCapacitance
        slopes[0] = -(na + k + gL) * inverseCapacitance
        for gate in Gate.allCases {
            let a = rates[gate].alpha.value(at: v), b = rates[gate].beta.value(at: v)
            offsets[gate.stateIndex] = a
            slopes[gate.stateIndex] = -(a + b)
        }
    }
}
