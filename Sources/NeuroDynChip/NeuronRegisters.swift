/// The digital registers of one NeuroDyn neuron: 3 conductance codes, 3
/// reversal codes and 42 spline-weight codes (7 for each of α and β of m, h, n).
///
/// Every code is range-checked by its type, so a `NeuronRegisters` value is
/// always programmable.
public struct NeuronRegisters: Sendable, Hashable {
    /// Conductance codes dg, 0…1023.
    public var conductances: PerChannel<DigitalCode>
    /// Reversal codes dE, −1023…1023.
    public var reversals: PerChannel<SignedDigitalCode>
    /// Spline-weight codes dIb, 0…1023.
    public var splines: PerGate<PerRate<SplineCodes>>

    public init(
        conductances: PerChannel<DigitalCode>,
        reversals: PerChannel<SignedDigitalCode>,
        splines: PerGate<PerRate<SplineCodes>>
    ) {
        self.conductances = conductances
        self.reversals = reversals
        self.splines = splines
    }

    /// Creates registers from plain integers, in the order of the published
    /// model: `dg = [na, k, l]`, `dE = [na, k, l]`, `dIb[gate] = (α, β)`.
    ///
    /// - Throws: ``NeuroDynError`` naming the first offending register
    ///   (e.g. `dg.k`, `dIb.n.beta[0]`) or a list of the wrong length.
    public init(dg: [Int], dE: [Int], dIb: PerGate<PerRate<[Int]>>) throws(NeuroDynError) {
        guard dg.count == 3 else { throw .wrongCount(name: "dg", expected: 3, actual: dg.count) }
        guard dE.count == 3 else { throw .wrongCount(name: "dE", expected: 3, actual: dE.count) }
        let channels = IonChannel.allCases
        conductances = try PerChannel { (channel) throws(NeuroDynError) in
            try DigitalCode(dg[channels.firstIndex(of: channel)!], register: "dg.\(channel.rawValue)")
        }
        reversals = try PerChannel { (channel) throws(NeuroDynError) in
            try SignedDigitalCode(dE[channels.firstIndex(of: channel)!], register: "dE.\(channel.rawValue)")
        }
        splines = try dIb.map { (gate, rates) throws(NeuroDynError) in
            try rates.map { (rate, values) throws(NeuroDynError) in
                try SplineCodes(values: values, name: "dIb.\(gate.rawValue).\(rate.rawValue)")
            }
        }
    }

    /// The registers of the default chip of the specification: the published
    /// fit of HH at scl_v = 3, with its hand edit of n-β (×15).
    public static let defaultChip = NeuronRegisters(
        conductances: PerChannel(sodium: 1023, potassium: 307, leak: 3),
        reversals: PerChannel(sodium: 829, potassium: -829, leak: -545),
        splines: PerGate(
            m: PerRate(alpha: SplineCodes(unchecked: [0, 1, 11, 23, 0, 0, 870]),
                       beta: SplineCodes(unchecked: [190, 4, 6, 0, 0, 0, 0])),
            h: PerRate(alpha: SplineCodes(unchecked: [3, 0, 0, 0, 0, 0, 0]),
                       beta: SplineCodes(unchecked: [0, 0, 6, 3, 0, 0, 0])),
            n: PerRate(alpha: SplineCodes(unchecked: [0, 0, 2, 2, 3, 0, 0]),
                       beta: SplineCodes(unchecked: [15, 0, 0, 0, 0, 0, 0]))))
}
