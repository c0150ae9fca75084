import Foundation

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// Imports a single-compartment `<cell>` of a NeuroML 2 file as a
/// ``NeuronModel``.
///
/// Read: `channelDensity` and `channelDensityVShift` of `ionChannelHH` /
/// `ionChannelPassive` (or `ionChannel` with that `type`) channels; gates
/// `gateHHrates`, `gateHHtauInf`, `gateHHratesInf`, `gateHHratesTau` and
/// `gateHHratesTauInf` (`instances` is the exponent, `q10Fixed` a rate
/// factor); rates, variables and time courses of the standard types
/// (`HHExpRate`, `HHSigmoidRate`, `HHExpLinearRate`, `HHExpVariable`,
/// `HHSigmoidVariable`, `HHExpLinearVariable`, `fixedTimeCourse`) or of LEMS
/// `ComponentType`s extending `baseVoltageDepRate`, `baseVoltageDepVariable`
/// or `baseVoltageDepTime`, whose `Constant`s, `Parameter`s and
/// (conditional) derived variables are evaluated in SI; `<include href>`
/// relative to the including file. Channels a file defines but the cell does
/// not place are ignored.
///
/// Refused, with the file, element and attribute: several compartments,
/// concentration-dependent channels or rates, temperature-dependent Q10,
/// unknown rate types, values without units or of the wrong dimension,
/// expressions that do not parse, and missing or circular includes.
public enum NeuroMLReader {
    /// Reads the cell `cellID` (or the file's only cell) of the NeuroML file at `url`.
    public static func read(contentsOf url: URL, cellID: String? = nil) throws(ModelError) -> NeuronModel {
        var library = Library()
        let root = try library.load(url, stack: [])
        let cells = root.elements(named: "cell")
        let name = url.lastPathComponent
        let cell: XMLElement
        if let cellID {
            guard let match = cells.first(where: { $0.attribute("id") == cellID }) else {
                throw .file(name, location: "cell \(cellID)", reason: "no such cell (cells: \(cells.compactMap { $0.attribute("id") }.joined(separator: ", ")))")
            }
            cell = match
        } else {
            guard cells.count == 1 else {
                throw .file(name, location: "", reason: cells.isEmpty
                    ? "has no <cell>" : "has \(cells.count) cells; name one as FILE#ID (\(cells.compactMap { $0.attribute("id") }.joined(separator: ", ")))")
            }
            cell = cells[0]
        }
        return try library.model(of: cell, file: name)
    }

