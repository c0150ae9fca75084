import Foundation
import NeuroDynChip
import Testing

@Suite("Compound neurons in register files")
struct CompoundRegisterFileTests {
    static let slowBoard = try! ChipBiases.standard.with(voltageCurrent: 2.7e-7, masterCurrent: 5.8e-9)

    static func pairFile(tie: CompoundNeuron.Tie = .short) throws -> RegisterFile {
        var slow = NeuronRegisters.defaultChip
        slow.conductances.sodium = 649
        return try RegisterFile(
            biases: .standard, neurons: [.defaultChip, .defaultChip, .defaultChip, .defaultChip, slow],
            boardBiases: [1: slowBoard], compoundNeurons: [try CompoundNeuron(neurons: [0, 4], tie: tie)])
    }

    @Test("Board biases and compound neurons round-trip, with either tie", arguments: [
        CompoundNeuron.Tie.short, .gapJunction(siemens: 2e-6),
    ])
    func roundTrip(tie: CompoundNeuron.Tie) throws {
        let file = try Self.pairFile(tie: tie)
        #expect(file.format == "neurodyn-registers/2")
        let back = try RegisterFile.decode(try file.encoded())
        #expect(back == file)
        // Neuron 4 sits on board 1 and takes its biases; neuron 3 board 0's.
        #expect(back.neuron(4).biases == Self.slowBoard)
        #expect(back.neuron(3).biases == .standard)
        let text = String(decoding: try file.encoded(), as: UTF8.self)
        #expect(text.contains("\"board\" : 1"))
    }

    @Test("Compound neurons belong to version 2: a version-1 file with them is refused")
    func versionOneRefusesCompounds() throws {
        let file = try RegisterFile(
            biases: .standard, neurons: [.defaultChip, .defaultChip], compoundNeurons: [try CompoundNeuron(neurons: [0, 1])])
        // Only the compound is of version 2 once the network's empty lists are gone.
        var object = try #require(try JSONSerialization.jsonObject(with: try file.encoded()) as? [String: Any])
        for key in ["synapses", "gap_junctions", "synapse_current"] { object[key] = nil }
        object["format"] = "neurodyn-registers/1"
        let data = try JSONSerialization.data(withJSONObject: object)
        #expect {
            try RegisterFile.decode(data)
        } throws: { error in
            "\(error)".contains("compound_neurons")
        }
    }

    /// Each bad value, and the key the error names.
    @Test("Bad compound records and board biases are refused with the key", arguments: [
        ("\"tie\" : \"short\"", "\"tie\" : \"wire\"", "tie"),
        ("\"tie\" : \"short\"", "\"tie\" : {\"gap_junction_S\" : -1}", "gap_junction_S"),
        ("\"neurons\" : [\n        0,\n        4\n      ]", "\"neurons\" : [4, 4]", "compound_neurons"),
        ("\"neurons\" : [\n        0,\n        4\n      ]", "\"neurons\" : [0, 7]", "compound_neurons"),
        ("\"board\" : 1", "\"board\" : 3", "board_biases"),
        ("\"I_master\" : 5.8e-09", "\"I_master\" : -1", "board_biases"),
    ])
    func refusals(original: String, replacement: String, key: String) throws {
        let json = String(decoding: try Self.pairFile().encoded(), as: UTF8.self)
        try #require(json.contains(original), "\(json)")
        let bad = json.replacingOccurrences(of: original, with: replacement)
        #expect {
            try RegisterFile.decode(Data(bad.utf8))
        } throws: { error in
            "\(error)".contains(key)
        }
    }

    @Test("A neuron belongs to one compound at most")
    func neuronInTwoCompounds() throws {
        #expect(throws: RegisterFileError.self) {
            try RegisterFile(
                biases: .standard, neurons: Array(repeating: .defaultChip, count: 3),
                compoundNeurons: [try CompoundNeuron(neurons: [0, 1]), try CompoundNeuron(neurons: [2, 1])])
        }
    }
}
