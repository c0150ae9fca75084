import Foundation
@testable import NeuroDynChip
import Testing

@Suite("Model files: expressions, units, neurodyn-model/1, NeuroML 2")
struct ModelFileTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    @Test("HH 1952 as a model value gives the standard target bit for bit")
    func hodgkinHuxleyTarget() throws {
        let target = try NeuronModel.hodgkinHuxley1952.chipTarget()
        #expect(target == HodgkinHuxleyModel.standard)
        #expect(try NeuronModel.hodgkinHuxley1952.resolvedVoltageOrigin() == 0)
    }

    @Test("Every built-in model round-trips through its file, and the shipped file is that file", arguments: NeuronModel.builtIns)
    func builtInFiles(model: NeuronModel) throws {
        let data = NeuronModelFile.write(model)
        #expect(try NeuronModelFile.read(data, fileName: "x.json") == model)
        let shipped = try Data(contentsOf: Self.root.appendingPathComponent("models/\(model.name).json"))
        #expect(shipped == data + Data("\n".utf8), "models/\(model.name).json differs from `ndfit models --show \(model.name)`")
    }

    @Test("Expressions follow the usual precedence", arguments: [
        ("1 + 2 * 3", 7.0), ("-2^2", -4), ("2^3^2", 512), ("(1 + 2) * 3", 9), ("pow(2, 3) / 4", 2),
        ("exp(0) + log(1)", 1), ("exprel(0)", 1), ("1.5e-3 * 2e3", 3), ("V * 1000", 20),
    ])
    func expressionValues(source: String, expected: Double) throws {
        let node = try ExpressionParser.expression(source) { $0 == "V" ? .voltage : nil }
        #expect(abs(node.value(voltage: 0.02) - expected) <= 1e-12 * max(1, abs(expected)))
    }

    @Test("Conditions in LEMS and symbolic form")
    func conditions() throws {
        let resolve: (String) -> ExpressionNode? = { $0 == "V" ? .voltage : nil }
        let lems = try ExpressionParser.condition("(V - 1) .lt. 0 .and. .not. V .eq. 0", resolve: resolve)
        let symbolic = try ExpressionParser.condition("(V - 1) < 0 && !(V == 0)", resolve: resolve)
        for v in [-1.0, 0, 0.5, 2] {
            let expected = v - 1 < 0 && v != 0
            let node = ExpressionNode.conditional(cases: [.init(condition: lems, value: .number(1))], otherwise: .number(0))
            let other = ExpressionNode.conditional(cases: [.init(condition: symbolic, value: .number(1))], otherwise: .number(0))
            #expect(node.value(voltage: v) == (expected ? 1 : 0))
            #expect(other.value(voltage: v) == (expected ? 1 : 0))
        }
    }

    @Test("Expressions that do not parse say where", arguments: ["1 +", "exp(1", "foo(2)", "2 * W", "1 2", "00\u{311}\r(", "1 +\u{2028}"])
    func badExpressions(source: String) {
        do {
            _ = try ExpressionParser.expression(source) { $0 == "V" ? .voltage : nil }
            Issue.record("parsed \(source)")
        } catch {
            // One line, whatever the text quoted.
            let lineBreaks = error.description.filter(\.isNewline).count
            #expect(lineBreaks == 0, "\(error)")
        }
    }

    @Test("Units as NeuroML and as slashes, in SI", arguments: [
        ("-40mV", PhysicalDimension.voltage, -0.04), ("0.1per_ms", .perTime, 100), ("120.0 mS_per_cm2", .conductanceDensity, 1200),
        ("3.0 S_per_m2", .conductanceDensity, 3), ("1.0 uF_per_cm2", .capacitanceDensity, 0.01), ("120 mS/cm2", .conductanceDensity, 1200),
        ("0.5 1/ms", .perTime, 500),
    ])
    func units(text: String, dimension: PhysicalDimension, si: Double) throws {
        let value = try PhysicalQuantity.parse(text, expected: dimension).siValue
        #expect(abs(value - si) <= 1e-12 * abs(si))
    }

    @Test("Values without a unit or of the wrong dimension are refused")
    func badUnits() {
        #expect(throws: QuantityError.missingUnit("-40", expected: .voltage)) {
            try PhysicalQuantity.parse("-40", expected: .voltage)
        }
        #expect(throws: QuantityError.self) { try PhysicalQuantity.parse("10 ms", expected: .voltage) }
        #expect(throws: QuantityError.self) { try PhysicalQuantity.parse("10 furlongs", expected: .voltage) }
    }

    @Test("The NeuroML HH cell is HH 1952 moved to rest at −65 mV, with its own E_Na, E_K and E_L")
    func neuroMLCell() throws {
        let model = try NeuronModel.load(Self.root.appendingPathComponent("models/neuroml/hh_cell.cell.nml").path)
        #expect(model.channels.map(\.name) == ["leak", "na", "k"])  // the unplaced channel is ignored
        let target = try model.chipTarget()
        let origin = target.voltageOrigin * 1e3
        #expect(abs(origin - -65) <= 0.5, "rest \(origin) mV")
        #expect(abs(target.reversalPotentials.sodium + origin - 50) < 1e-12)
        #expect(abs(target.reversalPotentials.leak + origin - -54.3) < 1e-12)
        #expect(abs(target.conductances.potassium - 36) < 1e-12 && abs(target.conductances.leak - 0.3) < 1e-12)
        // Every rate, LEMS expressions included, equals HH 1952's 65 mV higher.
        for v in stride(from: -40.0, through: 120.0, by: 1.25) {
            for gate in Gate.allCases {
                for rate in Rate.allCases {
                    let imported = target.rate(rate, of: gate, at: v)
                    let reference = HodgkinHuxleyModel.standard.rate(rate, of: gate, at: v + origin + 65)
                    #expect(abs(imported - reference) <= 1e-9 * max(reference, 1e-3), "\(rate) \(gate) at \(v)")
                }
            }
        }
    }

    /// Writes `files` into a fresh folder and loads the first.
    func load(_ files: [(String, String)]) throws -> NeuronModel {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("ndfit-model-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        for (name, text) in files { try Data(text.utf8).write(to: folder.appendingPathComponent(name)) }
        return try NeuronModel.load(folder.appendingPathComponent(files[0].0).path)
    }

    static func cell(_ channels: String, density: String = "") -> String {
        """
        <neuroml>\(channels)
        <ionChannelPassive id="pas"/>
        <cell id="c"><biophysicalProperties id="b"><membraneProperties>
        <channelDensity id="leak" ionChannel="pas" condDensity="3 S_per_m2" erev="-54mV"/>\(density)
        <specificCapacitance value="1 uF_per_cm2"/></membraneProperties></biophysicalProperties></cell></neuroml>
        """
    }

    @Test("Bad NeuroML files name the file, element and attribute", arguments: [
        (Self.cell("<include href=\"missing.nml\"/>"), "missing.nml"),
        (Self.cell("""
            <ionChannelHH id="x"><gateHHrates id="m" instances="3"><forwardRate type="HHFancyRate"/></gateHHrates></ionChannelHH>
            """, density: "<channelDensity id=\"d\" ionChannel=\"x\" condDensity=\"1 S_per_m2\" erev=\"50mV\"/>"), "unknown rate type \"HHFancyRate\""),
        (Self.cell("""
            <ionChannelHH id="x"><gateHHrates id="m" instances="3">
            <forwardRate type="HHExpRate" rate="1per_ms" midpoint="-40" scale="10mV"/>
            <reverseRate type="HHExpRate" rate="1per_ms" midpoint="-40mV" scale="10mV"/></gateHHrates></ionChannelHH>
            """, density: "<channelDensity id=\"d\" ionChannel=\"x\" condDensity=\"1 S_per_m2\" erev=\"50mV\"/>"), "midpoint: \"-40\" has no unit"),
        (Self.cell("", density: "<channelDensity id=\"d\" ionChannel=\"pas\" condDensity=\"1 ms\" erev=\"50mV\"/>"), "condDensity: \"1 ms\" is a time"),
        (Self.cell("""
            <ComponentType name="bad" extends="baseVoltageDepRate"><Dynamics>
            <DerivedVariable name="r" exposure="r" dimension="per_time" value="(v * 2"/></Dynamics></ComponentType>
            <ionChannelHH id="x"><gateHHrates id="m" instances="3"><forwardRate type="bad"/>
            <reverseRate type="bad"/></gateHHrates></ionChannelHH>
            """, density: "<channelDensity id=\"d\" ionChannel=\"x\" condDensity=\"1 S_per_m2\" erev=\"50mV\"/>"), "ComponentType bad r value"),
        // Found by the model-file fuzzer (Fuzz/findings): what libxml2 would
        // read from elsewhere, crash on or recover from.
        ("<!DOCTYPE neuroml [<!ENTITY e SYSTEM \"/etc/passwd\">]><neuroml><cell id=\"c\">&e;</cell></neuroml>", "<!DOCTYPE>"),
        ("<?xml version=\"1.0\" encoding=\"UTF-4\"?><neuroml/>", "only UTF-8"),
        ("<\0\0\0", "NUL byte"),
        ("<neuroml><cell id=\"c\">", "not well-formed XML"),
        (Self.cell("", density: "<channelDensity id=\"d\" ionChannel=\"pas\" condDensity=\"1 S_per_m2\" erev=\"1e20mV\"/>"), "within ±1000 mV"),
        // An unknown name followed by a derived variable parsed on the way.
        (Self.cell("""
            <ComponentType name="bad" extends="baseVoltageDepRate"><Constant name="MS" dimension="time" value="1ms"/>
            <Dynamics><DerivedVariable name="V" dimension="none" value="v"/>
            <DerivedVariable name="r" exposure="r" dimension="per_time" value="(unknown + V) / MS"/></Dynamics></ComponentType>
            <ionChannelHH id="x"><gateHHrates id="n" instances="4"><forwardRate type="bad"/>
            <reverseRate type="bad"/></gateHHrates></ionChannelHH>
            """, density: "<channelDensity id=\"d\" ionChannel=\"x\" condDensity=\"1 S_per_m2\" erev=\"-77mV\"/>"), "unknown name unknown"),
    ])
    func badNeuroML(text: String, message: String) throws {
        do {
            _ = try load([("cell.nml", text)])
            Issue.record("accepted a bad file")
        } catch let error as ModelError {
            #expect(error.description.contains("cell.nml") || error.description.contains("missing.nml"), "\(error)")
            #expect(error.description.contains(message), "\(error)")
        }
    }

    @Test("Nesting deeper than the parser's limit is refused, not a stack overflow")
    func deepNesting() throws {
        let deep = String(repeating: "(", count: 8000) + "1" + String(repeating: ")", count: 8000)
        do {
            _ = try ExpressionParser.expression(deep) { _ in nil }
            Issue.record("parsed 8000 levels")
        } catch {
            guard case .tooDeep = error else { Issue.record("\(error)"); return }
        }
        let signs = String(repeating: "-", count: 5000) + "1"
        #expect(throws: ExpressionError.self) { try ExpressionParser.expression(signs) { _ in nil } }
        // A flat chain is counted (the fuzzer's 100 000-term sum overflowed
        // the stack when evaluated), and names stand for whole trees.
        func terms(_ name: String, _ count: Int) -> String { Array(repeating: name, count: count).joined(separator: "+") }
        #expect(throws: ExpressionError.self) { try ExpressionParser.expression(terms("V", 100_000)) { _ in .voltage } }
        #expect(throws: ExpressionError.self) { try ExpressionParser.expression(terms("V", 1002)) { _ in .voltage } }
        let longest = try ExpressionParser.expression(terms("V", 1001)) { _ in .voltage }
        #expect(longest.depth == 1001)
        #expect(throws: ExpressionError.self) { try ExpressionParser.expression(terms("A", 1001)) { _ in longest } }
        #expect(throws: Never.self) { try ExpressionParser.expression(terms("A", 900)) { _ in longest } }
        let fine = String(repeating: "(", count: 50) + "1" + String(repeating: ")", count: 50)
        #expect(throws: Never.self) { try ExpressionParser.expression(fine) { _ in nil } }
    }

    @Test("A circular include is refused")
    func circularInclude() throws {
        do {
            _ = try load([("a.nml", "<neuroml><include href=\"b.nml\"/></neuroml>"), ("b.nml", "<neuroml><include href=\"a.nml\"/></neuroml>")])
            Issue.record("accepted a circular include")
        } catch let error as ModelError {
            #expect(error.description.contains("circular include (a.nml → b.nml → a.nml)"), "\(error)")
        }
    }

    @Test("What the chip cannot hold is refused with the reason")
    func notHoldable() throws {
        var model = NeuronModel.traubMiles
        model.channels[0].gates[0].exponent = 2
        #expect(throws: ModelError.self) { try model.chipTarget() }
        do {
            _ = try model.chipTarget()
        } catch {
            #expect(error.description.contains("channel na has gates m^2 h^1"), "\(error)")
        }
        var third = NeuronModel.traubMiles
        third.channels.append(NeuronModel.Channel(name: "ka", conductance: 1, reversal: -90, gates: third.channels[1].gates))
        do {
            _ = try third.chipTarget()
            Issue.record("accepted a second n⁴ channel")
        } catch {
            #expect(error.description.contains("one K channel"), "\(error)")
        }
    }

    @Test("Bad JSON model files name the key", arguments: [
        ("{\"format\": \"neurodyn-model/1\", \"name\": \"x\", \"capacitance\": \"1\", \"channels\": []}", "capacitance: \"1\" has no unit"),
        ("{\"format\": \"neurodyn-model/2\"}", "format"),
        ("{\"format\": \"neurodyn-model/1\", \"name\": \"x\", \"capacitance\": \"1 uF_per_cm2\", \"channels\": [{\"name\": \"l\", \"conductance\": \"1 mV\", \"reversal\": \"0 mV\"}]}", "channels[0].conductance"),
        ("{\"format\": \"neurodyn-model/1\"", "not valid JSON"),
        // Found by the model-file fuzzer: a value that overflows once in SI,
        // and a line break carried into the message (written as an escape).
        ("{\"format\": \"neurodyn-model/1\", \"name\": \"x\", \"capacitance\": \"1e306 F_per_cm2\", \"channels\": []}", "not a finite number"),
        ("{\"format\": \"neurodyn-model/1\\nsecond line\"}", "\\nsecond line"),
        ("{\"format\": \"neurodyn-model/1\u{2028}second line\"}", "\\u{2028}second line"),
    ])
    func badJSON(text: String, message: String) {
        do {
            _ = try NeuronModelFile.read(Data(text.utf8), fileName: "m.json")
            Issue.record("accepted a bad file")
        } catch {
            #expect(error.description.hasPrefix("m.json"), "\(error)")
            #expect(error.description.contains(message), "\(error)")
            let lineBreaks = error.description.filter(\.isNewline).count
            #expect(lineBreaks == 0, "\(error)")
        }
    }
}

extension NeuronModel: CustomTestStringConvertible {
    public var testDescription: String { name }
}