    /// Everything the file and its includes define.
    fileprivate struct Library {
        var channels: [String: (element: XMLElement, file: String)] = [:]
        var componentTypes: [String: (element: XMLElement, file: String)] = [:]

        /// Refuses what NeuroML never needs and libxml2 handles badly: bytes
        /// that are not UTF-8, NUL bytes (UTF-16 and UCS-4), another declared
        /// encoding, and a document type declaration (its entities could
        /// read other files or expand without bound).
        static func checkPlainText(_ data: Data, file name: String) throws(ModelError) {
            guard !data.contains(0) else { throw .file(name, location: "", reason: "contains a NUL byte (NeuroML files are UTF-8 text)") }
            guard let text = String(data: data, encoding: .utf8) else {
                throw .file(name, location: "", reason: "is not UTF-8 text")
            }
            let head = text.prefix(200)
            if head.hasPrefix("<?xml"), let end = head.range(of: "?>"),
                let encoding = head[..<end.lowerBound].range(of: "encoding=") {
                let value = head[encoding.upperBound..<end.lowerBound].dropFirst()
                    .prefix { $0 != "\"" && $0 != "'" }.lowercased()
                guard ["utf-8", "utf8", "us-ascii", "ascii"].contains(value) else {
                    throw .file(name, location: "<?xml encoding=\"\(value)\"?>", reason: "only UTF-8 files are read")
                }
            }
            if text.range(of: "<!DOCTYPE", options: .caseInsensitive) != nil {
                throw .file(name, location: "<!DOCTYPE>", reason: "document type declarations and their entities are not read")
            }
        }

        mutating func load(_ url: URL, stack: [URL]) throws(ModelError) -> XMLElement {
            let standard = url.standardizedFileURL
            let name = url.lastPathComponent
            if stack.contains(standard) {
                throw .file(stack.last!.lastPathComponent, location: "include href=\"\(name)\"", reason: "circular include (\((stack + [standard]).map(\.lastPathComponent).joined(separator: " → ")))")
            }
            let data: Data
            do {
                data = try Data(contentsOf: standard)
            } catch {
                let from = stack.last.map { "included from \($0.lastPathComponent): " } ?? ""
                throw .file(name, location: "", reason: "\(from)cannot be read (missing or unreadable)")
            }
            try Self.checkPlainText(data, file: name)
            // XMLDocument recovers from errors (a truncated file reads as
            // its first half) and has libxml2 print them; the SAX parser,
            // run first, reports them instead, with where.
            let checker = XMLParser(data: data)
            _ = checker.parse()
            if let error = checker.parserError {
                let code = (error as NSError).code
                throw .file(
                    name, location: "line \(checker.lineNumber), column \(checker.columnNumber)",
                    reason: "not well-formed XML (parser error \(code))")
            }
            let document: XMLDocument
            do {
                document = try XMLDocument(data: data, options: [.nodeLoadExternalEntitiesNever])
            } catch {
                throw .file(name, location: "", reason: "not well-formed XML")
            }
            guard let root = document.rootElement() else { throw .file(name, location: "", reason: "has no root element") }
            for element in root.descendants {
                switch element.name {
                case "include", "Include":
                    let attribute = element.name == "include" ? "href" : "file"
                    guard let href = element.attribute(attribute), !href.isEmpty else {
                        throw .file(name, location: "<\(element.tag)>", reason: "has no \(attribute)")
                    }
                    let target = URL(fileURLWithPath: href, relativeTo: standard.deletingLastPathComponent())
                    // NeuroML's own core definitions are built in.
                    if href.hasPrefix("NeuroML2CoreTypes/") || href.hasPrefix("Cells.xml") || href.hasPrefix("Channels.xml") {
                        continue
                    }
                    _ = try load(target, stack: stack + [standard])
                case "ionChannelHH", "ionChannelPassive", "ionChannel", "ionChannelKS":
                    if let id = element.attribute("id") { channels[id] = (element, name) }
                case "ComponentType":
                    if let id = element.attribute("name") { componentTypes[id] = (element, name) }
                default: break
                }
            }
            return root
        }

        func model(of cell: XMLElement, file: String) throws(ModelError) -> NeuronModel {
            let id = cell.attribute("id") ?? "cell"
            let place = "cell \(id)"
            let segments = cell.elements(named: "segment")
            if segments.count > 1 {
                throw .notHoldable("\(file): \(place): has \(segments.count) segments; the chip holds a single compartment")
            }
            guard let membrane = cell.elements(named: "membraneProperties").first else {
                throw .file(file, location: place, reason: "has no <membraneProperties>")
            }
            for element in membrane.descendants {
                switch element.name {
                case "channelDensityNernst", "channelDensityGHK", "channelDensityGHK2", "channelDensityNernstCa2":
                    throw .notHoldable("\(file): \(place): <\(element.tag)> makes a current depend on a concentration")
                case "channelPopulation", "channelDensityNonUniform", "channelDensityNonUniformNernst":
                    throw .notHoldable("\(file): \(place): <\(element.tag)> needs several compartments")
                default: break
                }
            }
            guard let capacitanceElement = membrane.elements(named: "specificCapacitance").first else {
                throw .file(file, location: "\(place) <specificCapacitance>", reason: "is missing")
            }
            let capacitance = try modelQuantity(capacitanceElement, "value", .capacitanceDensity, file)
            var channels: [NeuronModel.Channel] = []
            for density in membrane.elements(named: "channelDensity") + membrane.elements(named: "channelDensityVShift") {
                let where_ = "<\(density.tag) id=\"\(density.attribute("id") ?? "")\">"
                guard let channelID = density.attribute("ionChannel") else {
                    throw .file(file, location: where_, reason: "has no ionChannel")
                }
                guard let (channel, channelFile) = channelDefinition(channelID) else {
                    throw .file(file, location: "\(where_) ionChannel", reason: "channel \"\(channelID)\" is not defined in the file or its includes")
                }
                let g = density.attribute("condDensity") == nil
                    ? 0 : try modelQuantity(density, "condDensity", .conductanceDensity, file)
                let e = try modelQuantity(density, "erev", .voltage, file)
                let shift = density.name == "channelDensityVShift" ? try modelQuantity(density, "vShift", .voltage, file) : 0
                channels.append(NeuronModel.Channel(
                    name: density.attribute("id") ?? channelID, conductance: g, reversal: e,
                    gates: try gates(of: channel, file: channelFile, shift: shift)))
            }
            guard !channels.isEmpty else { throw .file(file, location: place, reason: "places no channel (no <channelDensity>)") }
            let model = NeuronModel(
                name: id, summary: "NeuroML 2 cell \(id) of \(file)", capacitance: capacitance, channels: channels)
            do {
                try model.validate()
            } catch {
                throw .file(file, location: place, reason: error.description)
            }
            return model
        }

        func channelDefinition(_ id: String) -> (XMLElement, String)? { self.channels[id].map { ($0.element, $0.file) } }

        func gates(of channel: XMLElement, file: String, shift: Double) throws(ModelError) -> [NeuronModel.GateModel] {
            let channelID = channel.attribute("id") ?? ""
            let type = channel.name == "ionChannel" ? channel.attribute("type") ?? "ionChannelHH" : channel.tag
            if type == "ionChannelKS" {
                throw .notHoldable("\(file): channel \(channelID): a kinetic-scheme channel (ionChannelKS) has no HH gates")
            }
            var result: [NeuronModel.GateModel] = []
            for gate in channel.childElements {
                let kind = gate.name == "gate" ? gate.attribute("type") ?? "gateHHrates" : gate.tag
                guard kind.hasPrefix("gate") else { continue }
                let gateID = gate.attribute("id") ?? "?"
                let place = "channel \(channelID) <\(gate.tag) id=\"\(gateID)\">"
                let supported = ["gateHHrates", "gateHHtauInf", "gateHHratesInf", "gateHHratesTau", "gateHHratesTauInf"]
                guard supported.contains(kind) else {
                    throw .file(file, location: place, reason: "gate type \(kind) is not supported (\(supported.joined(separator: ", ")))")
                }
                guard let instancesText = gate.attribute("instances"), let instances = Int(instancesText), instances >= 1 else {
                    throw .file(file, location: "\(place) instances", reason: "must be a whole number ≥ 1")
                }
                var factor = 1.0
                for q10 in gate.elements(named: "q10Settings") {
                    let q10Type = q10.attribute("type") ?? ""
                    guard q10Type == "q10Fixed" else {
                        throw .notHoldable("\(file): \(place) <q10Settings type=\"\(q10Type)\">: a temperature-dependent Q10 needs a temperature; use q10Fixed")
                    }
                    factor *= try modelQuantity(q10, "fixedQ10", .dimensionless, file)
                }
                func part(_ element: String, _ role: PhysicalDimension) throws(ModelError) -> VoltageFunction? {
                    guard let child = gate.childElements.first(where: { $0.name == element }) else { return nil }
                    return try function(child, role: role, file: file, place: "\(place) <\(element)>").shifted(by: shift)
                }
                let kinetics = GateKinetics(
                    alpha: try part("forwardRate", .perTime), beta: try part("reverseRate", .perTime),
                    steadyState: try part("steadyState", .dimensionless), timeConstant: try part("timeCourse", .time))
                guard kinetics.isComplete else {
                    throw .file(file, location: place, reason: "needs forwardRate and reverseRate, or steadyState and timeCourse")
                }
                result.append(NeuronModel.GateModel(name: gateID, exponent: instances, kinetics: kinetics, rateFactor: factor))
            }
            return result
        }

        /// A rate, variable or time course element.
        func function(_ element: XMLElement, role: PhysicalDimension, file: String, place: String) throws(ModelError) -> VoltageFunction {
            guard let type = element.attribute("type") else { throw .file(file, location: "\(place) type", reason: "is missing") }
            let standard: [String: String] = [
                "HHExpRate": "exponential", "HHSigmoidRate": "sigmoid", "HHExpLinearRate": "exp_linear",
                "HHExpVariable": "exponential", "HHSigmoidVariable": "sigmoid", "HHExpLinearVariable": "exp_linear",
            ]
            if let form = standard[type] {
                let expectedRole: PhysicalDimension = type.hasSuffix("Rate") ? .perTime : .dimensionless
                guard expectedRole == role else {
                    throw .file(file, location: "\(place) type", reason: "\(type) gives a \(expectedRole.rawValue); this element needs a \(role.rawValue)")
                }
                let rate = try modelQuantity(element, "rate", role, file, place)
                let midpoint = try modelQuantity(element, "midpoint", .voltage, file, place)
                let scale = try modelQuantity(element, "scale", .voltage, file, place)
                guard scale != 0 else { throw .file(file, location: "\(place) scale", reason: "must not be 0") }
                switch form {
                case "exponential": return .exponential(rate: rate, midpoint: midpoint, scale: scale)
                case "sigmoid": return .sigmoid(rate: rate, midpoint: midpoint, scale: scale)
                default: return .expLinear(rate: rate, midpoint: midpoint, scale: scale)
                }
            }
            if type == "fixedTimeCourse" {
                guard role == .time else { throw .file(file, location: "\(place) type", reason: "fixedTimeCourse is a time course") }
                return .constant(try modelQuantity(element, "tau", .time, file, place))
            }
            guard let (definition, definitionFile) = componentTypes[type] else {
                throw .file(file, location: "\(place) type", reason: "unknown rate type \"\(type)\" (standard: \(standard.keys.sorted().joined(separator: ", ")), fixedTimeCourse, or a ComponentType of the file)")
            }
            return try LEMSRate(definition: definition, file: definitionFile, role: role)
                .function(instance: element, instanceFile: file, place: place)
        }
    }

