/// A resistive connection between two membranes: I_i = G (V_i − V_j) leaves
/// neuron i and the same current enters neuron j. Symmetric by construction.
public struct GapJunction: Sendable, Hashable {
    /// The two neurons it joins (0-based, distinct).
    public let neurons: (Int, Int)
    /// Its conductance G, ≥ 0, in the network's units (siemens on a chip;
    /// the target's conductance unit for a target network).
    public let conductance: Double

    /// - Throws: ``NeuroDynError/invalidParameter(name:value:)`` for a
    ///   negative or non-finite conductance, ``NeuroDynError/invalidNetwork(key:reason:)``
    ///   for a negative neuron index or a neuron joined to itself.
    public init(_ first: Int, _ second: Int, conductance: Double) throws(NeuroDynError) {
        guard conductance.isFinite && conductance >= 0 else {
            throw .invalidParameter(name: "gap junction \(first)–\(second) conductance", value: conductance)
        }
        guard first != second, first >= 0, second >= 0 else {
            throw .invalidNetwork(
                key: "gap junction \(first)–\(second)", reason: "must join two distinct neurons (indices from 0)")
        }
        neurons = (first, second)
        self.conductance = conductance
    }

    public static func == (lhs: GapJunction, rhs: GapJunction) -> Bool {
        lhs.neurons == rhs.neurons && lhs.conductance == rhs.conductance
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(neurons.0)
        hasher.combine(neurons.1)
        hasher.combine(conductance)
    }
}
