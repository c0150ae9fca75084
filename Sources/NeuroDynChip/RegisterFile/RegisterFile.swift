import Foundation

/// The register file of the command-line contract: bias settings, the codes
/// of the neurons, and, for a fit, how the target maps onto the chip.
///
/// `neurodyn-registers/1` holds 1 to 4 neurons. `neurodyn-registers/2` adds a
/// network: up to 16 neurons (a cube of 4 boards, board b holding neurons
/// 4b…4b + 3), synapses inside a board (each with its codes), gap junctions
/// between any two neurons, and the form of the synaptic current. A full board
/// is 4 neurons and 12 synapses: 384 codes. Files without synapses or gap
/// junctions, with at most 4 neurons and the chip's synaptic current, are
/// written as version 1, so a one-neuron file keeps its keys.
///
/// Decoding validates every key, type and range and refuses a file that breaks
/// a rule with a ``RegisterFileError`` naming the key; nothing is clamped or
/// defaulted. Keys it does not know are ignored, as the contract asks.
public struct RegisterFile: Sendable, Hashable {
    /// The format identifier of single-chip files (version 1).
    public static let formatIdentifier = "neurodyn-registers/1"
    /// The format identifier of network files (version 2).
    public static let networkFormatIdentifier = "neurodyn-registers/2"
    /// A chip (a board) holds four neurons.
    public static let neuronCapacity = 4
    /// A version-2 file holds up to a cube: four boards of four neurons.
    public static let networkNeuronCapacity = 16

    /// The bias settings the codes are relative to.
    public var biases: ChipBiases
    /// The programmed neurons, in chip order (1…4).
    public var neurons: [NeuronRegisters]
    /// The fit's mapping, when the file comes from a fit.
    public var mapping: Mapping?
    /// The synapses, in file order (version 2; none in version 1).
    public var synapses: [SynapseRegisters]
    /// The gap junctions, conductances in siemens (version 2).
    public var gapJunctions: [GapJunction]
    /// How synaptic currents are computed (version 2; the chip's by default).
    public var synapseCurrent: SynapseCurrentForm
    /// Biases of boards other than board 0 that differ from ``biases``,
    /// by board index (version 2): a board of a cube has its own.
    public var boardBiases: [Int: ChipBiases]
    /// Neurons tied into compound neurons (version 2).
    public var compoundNeurons: [CompoundNeuron]

    /// Creates a register file.
    /// - Throws: ``RegisterFileError/invalid(key:reason:)`` naming the key
    ///   that breaks a rule (see ``validateNetwork()``).
    public init(
        biases: ChipBiases, neurons: [NeuronRegisters], mapping: Mapping? = nil, synapses: [SynapseRegisters] = [],
        gapJunctions: [GapJunction] = [], synapseCurrent: SynapseCurrentForm = .chip,
        boardBiases: [Int: ChipBiases] = [:], compoundNeurons: [CompoundNeuron] = []
    ) throws(RegisterFileError) {
        if let mapping { try Self.validate(mapping) }
        self.biases = biases
        self.neurons = neurons
        self.mapping = mapping
        self.synapses = synapses
        self.gapJunctions = gapJunctions
        self.synapseCurrent = synapseCurrent
        self.boardBiases = boardBiases
        self.compoundNeurons = compoundNeurons
        try validateNetwork()
    }

    /// The biases of board `board` (0-based): its own, or ``biases``.
    public func biases(ofBoard board: Int) -> ChipBiases { boardBiases[board] ?? biases }

    /// Whether the file needs version 2: synapses, gap junctions, more than
    /// 4 neurons, the linear synaptic current, board biases or compound neurons.
    public var isNetwork: Bool {
        !synapses.isEmpty || !gapJunctions.isEmpty || neurons.count > Self.neuronCapacity || synapseCurrent != .chip
            || !boardBiases.isEmpty || !compoundNeurons.isEmpty
    }

    /// The format the file is written in.
    public var format: String { isNetwork ? Self.networkFormatIdentifier : Self.formatIdentifier }

    /// The number of digital parameters the file programs: 48 per neuron
    /// (3 dg, 3 dE, 42 dIb) and 16 per synapse; 384 for a full board.
    public var codeCount: Int { 48 * neurons.count + SynapseRegisters.codeCount * synapses.count }