    static func quantity(_ element: XMLElement, _ attribute: String, _ dimension: PhysicalDimension, _ file: String, _ place: String? = nil) throws(ModelError) -> Double {
        let where_ = "\(place ?? "<\(element.tag)>") \(attribute)"
        guard let text = element.attribute(attribute) else { throw .file(file, location: where_, reason: "is missing") }
        do {
            return try PhysicalQuantity.parse(text, expected: dimension).siValue
        } catch {
            throw .file(file, location: where_, reason: error.description)
        }
    }
}

extension NeuroMLReader.Library {
    /// The attribute in the model's units (mV, ms, 1/ms, mS/cm², µF/cm²).
    fileprivate func modelQuantity(_ element: XMLElement, _ attribute: String, _ dimension: PhysicalDimension, _ file: String, _ place: String? = nil) throws(ModelError) -> Double {
        try NeuroMLReader.quantity(element, attribute, dimension, file, place) / dimension.modelUnitInSI
    }
}

extension VoltageFunction {
    /// The same function of V − `shift` (mV): NeuroML's vShift.
    func shifted(by shift: Double) -> VoltageFunction {
        guard shift != 0 else { return self }
        switch self {
        case let .exponential(r, mid, s): return .exponential(rate: r, midpoint: mid + shift, scale: s)
        case let .sigmoid(r, mid, s): return .sigmoid(rate: r, midpoint: mid + shift, scale: s)
        case let .expLinear(r, mid, s): return .expLinear(rate: r, midpoint: mid + shift, scale: s)
        case .constant: return self
        case let .expression(e, factor):
            let root = e.root.substitutingVoltage(.binary(.subtract, .voltage, .number(shift * 1e-3)))
            return .expression(RateExpression(root: root, source: e.source, voltageUnit: e.voltageUnit, valueUnit: e.valueUnit), valueFactor: factor)
        }
    }
}

