extension NeuronModel {
    /// The slow part of the published bursting pair as a model: HH 1952 with
    /// β_h ≡ 0, the midpoints of m's and n's α and β 20 mV lower, m's rates
    /// divided by 15 and n's by 30 (as rate factors), E_Na = 200 mV,
    /// g_Na = 1, g_K = 3 and g_L = 0 mS/cm². Its chip target on the origin
    /// 0 is ``HodgkinHuxleyModel/burstingPairSlowPart``, bit for bit.
    public static let burstingPairSlowPart = NeuronModel(
        name: "slow",
        summary: "the slow inward (\"Na\") and outward (\"K\") currents of the published bursting pair",
        capacitance: 1,
        channels: [
            Channel(name: "na", conductance: 1, reversal: 200, gates: [
                GateModel(name: "m", exponent: 3, kinetics: .rates(
                    alpha: .expLinear(rate: 1, midpoint: 5, scale: 10),
                    beta: .exponential(rate: 4, midpoint: -20, scale: -18)), rateFactor: 1 / 15),
                GateModel(name: "h", exponent: 1, kinetics: .rates(
                    alpha: .exponential(rate: 0.07, midpoint: 0, scale: -20),
                    beta: .constant(0))),
            ]),
            Channel(name: "k", conductance: 3, reversal: -12, gates: [
                GateModel(name: "n", exponent: 4, kinetics: .rates(
                    alpha: .expLinear(rate: 0.1, midpoint: -10, scale: 10),
                    beta: .exponential(rate: 0.125, midpoint: -20, scale: -80)), rateFactor: 1 / 30),
            ]),
            Channel(name: "leak", conductance: 0, reversal: 10.6),
        ])
}

extension CompoundModel {
    /// The published bursting pair ("Complex biophysical models in
    /// NeuroDyn"): HH 1952 and ``NeuronModel/burstingPairSlowPart`` on one
    /// membrane (C = 2 µF/cm² in all), origin 0, bursts matched at
    /// −5 µA/cm². Its target is ``CompoundTarget/burstingPair``, bit for bit.
    public static let burstingPair: CompoundModel = {
        var spiking = NeuronModel.hodgkinHuxley1952
        spiking.voltageOrigin = nil
        return CompoundModel(
            name: "bursting-pair",
            summary: "HH 1952 and a slow part short-circuited (C = 2 µF/cm²): bursts of 4 every 577 ms at −5 µA/cm² in all",
            parts: [spiking, .burstingPairSlowPart], voltageOrigin: 0, designCurrent: -5)
    }()

    /// The built-in compound models, in the order `ndfit models` lists them.
    public static let builtIns: [CompoundModel] = [burstingPair]

    /// The built-in compound model called `name`, if any.
    public static func builtIn(named name: String) -> CompoundModel? {
        builtIns.first { $0.name == name }
    }
}
