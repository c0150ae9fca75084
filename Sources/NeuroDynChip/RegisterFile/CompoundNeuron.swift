/// Chip neurons that form one compound neuron (several neurons on one
/// membrane, ``CompoundMembrane``), and how their membranes are tied.
///
/// In a register file: `{"neurons": [0, 4], "tie": "short"}` or
/// `{"neurons": [0, 4], "tie": {"gap_junction_S": 1e-6}}`. The first neuron
/// is the compound's: its voltage is the compound's, its spikes are the
/// compound's. A total target current maps to one chip current,
/// `current_gain · I`, injected into the shared membrane (into the first
/// neuron when the tie is a gap junction).
public struct CompoundNeuron: Sendable, Hashable {
    /// How the membranes are tied.
    public enum Tie: Sendable, Hashable {
        /// One node: one V, capacitances added (the ideal the fit assumes).
        case short
        /// A gap junction of this conductance (S, finite, > 0) between the
        /// first neuron and each other one: the board's way.
        case gapJunction(siemens: Double)
    }

    /// The neurons, at least two, distinct, the first being the compound's.
    public let neurons: [Int]
    public let tie: Tie

    /// - Throws: ``NeuroDynError/invalidNetwork(key:reason:)`` for fewer than
    ///   two neurons, a repeated or negative index, or a gap-junction tie
    ///   whose conductance is not finite and positive.
    public init(neurons: [Int], tie: Tie = .short) throws(NeuroDynError) {
        guard neurons.count >= 2 else {
            throw .invalidNetwork(key: "neurons", reason: "\(neurons) must name at least two neurons")
        }
        guard Set(neurons).count == neurons.count, neurons.allSatisfy({ $0 >= 0 }) else {
            throw .invalidNetwork(key: "neurons", reason: "\(neurons) must name distinct neurons (indices from 0)")
        }
        if case let .gapJunction(g) = tie, !(g.isFinite && g > 0) {
            throw .invalidNetwork(key: "tie.gap_junction_S", reason: "\(g) must be finite and > 0 (siemens)")
        }
        self.neurons = neurons
        self.tie = tie
    }
}

extension CompoundNeuron: Codable {
    enum CodingKeys: String, CodingKey { case neurons, tie }
    enum GapKeys: String, CodingKey { case gapJunction = "gap_junction_S" }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let neurons = try container.decode([Int].self, forKey: .neurons)
        let tie: Tie
        if let word = try? container.decode(String.self, forKey: .tie) {
            guard word == "short" else {
                throw DecodingError.dataCorruptedError(
                    forKey: .tie, in: container,
                    debugDescription: "\"\(word)\" is not a tie; use \"short\" or {\"gap_junction_S\": G}")
            }
            tie = .short
        } else {
            let nested = try container.nestedContainer(keyedBy: GapKeys.self, forKey: .tie)
            tie = .gapJunction(siemens: try nested.decode(Double.self, forKey: .gapJunction))
        }
        let checked: CompoundNeuron
        do {
            checked = try CompoundNeuron(neurons: neurons, tie: tie)
        } catch {
            var key = "neurons", reason = error.description
            if case let .invalidNetwork(name, why) = error { (key, reason) = (name, why) }
            throw DecodingError.dataCorrupted(DecodingError.Context(
                codingPath: container.codingPath + key.split(separator: ".").map { IndexKey(name: String($0)) },
                debugDescription: reason))
        }
        self = checked
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(neurons, forKey: .neurons)
        switch tie {
        case .short: try container.encode("short", forKey: .tie)
        case let .gapJunction(g):
            var nested = container.nestedContainer(keyedBy: GapKeys.self, forKey: .tie)
            try nested.encode(g, forKey: .gapJunction)
        }
    }
}
