import Foundation

/// The register file of the command-line contract (`neurodyn-registers/1`):
/// bias settings, the codes of 1 to 4 neurons, and, for a fit, how the target
/// maps onto the chip.
///
/// Decoding validates every key, type and range and refuses a file that breaks
/// a rule with a ``RegisterFileError`` naming the key; nothing is clamped or
/// defaulted. Keys it does not know are ignored, as the contract asks.
public struct RegisterFile: Sendable, Hashable {
    /// The format identifier written in, and required of, every file.
    public static let formatIdentifier = "neurodyn-registers/1"
    /// A chip holds four neurons.
    public static let neuronCapacity = 4

    /// The bias settings the codes are relative to.
    public var biases: ChipBiases
    /// The programmed neurons, in chip order (1…4).
    public var neurons: [NeuronRegisters]
    /// The fit's mapping, when the file comes from a fit.
    public var mapping: Mapping?

    /// Creates a register file.
    /// - Throws: ``RegisterFileError/invalid(key:reason:)`` for 0 or more than 4 neurons.
    public init(biases: ChipBiases, neurons: [NeuronRegisters], mapping: Mapping? = nil) throws(RegisterFileError) {
        guard (1...Self.neuronCapacity).contains(neurons.count) else {
            throw .invalid(key: "neurons", reason: "has \(neurons.count) entries; a chip holds 1 to 4")
        }
        if let mapping { try Self.validate(mapping) }
        self.biases = biases
        self.neurons = neurons
        self.mapping = mapping
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
        NeuroDynNeuron(registers: neurons[index], biases: biases, constants: constants)
    }

    static func validate(_ mapping: Mapping) throws(RegisterFileError) {
        let checks: [(String, Double, Bool)] = [
            ("mapping.scl_v", mapping.voltageScale, mapping.voltageScale > 0),
            ("mapping.scl_t", mapping.speedUp, mapping.speedUp > 0),
            ("mapping.current_gain", mapping.currentGain, mapping.currentGain > 0),
            ("mapping.voltage_offset", mapping.voltageOffset, true),
        ]
        for (key, value, ok) in checks where !(value.isFinite && ok) {
            throw .invalid(key: key, reason: "\(value) must be finite" + (key.hasSuffix("offset") ? "" : " and positive"))
        }
    }
}

/// Why a register file was refused.
public enum RegisterFileError: Error, Hashable, Sendable {
    /// The data is empty.
    case empty
    /// The data is not JSON, or ends early (`reason` says where).
    case malformed(reason: String)
    /// The `format` is not `neurodyn-registers/1`.
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
            "register file format \"\(format)\" is not supported (expected \"\(RegisterFile.formatIdentifier)\")"
        case let .missingKey(key): "the key \(key) is missing"
        case let .wrongType(key, expected): "key \(key) must be \(expected)"
        case let .invalid(key, reason): "key \(key): \(reason)"
        }
    }
}