    /// Checks the rules of the network: 1 to 16 neurons; each synapse between
    /// two distinct existing neurons of the same board (4b…4b + 3), no
    /// (pre, post) pair twice; each gap junction between two distinct existing
    /// neurons with a finite conductance ≥ 0, no pair twice (a pair listed
    /// both ways with different conductances is asymmetric).
    ///
    /// - Throws: ``RegisterFileError/invalid(key:reason:)`` naming the key.
    public func validateNetwork() throws(RegisterFileError) {
        let capacity = Self.networkNeuronCapacity
        guard (1...capacity).contains(neurons.count) else {
            throw .invalid(key: "neurons", reason: "has \(neurons.count) entries; a file holds 1 to \(capacity) (4 per board)")
        }
        if let problem = NetworkTopology.firstProblem(
            neuronCount: neurons.count, synapses: synapses.map { ($0.pre, $0.post) }, gapJunctions: gapJunctions,
            synapsesStayOnBoards: true) {
            throw .invalid(key: problem.key, reason: problem.reason)
        }
        let boards = (neurons.count + Self.neuronCapacity - 1) / Self.neuronCapacity
        for board in boardBiases.keys.sorted() where !(1..<boards).contains(board) {
            throw .invalid(
                key: "board_biases", reason: "names board \(board); the file's neurons fill boards 0…\(boards - 1) and board 0's biases are `biases`")
        }
        var member: [Int: Int] = [:]
        for (c, compound) in compoundNeurons.enumerated() {
            for index in compound.neurons {
                guard index < neurons.count else {
                    throw .invalid(key: "compound_neurons[\(c)].neurons", reason: "neuron \(index) does not exist (the file has \(neurons.count))")
                }
                if let earlier = member.updateValue(c, forKey: index) {
                    throw .invalid(
                        key: "compound_neurons[\(c)].neurons", reason: "neuron \(index) is already in compound_neurons[\(earlier)]")
                }
            }
        }
    }

    /// The file of the default chip: default biases, the published codes, no mapping.
    public static let defaultChip: RegisterFile = {
        do {
            return try RegisterFile(biases: .standard, neurons: [.defaultChip])
        } catch {
            preconditionFailure("the default chip's register file is valid: \(error)")
        }
    }()

    /// A neuron programmed with the registers of neuron `index` (0-based).
    public func neuron(_ index: Int = 0, constants: ChipConstants = .neuroDyn) -> NeuroDynNeuron {
        NeuroDynNeuron(registers: neurons[index], biases: biases(ofBoard: index / Self.neuronCapacity), constants: constants)
    }

    /// The network the file programs: its neurons (nominal dies, the file's
    /// biases), synapses, gap junctions and synaptic current form.
    public func network(constants: ChipConstants = .neuroDyn) -> ChipNetwork {
        do {
            return try ChipNetwork(
                neurons: neurons.indices.map { neuron($0, constants: constants) },
                synapses: synapses.map { NeuroDynSynapse(registers: $0) }, gapJunctions: gapJunctions,
                synapseCurrent: synapseCurrent)
        } catch {
            // validateNetwork() has checked everything ChipNetwork checks: one set of biases, pairs unique.
            preconditionFailure("a valid register file describes a valid network: \(error)")
        }
    }

    static func validate(_ mapping: Mapping) throws(RegisterFileError) {
        let checks: [(String, Double, Bool)] = [
            ("mapping.scl_v", mapping.voltageScale, mapping.voltageScale > 0),
            ("mapping.scl_t", mapping.speedUp, mapping.speedUp > 0),
            ("mapping.current_gain", mapping.currentGain, mapping.currentGain > 0),
            ("mapping.voltage_offset", mapping.voltageOffset, true),
            ("mapping.model_voltage_origin", mapping.modelVoltageOrigin, true),
        ]
        for (key, value, ok) in checks where !(value.isFinite && ok) {
            throw .invalid(key: key, reason: "\(value) must be finite" + (key.hasSuffix("offset") || key.hasSuffix("origin") ? "" : " and positive"))
        }
    }
}

/// Why a register file was refused.
public enum RegisterFileError: Error, Hashable, Sendable {
    /// The data is empty.
    case empty
    /// The data is not JSON, or ends early (`reason` says where).
    case malformed(reason: String)
    /// The `format` is not `neurodyn-registers/1` or `/2`.
    case unsupportedFormat(String)
    /// A required key is absent.
    case missingKey(String)
    /// A key holds a value of the wrong type.
    case wrongType(key: String, expected: String)
    /// A key holds a value outside its rules (range, sign, count).
    case invalid(key: String, reason: String)
}

extension RegisterFileError: CustomStringConvertible {
    public var description: String {
        switch self {
        // Worded for any document read through this error (register and
        // factors files); callers put the file's name in front.
        case .empty: "the file is empty"
        case let .malformed(reason): "not valid JSON: \(reason)"
        case let .unsupportedFormat(format):
            "register file format \"\(format)\" is not supported (expected \"\(RegisterFile.formatIdentifier)\" or \"\(RegisterFile.networkFormatIdentifier)\")"
        case let .missingKey(key): "the key \(key) is missing"
        case let .wrongType(key, expected): "key \(key) must be \(expected)"
        case let .invalid(key, reason): "key \(key): \(reason)"
        }
    }
}
