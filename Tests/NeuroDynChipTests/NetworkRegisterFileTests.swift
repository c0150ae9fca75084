import Foundation
import Testing
import NeuroDynChip

@Suite("Network register files")
struct NetworkRegisterFileTests {
    /// A board with every one of its 384 codes drawn at random (seeded): the
    /// file must give back every code.
    static func randomBoard(seed: UInt64) throws -> RegisterFile {
        var generator = SeededGenerator(seed: seed)
        func code() -> Int { Int(generator.next() % 1024) }
        func signed() -> Int { Int(generator.next() % 2047) - 1023 }
        func spline(_ name: String) throws -> SplineCodes { try SplineCodes(values: (0..<7).map { _ in code() }, name: name) }
        var neurons: [NeuronRegisters] = []
        for _ in 0..<4 {
            neurons.append(try NeuronRegisters(
                dg: [code(), code(), code()], dE: [signed(), signed(), signed()],
                dIb: PerGate { _ in PerRate { _ in (0..<7).map { _ in code() } } }))
        }
        var synapses: [SynapseRegisters] = []
        for post in 0..<4 {
            for pre in 0..<4 where pre != post {
                synapses.append(SynapseRegisters(
                    pre: pre, post: post, conductance: try DigitalCode(code()), reversal: try SignedDigitalCode(signed()),
                    splines: PerRate(alpha: try spline("a"), beta: try spline("b"))))
            }
        }
        return try RegisterFile(
            biases: .standard, neurons: neurons, synapses: synapses,
            gapJunctions: [try GapJunction(0, 2, conductance: 3e-9)], synapseCurrent: .linear)
    }

    @Test("A full board's 384 codes round-trip exactly", arguments: [1, 2, 3] as [UInt64])
    func fullBoardRoundTrip(seed: UInt64) throws {
        let file = try Self.randomBoard(seed: seed)
        #expect(file.codeCount == 384)
        #expect(file.format == "neurodyn-registers/2")
        let data = try file.encoded()
        let back = try RegisterFile.decode(data)
        #expect(back == file)
        #expect(try back.encoded() == data)
        #expect(back.network().synapses.map(\.registers) == file.synapses)
    }

    @Test("A file without a network part stays version 1; version 1 still reads")
    func versionOne() throws {
        let single = RegisterFile.defaultChip
        #expect(single.format == "neurodyn-registers/1")
        let text = String(decoding: try single.encoded(), as: UTF8.self)
        #expect(!text.contains("synapses") && text.contains("neurodyn-registers/1"))
        #expect(try RegisterFile.decode(Data(RegisterFileTests.valid.utf8)).synapses.isEmpty)
        let four = try RegisterFile(biases: .standard, neurons: Array(repeating: .defaultChip, count: 4))
        #expect(four.format == "neurodyn-registers/1")
    }

    static let board = """
        {"format": "neurodyn-registers/2",
         "biases": {"V_ref": 0.9, "I_voltage": 1.5e-7, "I_master": 2e-7, "I_ref": 1e-7, "capacitance_scaling": 1.0},
         "neurons": [NEURON, NEURON, NEURON, NEURON],
         "synapses": [
           {"pre": 0, "post": 1, "dg": 5, "dE": 130, "dIb": {"alpha": [0, 0, 0, 0, 0, 0, 378], "beta": [0, 0, 0, 0, 0, 0, 1]}},
           {"pre": 1, "post": 2, "dg": 5, "dE": 130, "dIb": {"alpha": [0, 0, 0, 0, 0, 0, 378], "beta": [0, 0, 0, 0, 0, 0, 1]}},
           {"pre": 2, "post": 3, "dg": 2, "dE": 130, "dIb": {"alpha": [0, 0, 0, 0, 0, 0, 378], "beta": [0, 0, 0, 0, 0, 0, 1]}},
           {"pre": 3, "post": 0, "dg": 0, "dE": 130, "dIb": {"alpha": [0, 0, 0, 0, 0, 0, 378], "beta": [0, 0, 0, 0, 0, 0, 2]}}],
         "gap_junctions": [{"neurons": [0, 3], "conductance_S": 1e-9}, {"neurons": [1, 2], "conductance_S": 2e-9}],
         "synapse_current": "chip"}
        """.replacingOccurrences(of: "NEURON", with: """
        {"dg": {"na": 1023, "k": 307, "l": 3}, "dE": {"na": 829, "k": -829, "l": -545},
         "dIb": {"m": {"alpha": [0, 1, 11, 23, 0, 0, 870], "beta": [190, 4, 6, 0, 0, 0, 0]},
                 "h": {"alpha": [3, 0, 0, 0, 0, 0, 0], "beta": [0, 0, 6, 3, 0, 0, 0]},
                 "n": {"alpha": [0, 0, 2, 2, 3, 0, 0], "beta": [15, 0, 0, 0, 0, 0, 0]}}}
        """)

