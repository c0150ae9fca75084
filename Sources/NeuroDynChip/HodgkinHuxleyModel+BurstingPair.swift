extension HodgkinHuxleyModel {
    /// The second neuron of the published bursting pair ("Complex
    /// biophysical models in NeuroDyn"; HH units, rest at 0): HH 1952 with
    /// β_h ≡ 0 (h relaxes to 1 and stays there), the half-activation voltages
    /// of m and n (α and β) moved down by 20 mV, m's rates divided by 15 and
    /// n's by 30, g_L = 0, E_Na = 200 mV, g_Na = 1 and g_K = 3 mS/cm². Its
    /// "Na" and "K" play a slow inward and a slow outward current.
    ///
    /// Short-circuited with ``standard`` (``CompoundMembrane``; C = 2 µF/cm²
    /// in all) under −5 µA/cm² in all, from all zeros, the pair bursts: 4
    /// spikes about every 577 ms after an initial train of 13.
    public static let burstingPairSlowPart: HodgkinHuxleyModel = {
        let hh = HodgkinHuxleyModel.standard.rates
        func slowed(_ rate: HodgkinHuxleyRate, by factor: Double) -> HodgkinHuxleyRate {
            rate.shifted(by: 20).scaled(voltageFactor: 1, timeFactor: 1 / factor)
        }
        return HodgkinHuxleyModel(
            conductances: PerChannel(sodium: 1, potassium: 3, leak: 0),
            reversalPotentials: PerChannel(sodium: 200, potassium: -12, leak: 10.6),
            capacitance: 1,
            rates: PerGate(
                m: PerRate(alpha: slowed(hh.m.alpha, by: 15), beta: slowed(hh.m.beta, by: 15)),
                h: PerRate(alpha: hh.h.alpha, beta: .constant(0)),
                n: PerRate(alpha: slowed(hh.n.alpha, by: 30), beta: slowed(hh.n.beta, by: 30))))
    }()
}
