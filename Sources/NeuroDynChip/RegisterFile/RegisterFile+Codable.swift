import Foundation

extension RegisterFile: Codable {
    enum CodingKeys: String, CodingKey {
        case format, biases, neurons, mapping, synapses
        case gapJunctions = "gap_junctions", synapseCurrent = "synapse_current"
        case boardBiases = "board_biases", compoundNeurons = "compound_neurons"
    }

    /// A board's biases: the keys of `biases` beside `board`.
    struct BoardBiasValues: Codable {
        let board: Int
        let biases: BiasValues

        enum Keys: String, CodingKey { case board }

        init(board: Int, biases: BiasValues) {
            self.board = board
            self.biases = biases
        }

        init(from decoder: any Decoder) throws {
            board = try decoder.container(keyedBy: Keys.self).decode(Int.self, forKey: .board)
            biases = try BiasValues(from: decoder)
        }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: Keys.self)
            try container.encode(board, forKey: .board)
            try biases.encode(to: encoder)
        }
    }

    struct SynapseValues: Codable {
        let pre: Int
        let post: Int
        let dg: DigitalCode
        let dE: SignedDigitalCode
        let dIb: PerRate<SplineCodes>
    }

    struct GapJunctionValues: Codable {
        let neurons: [Int]
        let conductance_S: Double
    }

    struct BiasValues: Codable {
        let V_ref: Double
        let I_voltage: Double
        let I_master: Double
        let I_ref: Double
        let capacitance_scaling: Double

        init(_ b: ChipBiases) {
            V_ref = b.referenceVoltage
            I_voltage = b.voltageCurrent
            I_master = b.masterCurrent
            I_ref = b.referenceCurrent
            capacitance_scaling = b.capacitanceScaling
        }

        /// - Throws: ``NeuroDynError/invalidBias(name:value:)`` for a value out of range.
        func chipBiases() throws(NeuroDynError) -> ChipBiases {
            try ChipBiases(
                referenceVoltage: V_ref, voltageCurrent: I_voltage, masterCurrent: I_master, referenceCurrent: I_ref,
                capacitanceScaling: capacitance_scaling)
        }
    }

    struct NeuronValues: Codable {
        let dg: PerChannel<DigitalCode>
        let dE: PerChannel<SignedDigitalCode>
        let dIb: PerGate<PerRate<SplineCodes>>
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let format = try container.decode(String.self, forKey: .format)
        guard format == Self.formatIdentifier || format == Self.networkFormatIdentifier else {
            throw DecodingError.dataCorruptedError(
                forKey: .format, in: container, debugDescription: RegisterFileError.unsupportedFormat(format).description)
        }
        let isNetwork = format == Self.networkFormatIdentifier
        do {
            biases = try container.decode(BiasValues.self, forKey: .biases).chipBiases()
        } catch let error as NeuroDynError {
            throw DecodingError.dataCorruptedError(forKey: .biases, in: container, debugDescription: error.description)
        }
        let values = try container.decode([NeuronValues].self, forKey: .neurons)
        let capacity = isNetwork ? Self.networkNeuronCapacity : Self.neuronCapacity
        guard (1...capacity).contains(values.count) else {
            throw DecodingError.dataCorruptedError(
                forKey: .neurons, in: container,
                debugDescription: "has \(values.count) entries; \(format) holds 1 to \(capacity)")
        }
        neurons = values.map { NeuronRegisters(conductances: $0.dg, reversals: $0.dE, splines: $0.dIb) }
        for key in [CodingKeys.synapses, .gapJunctions, .synapseCurrent, .boardBiases, .compoundNeurons] where !isNetwork && container.contains(key) {
            throw DecodingError.dataCorruptedError(
                forKey: key, in: container,
                debugDescription: "belongs to \(Self.networkFormatIdentifier); this file says \(format)")
        }
        synapses = try (container.decodeIfPresent([SynapseValues].self, forKey: .synapses) ?? []).map { values in
            SynapseRegisters(pre: values.pre, post: values.post, conductance: values.dg, reversal: values.dE, splines: values.dIb)
        }
        var junctions: [GapJunction] = []
        if container.contains(.gapJunctions) {
            var list = try container.nestedUnkeyedContainer(forKey: .gapJunctions)
            while !list.isAtEnd {
                let k = list.currentIndex
                let values = try list.decode(GapJunctionValues.self)
                guard values.neurons.count == 2 else {
                    throw DecodingError.dataCorrupted(DecodingError.Context(
                        codingPath: list.codingPath + [IndexKey(k), IndexKey(name: "neurons")],
                        debugDescription: "has \(values.neurons.count) entries; a gap junction joins 2 neurons"))
                }
                do {
                    junctions.append(try GapJunction(values.neurons[0], values.neurons[1], conductance: values.conductance_S))
                } catch {
                    let key = values.neurons[0] == values.neurons[1] || values.neurons.contains { $0 < 0 } ? "neurons" : "conductance_S"
                    let reason = key == "neurons"
                        ? "\(values.neurons) must name two distinct neurons"
                        : "\(values.conductance_S) must be finite and ≥ 0 (siemens)"
                    throw DecodingError.dataCorrupted(DecodingError.Context(
                        codingPath: list.codingPath + [IndexKey(k), IndexKey(name: key)], debugDescription: reason))
                }
            }
        }
        gapJunctions = junctions
        synapseCurrent = try container.decodeIfPresent(SynapseCurrentForm.self, forKey: .synapseCurrent) ?? .chip
        var boards: [Int: ChipBiases] = [:]
        for (k, entry) in (try container.decodeIfPresent([BoardBiasValues].self, forKey: .boardBiases) ?? []).enumerated() {
            let path = [CodingKeys.boardBiases as any CodingKey, IndexKey(k)]
            let biases: ChipBiases
            do {
                biases = try entry.biases.chipBiases()
            } catch {
                throw DecodingError.dataCorrupted(DecodingError.Context(codingPath: path, debugDescription: error.description))
            }
            if boards.updateValue(biases, forKey: entry.board) != nil {
                throw DecodingError.dataCorrupted(DecodingError.Context(
                    codingPath: path + [IndexKey(name: "board")], debugDescription: "board \(entry.board) is listed twice"))
            }
        }
        boardBiases = boards
        compoundNeurons = try container.decodeIfPresent([CompoundNeuron].self, forKey: .compoundNeurons) ?? []
        mapping = try container.decodeIfPresent(Mapping.self, forKey: .mapping)
        if let mapping {
            do {
                try Self.validate(mapping)
            } catch {
                throw DecodingError.dataCorruptedError(forKey: .mapping, in: container, debugDescription: error.description)
            }
        }
        if let failure = networkFailure() {
            throw DecodingError.dataCorrupted(DecodingError.Context(
                codingPath: Self.path(failure.key), debugDescription: failure.reason))
        }
    }

    /// The key and reason of the first network rule the file breaks, if any.
    private func networkFailure() -> (key: String, reason: String)? {
        do {
            try validateNetwork()
            return nil
        } catch {
            if case let .invalid(key, reason) = error { return (key, reason) }
            return ("neurons", error.description)
        }
    }

    /// The coding path of a key written as `synapses[3].pre`.
    static func path(_ key: String) -> [any CodingKey] {
        var keys: [any CodingKey] = []
        for part in key.split(separator: ".") {
            var name = Substring(part)
            var indices: [Int] = []
            while let open = name.lastIndex(of: "["), name.hasSuffix("]"),
                  let index = Int(name[name.index(after: open)..<name.index(before: name.endIndex)]) {
                indices.insert(index, at: 0)
                name = name[..<open]
            }
            if !name.isEmpty { keys.append(IndexKey(name: String(name))) }
            keys += indices.map(IndexKey.init)
        }
        return keys
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(format, forKey: .format)
        try container.encode(BiasValues(biases), forKey: .biases)
        try container.encode(
            neurons.map { NeuronValues(dg: $0.conductances, dE: $0.reversals, dIb: $0.splines) }, forKey: .neurons)
        try container.encodeIfPresent(mapping, forKey: .mapping)
        guard isNetwork else { return }
        try container.encode(
            synapses.map { SynapseValues(pre: $0.pre, post: $0.post, dg: $0.conductance, dE: $0.reversal, dIb: $0.splines) },
            forKey: .synapses)
        try container.encode(
            gapJunctions.map { GapJunctionValues(neurons: [$0.neurons.0, $0.neurons.1], conductance_S: $0.conductance) },
            forKey: .gapJunctions)
        try container.encode(synapseCurrent, forKey: .synapseCurrent)
        if !boardBiases.isEmpty {
            try container.encode(
                boardBiases.keys.sorted().map { BoardBiasValues(board: $0, biases: BiasValues(boardBiases[$0]!)) },
                forKey: .boardBiases)
        }
        if !compoundNeurons.isEmpty { try container.encode(compoundNeurons, forKey: .compoundNeurons) }
    }
}