    @Test("The example board decodes")
    func decodesBoard() throws {
        let file = try RegisterFile.decode(Data(Self.board.utf8))
        #expect(file.neurons.count == 4 && file.synapses.count == 4 && file.gapJunctions.count == 2)
        #expect(file.synapses[3].splines.beta.values == [0, 0, 0, 0, 0, 0, 2])
    }

    static func broken(_ original: String, _ replacement: String) -> String {
        precondition(board.contains(original), "the example holds \(original)")
        return board.replacingOccurrences(of: original, with: replacement)
    }

    /// Broken board files and the key each error must name.
    static let brokenBoards: [(String, String)] = [
        (broken("[0, 0, 0, 0, 0, 0, 2]", "[0, 0, 0, 0, 0, 0, 1024]"), "synapses[3].dIb.beta[6]"),
        (broken("\"pre\": 2, \"post\": 3, \"dg\": 2", "\"pre\": 2, \"post\": 3, \"dg\": -2"), "synapses[2].dg"),
        (broken("\"post\": 3, \"dg\": 2, \"dE\": 130", "\"post\": 3, \"dg\": 2, \"dE\": 1030"), "synapses[2].dE"),
        (broken("\"pre\": 3, \"post\": 0", "\"pre\": 7, \"post\": 0"), "synapses[3].pre"),
        (broken("\"pre\": 3, \"post\": 0", "\"pre\": 3, \"post\": 3"), "synapses[3]"),
        (broken("\"pre\": 3, \"post\": 0", "\"pre\": 0, \"post\": 1"), "synapses[3]"),
        (broken("\"pre\": 3, \"post\": 0", "\"post\": 0"), "synapses[3].pre"),
        (broken("[0, 0, 0, 0, 0, 0, 2]", "[0, 0, 0, 0, 0, 2]"), "synapses[3].dIb.beta"),
        (broken("{\"neurons\": [1, 2], \"conductance_S\": 2e-9}",
                "{\"neurons\": [1, 2], \"conductance_S\": 2e-9}, {\"neurons\": [2, 1], \"conductance_S\": 3e-9}"),
         "gap_junctions[2]: is asymmetric"),
        (broken("{\"neurons\": [1, 2], \"conductance_S\": 2e-9}", "{\"neurons\": [3, 0], \"conductance_S\": 1e-9}"), "gap_junctions[1]"),
        (broken("\"conductance_S\": 2e-9", "\"conductance_S\": -2e-9"), "gap_junctions[1].conductance_S"),
        (broken("[1, 2]", "[1, 2, 3]"), "gap_junctions[1].neurons"),
        (broken("[1, 2]", "[1, 1]"), "gap_junctions[1].neurons"),
        (broken("[1, 2]", "[1, 9]"), "gap_junctions[1].neurons"),
        (broken("\"synapse_current\": \"chip\"", "\"synapse_current\": \"quadratic\""), "synapse_current"),
        (broken("neurodyn-registers/2", "neurodyn-registers/1"), "synapses"),
        // Found by the fuzzer: finite biases whose spline centres overflow.
        (broken("\"I_voltage\": 1.5e-7", "\"I_voltage\": 1.5e307"), "biases: bias I_voltage = 1.5e+307"),
    ]

    @Test("Broken board files are refused naming the key", arguments: brokenBoards)
    func refused(text: String, key: String) {
        do {
            _ = try RegisterFile.decode(Data(text.utf8))
            Issue.record("accepted a broken board that should name \(key)")
        } catch {
            #expect(error.description.contains(key), "\(error.description)")
            #expect(!error.description.contains("\n"))
        }
    }

    @Test("Synapses stay inside a board; a cube holds 16 neurons")
    func cubeRules() throws {
        let neurons = Array(repeating: NeuronRegisters.defaultChip, count: 16)
        let inside = try RegisterFile(
            biases: .standard, neurons: neurons, synapses: [.publishedDefault(pre: 4, post: 7)],
            gapJunctions: [try GapJunction(3, 4, conductance: 1e-9)])
        #expect(try RegisterFile.decode(try inside.encoded()) == inside)
        #expect(throws: RegisterFileError.self) {
            try RegisterFile(biases: .standard, neurons: neurons, synapses: [.publishedDefault(pre: 3, post: 4)])
        }
        #expect(throws: RegisterFileError.self) {
            try RegisterFile(biases: .standard, neurons: neurons + [.defaultChip])
        }
    }
}
