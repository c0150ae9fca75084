extension NeuronModel {
    /// Hodgkin and Huxley (1952), in the modern sign convention with rest at
    /// 0 mV: g = 120, 36, 0.3 mS/cm²; E = 120, −12, 10.6 mV; C = 1 µF/cm².
    /// Its chip target is ``HodgkinHuxleyModel/standard``, bit for bit.
    public static let hodgkinHuxley1952 = NeuronModel(
        name: "hh1952",
        summary: "Hodgkin & Huxley (1952), squid giant axon at 6.3 °C, rest at 0 mV (modern sign convention)",
        capacitance: 1,
        channels: [
            Channel(name: "na", conductance: 120, reversal: 120, gates: [
                GateModel(name: "m", exponent: 3, kinetics: .rates(
                    alpha: .expLinear(rate: 1, midpoint: 25, scale: 10),
                    beta: .exponential(rate: 4, midpoint: 0, scale: -18))),
                GateModel(name: "h", exponent: 1, kinetics: .rates(
                    alpha: .exponential(rate: 0.07, midpoint: 0, scale: -20),
                    beta: .sigmoid(rate: 1, midpoint: 30, scale: 10))),
            ]),
            Channel(name: "k", conductance: 36, reversal: -12, gates: [
                GateModel(name: "n", exponent: 4, kinetics: .rates(
                    alpha: .expLinear(rate: 0.1, midpoint: 10, scale: 10),
                    beta: .exponential(rate: 0.125, midpoint: 0, scale: -80))),
            ]),
            Channel(name: "leak", conductance: 0.3, reversal: 10.6),
        ],
        voltageOrigin: 0)

    /// The reduced Traub–Miles pyramidal neuron (Traub & Miles 1991, as
    /// reduced by Ermentrout & Kopell 1998): g = 100, 80, 0.1 mS/cm²;
    /// E = 50, −100, −67 mV; C = 1 µF/cm²; m, h and n all dynamic.
    public static let traubMiles = NeuronModel(
        name: "traub-miles",
        summary: "Reduced Traub–Miles pyramidal neuron (Traub & Miles 1991; Ermentrout & Kopell 1998)",
        capacitance: 1,
        channels: [
            Channel(name: "na", conductance: 100, reversal: 50, gates: [
                GateModel(name: "m", exponent: 3, kinetics: .rates(
                    alpha: .expLinear(rate: 1.28, midpoint: -54, scale: 4),
                    beta: .expLinear(rate: 1.4, midpoint: -27, scale: -5))),
                GateModel(name: "h", exponent: 1, kinetics: .rates(
                    alpha: .exponential(rate: 0.128, midpoint: -50, scale: -18),
                    beta: .sigmoid(rate: 4, midpoint: -27, scale: 5))),
            ]),
            Channel(name: "k", conductance: 80, reversal: -100, gates: [
                GateModel(name: "n", exponent: 4, kinetics: .rates(
                    alpha: .expLinear(rate: 0.16, midpoint: -52, scale: 5),
                    beta: .exponential(rate: 0.5, midpoint: -57, scale: -40))),
            ]),
            Channel(name: "leak", conductance: 0.1, reversal: -67),
        ])

    /// The Wang–Buzsáki fast-spiking interneuron (Wang & Buzsáki 1996):
    /// g = 35, 9, 0.1 mS/cm²; E = 55, −90, −65 mV; C = 1 µF/cm²; h and n
    /// with φ = 5. Its m is instantaneous (m = m∞(V)); the chip runs it as a
    /// gate ``instantaneousGateSpeedUp`` times faster than α_m, β_m.
    public static let wangBuzsaki = NeuronModel(
        name: "wang-buzsaki",
        summary: "Wang–Buzsáki fast-spiking interneuron (Wang & Buzsáki 1996); instantaneous m run as a fast gate",
        capacitance: 1,
        channels: [
            Channel(name: "na", conductance: 35, reversal: 55, gates: [
                GateModel(name: "m", exponent: 3, kinetics: .rates(
                    alpha: .expLinear(rate: 1, midpoint: -35, scale: 10),
                    beta: .exponential(rate: 4, midpoint: -60, scale: -18)), instantaneous: true),
                GateModel(name: "h", exponent: 1, kinetics: .rates(
                    alpha: .exponential(rate: 0.07, midpoint: -58, scale: -20),
                    beta: .sigmoid(rate: 1, midpoint: -28, scale: 10)), rateFactor: 5),
            ]),
            Channel(name: "k", conductance: 9, reversal: -90, gates: [
                GateModel(name: "n", exponent: 4, kinetics: .rates(
                    alpha: .expLinear(rate: 0.1, midpoint: -34, scale: 10),
                    beta: .exponential(rate: 0.125, midpoint: -44, scale: -80)), rateFactor: 5),
            ]),
            Channel(name: "leak", conductance: 0.1, reversal: -65),
        ])

    /// The built-in neuron models, in the order `ndfit models` lists them.
    public static let builtIns: [NeuronModel] = [hodgkinHuxley1952, traubMiles, wangBuzsaki]

    /// The built-in model called `name`, if any.
    public static func builtIn(named name: String) -> NeuronModel? {
        builtIns.first { $0.name == name }
    }
}
