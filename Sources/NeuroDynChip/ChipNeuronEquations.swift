import RealModule

/// The membrane and gate equations of one programmed NeuroDyn neuron with
/// every constant precomputed: what ``NeuroDynDynamics`` and a network's
/// ``ChipMembrane`` evaluate. A plain value (no references), so copying it
/// costs a copy of its numbers.
///
/// The seven sigmoids share their centres, so one evaluation costs one
/// exponential (the others are it times precomputed constants,
/// e^{x_j} = e^{x_0} e^{x_j − x_0}), a vector of seven divisions, and one more
/// exponential for the three tanh (tanh y = (e^{2y} − 1)/(e^{2y} + 1), with
/// e^{2k(V − E)} = e^{2kV} e^{−2kE}), whatever the codes.
struct ChipNeuronEquations: Sendable {
    private let kappaOverThermal: Double
    private let centres: SIMD8<Double>
    /// e^{κ (c_j − c_0) / V_T} for j = 0…6 (lane 7: 0, an absent sigmoid).
    private let centreRatios: SIMD8<Double>
    /// κ (c_6 − c_0) / V_T: how far the exponents spread above x_0.
    private let exponentSpan: Double
    // Spline weights already divided by C_gate V_T, so their sums are rates in 1/s.
    private let alphaM: SIMD8<Double>, betaM: SIMD8<Double>
    private let alphaH: SIMD8<Double>, betaH: SIMD8<Double>
    private let alphaN: SIMD8<Double>, betaN: SIMD8<Double>
    let gL: Double
    private let gNa: Double, gK: Double
    let eNa: Double, eK: Double, eL: Double
    let tanhSlope: Double
    /// e^{−2k E} for E_Na, E_K, E_L (lane 3: 0), k the tanh slope.
    private let reversalFactors: SIMD4<Double>
    /// The largest |2k E|: with |2k V| it bounds the exponents of the drives.
    private let reversalSpan: Double
    /// 1 / C_m in 1/F.
    let inverseCapacitance: Double
    private let exponents: GateExponents
    private let nominalExponents: Bool
    private let positiveExponents: Bool

    init(parameters: EffectiveNeuronParameters) {
        let constants = parameters.constants
        let rateScale = 1 / (constants.gateCapacitance * constants.thermalVoltage)
        func lanes(_ values: [Double], scale: Double = 1) -> SIMD8<Double> {
            var result = SIMD8<Double>(repeating: 0)
            for (j, value) in values.prefix(7).enumerated() { result[j] = value * scale }
            return result
        }
        let w = parameters.splineWeights
        kappaOverThermal = constants.kappa / constants.thermalVoltage
        centres = lanes(parameters.splineCentres)
        let k = constants.kappa / constants.thermalVoltage
        let first = parameters.splineCentres.first ?? 0
        var ratios = SIMD8<Double>(repeating: 0)
        var span = 0.0
        for (j, centre) in parameters.splineCentres.prefix(7).enumerated() {
            ratios[j] = Double.exp(k * (centre - first))
            span = max(span, abs(k * (centre - first)))
        }
        centreRatios = ratios
        exponentSpan = span
        alphaM = lanes(w.m.alpha, scale: rateScale)
        betaM = lanes(w.m.beta, scale: rateScale)
        alphaH = lanes(w.h.alpha, scale: rateScale)
        betaH = lanes(w.h.beta, scale: rateScale)
        alphaN = lanes(w.n.alpha, scale: rateScale)
        betaN = lanes(w.n.beta, scale: rateScale)
        gNa = parameters.conductances.sodium
        gK = parameters.conductances.potassium
        gL = parameters.conductances.leak
        eNa = parameters.reversalPotentials.sodium
        eK = parameters.reversalPotentials.potassium
        eL = parameters.reversalPotentials.leak
        tanhSlope = constants.kappaLinear / (2 * constants.thermalVoltage)
        let doubleSlope = constants.kappaLinear / constants.thermalVoltage
        let reversals = [eNa, eK, eL]
        reversalFactors = SIMD4(
            Double.exp(-doubleSlope * eNa), Double.exp(-doubleSlope * eK), Double.exp(-doubleSlope * eL), 0)
        reversalSpan = reversals.map { abs(doubleSlope * $0) }.max() ?? 0
        inverseCapacitance = 1 / parameters.membraneCapacitance
        exponents = parameters.exponents
        nominalExponents = parameters.exponents == .nominal
        let e = parameters.exponents
        positiveExponents = e.p > 0 && e.q > 0 && e.r > 0
    }