/// A coding key made from a name or an index, for error paths.
struct IndexKey: CodingKey {
    let stringValue: String
    let intValue: Int?

    init(_ index: Int) {
        stringValue = "Index \(index)"
        intValue = index
    }

    init(name: String) {
        stringValue = name
        intValue = nil
    }

    init?(stringValue: String) { self.init(name: stringValue) }
    init?(intValue: Int) { self.init(intValue) }
}

extension RegisterFile {
    /// Decodes and validates a register file.
    /// - Throws: ``RegisterFileError`` naming the offending key.
    public static func decode(_ data: Data) throws(RegisterFileError) -> RegisterFile {
        try decodeValidated(RegisterFile.self, from: data)
    }

    /// The file as pretty-printed JSON with sorted keys: the same registers
    /// always give the same bytes.
    public func encoded() throws(RegisterFileError) -> Data {
        do {
            return try Self.encoder.encode(self)
        } catch {
            throw .malformed(reason: "cannot encode: \(error)")
        }
    }

    /// The encoder of register files (and of documents that embed one).
    public static var encoder: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return encoder
    }
}

extension RegisterFileError {
    /// Translates a decoding error into the key path it concerns.
    init(_ error: DecodingError) {
        func path(_ keys: [any CodingKey], _ last: (any CodingKey)? = nil) -> String {
            var text = ""
            for key in keys + (last.map { [$0] } ?? []) {
                if let index = key.intValue {
                    text += "[\(index)]"
                } else {
                    text += text.isEmpty ? key.stringValue : ".\(key.stringValue)"
                }
            }
            return text.isEmpty ? "(top level)" : text
        }
        switch error {
        case let .keyNotFound(key, context):
            self = .missingKey(path(context.codingPath, key))
        case let .typeMismatch(type, context):
            self = .wrongType(key: path(context.codingPath), expected: Self.typeName(type))
        case let .valueNotFound(type, context):
            self = .wrongType(key: path(context.codingPath), expected: Self.typeName(type) + " (found null)")
        case let .dataCorrupted(context):
            if context.codingPath.isEmpty {
                let underlying = context.underlyingError.map { String(describing: $0) } ?? context.debugDescription
                self = .malformed(reason: underlying)
            } else if context.codingPath.last?.stringValue == "format",
                      context.debugDescription.contains("not supported") {
                self = .invalid(key: "format", reason: context.debugDescription)
            } else {
                self = .invalid(key: path(context.codingPath), reason: context.debugDescription)
            }
        @unknown default:
            self = .malformed(reason: String(describing: error))
        }
    }

    static func typeName(_ type: Any.Type) -> String {
        switch type {
        case is Int.Type, is DigitalCode.Type, is SignedDigitalCode.Type: "an integer"
        case is Double.Type: "a number"
        case is String.Type: "a string"
        case is [Any].Type: "an array"
        default: type is any Collection.Type ? "an array" : "an object"
        }
    }
}

/// Decodes a document of ours: empty (or blank) data, malformed JSON and
/// broken rules each become a ``RegisterFileError`` naming what is wrong.
func decodeValidated<T: Decodable>(_ type: T.Type, from data: Data) throws(RegisterFileError) -> T {
    let blank: Set<UInt8> = [0x20, 0x0A, 0x0D, 0x09]
    guard data.contains(where: { !blank.contains($0) }) else { throw .empty }
    do {
        return try JSONDecoder().decode(type, from: data)
    } catch let error as DecodingError {
        throw RegisterFileError(error)
    } catch {
        throw .malformed(reason: String(describing: error))
    }
}
