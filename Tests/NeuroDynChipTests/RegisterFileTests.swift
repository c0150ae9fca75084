import Foundation
import Testing
import NeuroDynChip

@Suite("Register files")
struct RegisterFileTests {
    static let valid = """
        {"format": "neurodyn-registers/1",
         "biases": {"V_ref": 0.9, "I_voltage": 1.5e-7, "I_master": 2e-7, "I_ref": 1e-7, "capacitance_scaling": 1.0},
         "neurons": [{"dg": {"na": 1023, "k": 307, "l": 3}, "dE": {"na": 829, "k": -829, "l": -545},
           "dIb": {"m": {"alpha": [0, 1, 11, 23, 0, 0, 870], "beta": [190, 4, 6, 0, 0, 0, 0]},
                   "h": {"alpha": [3, 0, 0, 0, 0, 0, 0], "beta": [0, 0, 6, 3, 0, 0, 0]},
                   "n": {"alpha": [0, 0, 2, 2, 3, 0, 0], "beta": [15, 0, 0, 0, 0, 0, 0]}}}],
         "mapping": {"scl_v": 3.0, "scl_t": 11.207, "current_gain": 1.3448e-4, "voltage_offset": 0.738},
         "unknown_key": {"ignored": true}}
        """

    @Test("The contract's example decodes to the default chip, ignoring unknown keys")
    func decodesContractExample() throws {
        let file = try RegisterFile.decode(Data(Self.valid.utf8))
        #expect(file.neurons == [.defaultChip])
        #expect(file.biases == .standard)
        #expect(file.mapping?.speedUp == 11.207)
    }

    @Test("Encoding and decoding round-trip exactly, and encoding is deterministic")
    func roundTrip() throws {
        let file = try RegisterFile.decode(Data(Self.valid.utf8))
        let data = try file.encoded()
        #expect(try RegisterFile.decode(data) == file)
        #expect(try file.encoded() == data)
    }

    /// The valid file with one substitution.
    static func broken(_ original: String, _ replacement: String) -> String {
        valid.replacingOccurrences(of: original, with: replacement)
    }

    /// Broken files and the key each error must name.
    static let brokenFiles: [(String, String)] = [
        ("", "empty"),
        ("   \n", "empty"),
        ("{\"format\": \"neurodyn-registers/1\", \"biases\": {", "not valid JSON"),
        ("not json", "not valid JSON"),
        ("[1, 2]", "(top level)"),
        (broken("neurodyn-registers/1", "neurodyn-registers/9"), "format"),
        (broken("\"na\": 1023", "\"na\": 1024"), "neurons[0].dg.na"),
        (broken("\"k\": -829", "\"k\": -1106"), "neurons[0].dE.k"),
        (broken("[15, 0, 0, 0, 0, 0, 0]", "[15, 0, 0, 0, 0, 0]"), "neurons[0].dIb.n.beta"),
        (broken("[15, 0, 0, 0, 0, 0, 0]", "[15, 0, 0, 0, 0, 0, -1]"), "neurons[0].dIb.n.beta[6]"),
        (broken("\"l\": 3", "\"l\": 3.5"), "neurons[0].dg.l"),
        (broken("\"l\": 3", "\"l\": \"3\""), "neurons[0].dg.l"),
        (broken("\"I_master\": 2e-7", "\"I_master\": -2e-7"), "I_master"),
        (broken("\"I_master\": 2e-7, ", ""), "biases.I_master"),
        (broken("\"scl_t\": 11.207", "\"scl_t\": 0"), "mapping.scl_t"),
        (broken("\"dg\": {\"na\": 1023, \"k\": 307, \"l\": 3}, ", ""), "neurons[0].dg"),
        (broken("\"neurons\": [", "\"neurons\": [], \"x\": ["), "neurons"),
    ]

    /// Each broken file is refused with an error that names the key.
    @Test("Broken files are refused naming the key", arguments: brokenFiles)
    func refused(text: String, key: String) {
        do {
            _ = try RegisterFile.decode(Data(text.utf8))
            Issue.record("accepted a broken file that should name \(key)")
        } catch {
            #expect(error.description.contains(key), "\(error.description)")
            #expect(!error.description.contains("\n"))
        }
    }
}

@Suite("Mismatch factor files")
struct MismatchFactorsFileTests {
    @Test("Factors round-trip through JSON")
    func roundTrip() throws {
        let factors = try MismatchModel(sigma: 0.15).draw(seed: 4, instance: 2)
        let data = try RegisterFile.encoder.encode(factors)
        #expect(try MismatchFactors.decode(data) == factors)
    }

    @Test("Broken factor files are refused")
    func refused() throws {
        let good = String(decoding: try RegisterFile.encoder.encode(MismatchFactors.none), as: UTF8.self)
        for (text, key) in [
            (good.replacingOccurrences(of: "neurodyn-factors/1", with: "x"), "format"),
            (good.replacingOccurrences(of: "\"p\" : 3", with: "\"p\" : -3"), "exponent.p"),
            ("", "empty"),
        ] {
            do {
                _ = try MismatchFactors.decode(Data(text.utf8))
                Issue.record("accepted a broken factors file (\(key))")
            } catch {
                #expect(error.description.contains(key), "\(error.description)")
            }
        }
    }
}

@Suite("Recorded dies")
struct RecordedDieTests {
    @Test("A file's recorded die is read back; files without one give nil")
    func recordedDie() throws {
        let factors = try MismatchModel(sigma: 0.15).draw(seed: 5, instance: 1)
        let die = try RegisterFile.encoder.encode(factors)
        let text = "{\"fit\": {\"die\": \(String(decoding: die, as: UTF8.self))}}"
        #expect(try RegisterFile.recordedDie(in: Data(text.utf8)) == factors)
        #expect(try RegisterFile.recordedDie(in: RegisterFile.defaultChip.encoded()) == nil)
        #expect(try RegisterFile.recordedDie(in: Data("{\"fit\": {}}".utf8)) == nil)
        #expect(throws: RegisterFileError.self) {
            _ = try RegisterFile.recordedDie(in: Data("{\"fit\": {\"die\": {\"format\": \"x\"}}}".utf8))
        }
    }

    @Test("A compound file's recorded dies are read back by neuron; a neuron named twice is refused")
    func recordedDies() throws {
        let model = try MismatchModel(sigma: 0.15)
        let a = model.draw(seed: 1, instance: 1, element: 0), b = model.draw(seed: 1, instance: 1, element: 4)
        func text(_ entries: [(Int, MismatchFactors)]) throws -> Data {
            let list = try entries.map { neuron, factors in
                "{\"neuron\": \(neuron), \"factors\": \(String(decoding: try RegisterFile.encoder.encode(factors), as: UTF8.self))}"
            }
            return Data("{\"fit\": {\"dies\": [\(list.joined(separator: ", "))]}}".utf8)
        }
        #expect(try RegisterFile.recordedDies(in: text([(0, a), (4, b)])) == [0: a, 4: b])
        #expect(try RegisterFile.recordedDies(in: RegisterFile.defaultChip.encoded()).isEmpty)
        #expect {
            try RegisterFile.recordedDies(in: text([(4, a), (4, b)]))
        } throws: { error in
            (error as? RegisterFileError)?.description.contains("fit.dies[1].neuron: 4") == true
        }
    }
}