extension ExpressionNode {
    /// The node with every voltage replaced by `replacement`.
    func substitutingVoltage(_ replacement: ExpressionNode) -> ExpressionNode {
        switch self {
        case .number: return self
        case .voltage: return replacement
        case let .negate(x): return .negate(x.substitutingVoltage(replacement))
        case let .binary(op, l, r): return .binary(op, l.substitutingVoltage(replacement), r.substitutingVoltage(replacement))
        case let .function(f, x): return .function(f, x.substitutingVoltage(replacement))
        case let .conditional(cases, otherwise):
            return .conditional(
                cases: cases.map { ConditionalCase(condition: $0.condition.substitutingVoltage(replacement), value: $0.value.substitutingVoltage(replacement)) },
                otherwise: otherwise.substitutingVoltage(replacement))
        }
    }
}

extension ExpressionCondition {
    func substitutingVoltage(_ replacement: ExpressionNode) -> ExpressionCondition {
        switch self {
        case let .compare(op, l, r): .compare(op, l.substitutingVoltage(replacement), r.substitutingVoltage(replacement))
        case let .and(a, b): .and(a.substitutingVoltage(replacement), b.substitutingVoltage(replacement))
        case let .or(a, b): .or(a.substitutingVoltage(replacement), b.substitutingVoltage(replacement))
        case let .not(a): .not(a.substitutingVoltage(replacement))
        }
    }
}

extension XMLElement {
    /// The attribute `name` (unqualified; `attribute(forName:)` misses it
    /// in a document with a default namespace).
    func attribute(_ name: String) -> String? {
        (attributes ?? []).first { $0.name == name || $0.localName == name }?.stringValue
    }

    /// The element's name; empty when the parser has none for it (a name
    /// that is not UTF-8).
    var tag: String { name ?? "" }

    var childElements: [XMLElement] { (children ?? []).compactMap { $0 as? XMLElement } }

    /// Every element below this one, depth first, in document order.
    var descendants: [XMLElement] {
        childElements.flatMap { [$0] + $0.descendants }
    }

    func elements(named name: String) -> [XMLElement] { descendants.filter { $0.name == name } }
}
