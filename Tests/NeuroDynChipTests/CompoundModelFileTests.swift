import Foundation
@testable import NeuroDynChip
import Testing

@Suite("Compound model files: neurodyn-compound/1")
struct CompoundModelFileTests {
    @Test("The bursting pair as a model value gives the published pair's target bit for bit")
    func burstingPairTarget() throws {
        #expect(try CompoundModel.burstingPair.target() == CompoundTarget.burstingPair)
        var slow = NeuronModel.burstingPairSlowPart
        slow.voltageOrigin = 0
        #expect(try slow.chipTarget() == HodgkinHuxleyModel.burstingPairSlowPart)
    }

    @Test("Every built-in compound round-trips through its file, and the shipped file is that file")
    func builtInFiles() throws {
        for compound in CompoundModel.builtIns {
            let data = CompoundModelFile.write(compound)
            let read = try CompoundModelFile.read(data, fileName: "x.json")
            #expect(read == compound)
            #expect(CompoundModelFile.declares(data))
            let shipped = try Data(contentsOf: ModelFileTests.root.appendingPathComponent("models/\(compound.name).json"))
            #expect(shipped == data + Data("\n".utf8), "models/\(compound.name).json differs from `ndfit models --show \(compound.name)`")
        }
    }

    @Test("A compound's parts share its voltage origin, the first part's rest by default")
    func sharedOrigin() throws {
        var moved = NeuronModel.traubMiles
        moved.voltageOrigin = nil
        let compound = CompoundModel(name: "tm-pair", summary: "", parts: [moved, moved])
        let target = try compound.target()
        let rest = try moved.resolvedVoltageOrigin()
        #expect(target.parts.allSatisfy { $0.voltageOrigin == rest * 1e-3 })
        var given = compound
        given.voltageOrigin = -60
        #expect(try given.target().parts.allSatisfy { $0.voltageOrigin == -60e-3 })
        // The part's own origin, if it had one, does not count.
        var other = moved
        other.voltageOrigin = -50
        #expect(try CompoundModel(name: "x", summary: "", parts: [moved, other]).target() == target)
    }

    /// The shipped pair's file with `edit` applied to its decoded JSON.
    static func edited(_ edit: (inout [String: Any]) -> Void) throws -> Data {
        var root = try #require(try JSONSerialization.jsonObject(with: CompoundModelFile.write(.burstingPair)) as? [String: Any])
        edit(&root)
        return try JSONSerialization.data(withJSONObject: root)
    }

    static func part(_ root: [String: Any], _ k: Int) -> [String: Any] { (root["parts"] as! [[String: Any]])[k] }

    @Test("Bad compound files name the key")
    func badFiles() throws {
        let cases: [(Data, String)] = [
            (Data("{\"format\": \"neurodyn-compound/1\"".utf8), "not valid JSON"),
            (Data("{\"format\": \"neurodyn-model/1\"}".utf8), "format: \"neurodyn-model/1\" is not supported"),
            (try Self.edited { $0["parts"] = nil }, "parts: is missing"),
            (try Self.edited { $0["parts"] = [Self.part($0, 0)] }, "needs at least two parts (it has 1)"),
            (try Self.edited { root in
                var slow = Self.part(root, 1)
                slow["voltage_origin"] = "-65 mV"
                root["parts"] = [Self.part(root, 0), slow]
            }, "parts[1].voltage_origin: a part has no origin of its own"),
            (try Self.edited { root in
                var slow = Self.part(root, 1)
                var channels = slow["channels"] as! [[String: Any]]
                channels[0]["conductance"] = "1 mV"
                slow["channels"] = channels
                root["parts"] = [Self.part(root, 0), slow]
            }, "parts[1].channels[0].conductance"),
            (try Self.edited { root in
                // A third gated channel: the slow part's K twice.
                var slow = Self.part(root, 1)
                var channels = slow["channels"] as! [[String: Any]]
                var second = channels[1]
                second["name"] = "k2"
                channels.append(second)
                slow["channels"] = channels
                root["parts"] = [Self.part(root, 0), slow]
            }, "part 1 (slow): the chip cannot hold this model"),
            (try Self.edited { $0["design_current"] = "-5 mV" }, "design_current"),
        ]
        for (data, message) in cases {
            #expect {
                try CompoundModelFile.read(data, fileName: "c.json")
            } throws: { error in
                let text = String(describing: error)
                return text.hasPrefix("c.json") && text.contains(message) && !text.contains("\n")
            }
        }
    }

    @Test("A reference names a compound when it is a built-in compound or a file that declares the format")
    func names() throws {
        #expect(CompoundModel.names("bursting-pair"))
        #expect(!CompoundModel.names("hh1952"))
        #expect(!CompoundModel.names(ModelFileTests.root.appendingPathComponent("models/hh1952.json").path))
        #expect(CompoundModel.names(ModelFileTests.root.appendingPathComponent("models/bursting-pair.json").path))
        #expect(throws: ModelError.unknownModel("no-such", known: ["bursting-pair"])) { try CompoundModel.load("no-such") }
    }
}
