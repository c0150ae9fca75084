/// The digital registers of one NeuroDyn synapse: a channel variable built
/// like a neuron's gate, with its own conductance code dg, reversal code dE
/// and 7 + 7 spline codes, joining a presynaptic neuron to a postsynaptic one.
///
/// Its α spline sees the presynaptic voltage and rises with it (s = +1); its
/// β spline sees the postsynaptic voltage and falls with it (s = −1).
public struct SynapseRegisters: Sendable, Hashable {
    /// The presynaptic neuron (0-based index into the network's neurons).
    public var pre: Int
    /// The postsynaptic neuron.
    public var post: Int
    /// Conductance code dg, 0…1023.
    public var conductance: DigitalCode
    /// Reversal code dE, −1023…1023.
    public var reversal: SignedDigitalCode
    /// Spline codes of α (seen at V_pre) and β (seen at V_post).
    public var splines: PerRate<SplineCodes>

    public init(pre: Int, post: Int, conductance: DigitalCode, reversal: SignedDigitalCode, splines: PerRate<SplineCodes>) {
        self.pre = pre
        self.post = post
        self.conductance = conductance
        self.reversal = reversal
        self.splines = splines
    }

    /// The published default synapse from `pre` to `post`: dg = 0, dE = 130,
    /// α codes [0, 0, 0, 0, 0, 0, 378], β codes [0, 0, 0, 0, 0, 0, 1] (the
    /// AMPA kinetics fitted at scl_v = 3 by the published procedure).
    public static func publishedDefault(pre: Int, post: Int, conductance: DigitalCode = .zero) -> SynapseRegisters {
        SynapseRegisters(
            pre: pre, post: post, conductance: conductance, reversal: 130,
            splines: PerRate(
                alpha: SplineCodes(unchecked: [0, 0, 0, 0, 0, 0, 378]),
                beta: SplineCodes(unchecked: [0, 0, 0, 0, 0, 0, 1])))
    }

    /// The number of digital parameters of a synapse: dg, dE and 14 spline codes.
    public static let codeCount = 16

    /// The 12 synapses of board `board` (neurons 4b…4b + 3), one for every
    /// ordered pair, in the published order (by post, then pre): those of
    /// `synapses` where given, the published default (dg = 0) elsewhere.
    ///
    /// - Throws: ``NeuroDynError/invalidNetwork(key:reason:)`` for a synapse
    ///   of `synapses` that is not between two neurons of the board.
    public static func fullBoard(_ board: Int, replacing synapses: [SynapseRegisters]) throws(NeuroDynError) -> [SynapseRegisters] {
        let first = 4 * board
        let inside = first..<first + 4
        for (s, synapse) in synapses.enumerated()
        where !(inside.contains(synapse.pre) && inside.contains(synapse.post) && synapse.pre != synapse.post) {
            throw .invalidNetwork(
                key: "synapses[\(s)]", reason: "\(synapse.pre)→\(synapse.post) is not between two neurons of board \(board)")
        }
        var result: [SynapseRegisters] = []
        for post in inside {
            for pre in inside where pre != post {
                result.append(synapses.first { $0.pre == pre && $0.post == post } ?? .publishedDefault(pre: pre, post: post))
            }
        }
        return result
    }
}