    /// The seven spline sigmoids at voltage `v`, rising (s = +1) and falling
    /// (s = −1), in lanes 0…6 (lane 7: 0). Every rate of the chip's gates and
    /// synapses is a weighted sum of one of them.
    @inline(__always)
    func sigmoids(at v: Double) -> SplineSigmoids {
        var rising = SIMD8<Double>(repeating: 0)
        var falling = SIMD8<Double>(repeating: 0)
        let x0 = kappaOverThermal * (centres[0] - v)
        if abs(x0) + exponentSpan < 700 {
            // e^{x_j} from one exponential; 1/(1 + e^x) and e^x/(1 + e^x) cannot
            // overflow while every e^{x_j} is finite.
            let growth = Double.exp(x0) * centreRatios
            rising = 1 / (1 + growth)
            falling = growth * rising
        } else {
            for j in 0..<7 {
                let pair = Logistic.pair(kappaOverThermal * (centres[j] - v))
                rising[j] = pair.increasing
                falling[j] = pair.decreasing
            }
        }
        return SplineSigmoids(rising: rising, falling: falling)
    }

    /// The six rates at voltage `v`, in 1/s.
    @inline(__always)
    func rates(at v: Double) -> (am: Double, bm: Double, ah: Double, bh: Double, an: Double, bn: Double) {
        rates(from: sigmoids(at: v))
    }

    /// The six rates from the sigmoids at the membrane voltage, in 1/s.
    @inline(__always)
    func rates(from s: SplineSigmoids) -> (am: Double, bm: Double, ah: Double, bh: Double, an: Double, bn: Double) {
        // Activation gates: α rises, β falls. Inactivation (h): the reverse.
        ((alphaM * s.rising).sum(), (betaM * s.falling).sum(),
         (alphaH * s.falling).sum(), (betaH * s.rising).sum(),
         (alphaN * s.rising).sum(), (betaN * s.falling).sum())
    }

    /// tanh(k (V − E)) for E_Na, E_K and E_L (lanes 0…2), from one exponential
    /// while every e^{2k(V − E)} is far from overflow, else from three tanh.
    @inline(__always)
    func drives(at v: Double) -> SIMD4<Double> {
        let exponent = 2 * tanhSlope * v
        if abs(exponent) + reversalSpan < 700 {
            let z = Double.exp(exponent) * reversalFactors
            return (z - 1) / (z + 1)
        }
        return SIMD4(
            Double.tanh(tanhSlope * (v - eNa)), Double.tanh(tanhSlope * (v - eK)), Double.tanh(tanhSlope * (v - eL)), 0)
    }

    /// The conductances g_Na m^p h^q and g_K n^r of the gated channels, in S.
    @inline(__always)
    func gatedConductances(m: Double, h: Double, n: Double) -> (sodium: Double, potassium: Double) {
        if nominalExponents {
            let n2 = n * n
            return (gNa * m * m * m * h, gK * n2 * n2)
        }
        // Non-integer exponents are undefined for negative gates; a gate below
        // zero (round-off only) passes no current. With positive exponents,
        // m^p h^q = exp(p ln m + q ln h): three logarithms and two exponentials
        // instead of three powers (ln 0 = −∞ gives 0, as it should).
        guard positiveExponents else {
            return (gNa * .pow(max(m, 0), exponents.p) * .pow(max(h, 0), exponents.q),
                    gK * .pow(max(n, 0), exponents.r))
        }
        let logM = Double.log(max(m, 0)), logH = Double.log(max(h, 0)), logN = Double.log(max(n, 0))
        return (gNa * .exp(exponents.p * logM + exponents.q * logH), gK * .exp(exponents.r * logN))
    }

    /// Writes dm/dt, dh/dt, dn/dt into `derivative[1…3]` for the gates in
    /// `state[1…3]` at membrane voltage `v` (whose sigmoids are given) and
    /// returns the membrane's ionic current I_Na + I_K + I_L in amperes
    /// (outward positive). `state` and `derivative` point at V of this
    /// neuron's slice of a larger state.
    @inline(__always)
    func gatesAndCurrent(
        sigmoids s: SplineSigmoids, voltage v: Double, state: UnsafePointer<Double>,
        derivative: UnsafeMutablePointer<Double>
    ) -> Double {
        let m = state[1], h = state[2], n = state[3]
        let r = rates(from: s)
        derivative[1] = r.am * (1 - m) - r.bm * m
        derivative[2] = r.ah * (1 - h) - r.bh * h
        derivative[3] = r.an * (1 - n) - r.bn * n
        let g = gatedConductances(m: m, h: h, n: n)
        let drive = drives(at: v)
        return (g.sodium * drive[0] + g.potassium * drive[1] + gL * drive[2]) / tanhSlope
    }

    /// tanh(k ΔV) / (k ΔV), continuous at 0 where it is 1.
    @inline(__always)
    func chordFactor(_ drop: Double) -> Double {
        let x = tanhSlope * drop
        return abs(x) < 1e-8 ? 1 : Double.tanh(x) / x
    }
}
