import Foundation

/// The `neurodyn-model/1` JSON format: a single-compartment conductance-based
/// neuron with every value written with its unit (see docs/formats.md).
///
/// ```json
/// {"format": "neurodyn-model/1", "name": "hh1952", "capacitance": "1 uF_per_cm2",
///  "channels": [{"name": "na", "conductance": "120 mS_per_cm2", "reversal": "120 mV",
///                "gates": [{"name": "m", "exponent": 3,
///                           "alpha": {"form": "exp_linear", "rate": "1 per_ms", "midpoint": "25 mV", "scale": "10 mV"},
///                           "beta": {"form": "exponential", "rate": "4 per_ms", "midpoint": "0 mV", "scale": "-18 mV"}}, …]}]}
/// ```
public enum NeuronModelFile {
    /// The format identifier.
    public static let formatIdentifier = "neurodyn-model/1"

    /// Reads a model from JSON `data`; `fileName` goes into messages.
    ///
    /// - Throws: ``ModelError/file(_:location:reason:)`` naming the key.
    public static func read(_ data: Data, fileName: String) throws(ModelError) -> NeuronModel {
        var reader = Reader(file: fileName)
        return try reader.model(try reader.parse(data))
    }

    /// The model as JSON (sorted keys, indented): what `read` reads back.
    public static func write(_ model: NeuronModel) -> Data {
        var root = object(model)
        root["format"] = formatIdentifier
        return json(root)
    }

    /// `root` as JSON (sorted keys, indented).
    static func json(_ root: [String: Any]) -> Data {
        do {
            return try JSONSerialization.data(withJSONObject: root, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
        } catch {
            preconditionFailure("a model of strings and numbers is valid JSON: \(error)")
        }
    }

    /// The model's keys, without `format`.
    static func object(_ model: NeuronModel) -> [String: Any] {
        var root: [String: Any] = [
            "name": model.name, "summary": model.summary,
            "capacitance": "\(model.capacitance) uF_per_cm2",
            "channels": model.channels.map { channel -> [String: Any] in
                var object: [String: Any] = [
                    "name": channel.name, "conductance": "\(channel.conductance) mS_per_cm2",
                    "reversal": "\(channel.reversal) mV",
                ]
                if !channel.gates.isEmpty {
                    object["gates"] = channel.gates.map { gate -> [String: Any] in
                        var g: [String: Any] = ["name": gate.name, "exponent": gate.exponent]
                        // A whole number as a number; any other as a string, which
                        // reads back to the last bit (a JSON number may not).
                        if gate.rateFactor != 1 {
                            g["rate_factor"] = gate.rateFactor == gate.rateFactor.rounded() ? gate.rateFactor as Any : "\(gate.rateFactor)"
                        }
                        if gate.instantaneous { g["instantaneous"] = true }
                        let k = gate.kinetics
                        if let f = k.alpha { g["alpha"] = function(f, unit: "per_ms") }
                        if let f = k.beta { g["beta"] = function(f, unit: "per_ms") }
                        if let f = k.steadyState { g["steady_state"] = function(f, unit: "") }
                        if let f = k.timeConstant { g["time_constant"] = function(f, unit: "ms") }
                        return g
                    }
                }
                return object
            },
        ]
        if let origin = model.voltageOrigin { root["voltage_origin"] = "\(origin) mV" }
        return root
    }

    private static func function(_ f: VoltageFunction, unit: String) -> [String: Any] {
        func q(_ value: Double) -> String { unit.isEmpty ? "\(value)" : "\(value) \(unit)" }
        switch f {
        case let .exponential(r, mid, s):
            return ["form": "exponential", "rate": q(r), "midpoint": "\(mid) mV", "scale": "\(s) mV"]
        case let .sigmoid(r, mid, s):
            return ["form": "sigmoid", "rate": q(r), "midpoint": "\(mid) mV", "scale": "\(s) mV"]
        case let .expLinear(r, mid, s):
            return ["form": "exp_linear", "rate": q(r), "midpoint": "\(mid) mV", "scale": "\(s) mV"]
        case let .constant(r):
            return ["form": "constant", "rate": q(r)]
        case let .expression(e, _):
            return ["expression": e.source, "voltage_unit": e.voltageUnit.isEmpty ? "V" : e.voltageUnit, "unit": e.valueUnit]
        }
    }

    /// Walks the decoded JSON, keeping the path of keys for messages.
    struct Reader {
        let file: String

        func fail(_ path: String, _ reason: String) -> ModelError { .file(file, location: path, reason: reason) }

        /// `data` decoded as JSON.
        func parse(_ data: Data) throws(ModelError) -> Any {
            do {
                return try JSONSerialization.jsonObject(with: data)
            } catch {
                throw fail("", "not valid JSON (\(data.isEmpty ? "the file is empty" : "it breaks off or has a syntax error"))")
            }
        }

        /// Whether a decoded JSON value is true or false: JSONSerialization
        /// makes both of the class `NSNumber(value: true)` has (`is Bool`
        /// also holds for its numbers 0 and 1).
        func isBoolean(_ value: Any) -> Bool {
            type(of: value) == Bool.self || type(of: value) == type(of: NSNumber(value: true))
        }

        func object(_ value: Any?, _ path: String) throws(ModelError) -> [String: Any] {
            guard let value else { throw fail(path, "is missing") }
            guard let object = value as? [String: Any] else { throw fail(path, "must be an object") }
            return object
        }

        func string(_ value: Any?, _ path: String) throws(ModelError) -> String {
            guard let value else { throw fail(path, "is missing") }
            guard let string = value as? String else { throw fail(path, "must be a string") }
            return string
        }

        func number(_ value: Any?, _ path: String) throws(ModelError) -> Double {
            guard let value else { throw fail(path, "is missing") }
            guard let number = value as? NSNumber, !isBoolean(value), number.doubleValue.isFinite else {
                throw fail(path, "must be a finite number")
            }
            return number.doubleValue
        }

        /// A quantity in the model's units: mV, ms, 1/ms, mS/cm², µF/cm² (or 1).
        func quantity(_ value: Any?, _ path: String, _ dimension: PhysicalDimension) throws(ModelError) -> Double {
            if dimension == .dimensionless, let value, !(value is String) { return try number(value, path) }
            let text = try string(value, path)
            do {
                return try PhysicalQuantity.parse(text, expected: dimension).siValue / dimension.modelUnitInSI
            } catch {
                throw fail(path, error.description)
            }
        }

        mutating func model(_ value: Any) throws(ModelError) -> NeuronModel {
            let root = try object(value, "the document")
            try checkFormat(root, NeuronModelFile.formatIdentifier)
            let model = try neuron(root, at: "")
            do {
                try model.validate()
            } catch {
                throw fail("", error.description)
            }
            return model
        }

        func checkFormat(_ root: [String: Any], _ identifier: String) throws(ModelError) {
            let format = try string(root["format"], "format")
            guard format == identifier else {
                throw fail("format", "\"\(format)\" is not supported (expected \"\(identifier)\")")
            }
        }

        /// The neuron of `root` (its name, summary, capacitance, channels and
        /// voltage origin), keys named after `prefix` (`parts[1].`) in messages.
        func neuron(_ root: [String: Any], at prefix: String, name defaultName: String? = nil) throws(ModelError) -> NeuronModel {
            guard let list = root["channels"] as? [Any] else {
                throw fail("\(prefix)channels", root["channels"] == nil ? "is missing" : "must be a list")
            }
            var channels: [NeuronModel.Channel] = []
            for (i, entry) in list.enumerated() { channels.append(try channel(entry, "\(prefix)channels[\(i)]")) }
            let name = root["name"] == nil && defaultName != nil ? defaultName! : try string(root["name"], "\(prefix)name")
            return NeuronModel(
                name: name, summary: (root["summary"] as? String) ?? "",
                capacitance: try quantity(root["capacitance"], "\(prefix)capacitance", .capacitanceDensity),
                channels: channels,
                voltageOrigin: root["voltage_origin"] == nil
                    ? nil : try quantity(root["voltage_origin"], "\(prefix)voltage_origin", .voltage))
        }

        func channel(_ value: Any, _ path: String) throws(ModelError) -> NeuronModel.Channel {
            let o = try object(value, path)
            var gates: [NeuronModel.GateModel] = []
            if let list = o["gates"] {
                guard let list = list as? [Any] else { throw fail("\(path).gates", "must be a list") }
                for (i, entry) in list.enumerated() { gates.append(try gate(entry, "\(path).gates[\(i)]")) }
            }
            return NeuronModel.Channel(
                name: try string(o["name"], "\(path).name"),
                conductance: try quantity(o["conductance"], "\(path).conductance", .conductanceDensity),
                reversal: try quantity(o["reversal"], "\(path).reversal", .voltage), gates: gates)
        }

        func gate(_ value: Any, _ path: String) throws(ModelError) -> NeuronModel.GateModel {
            let o = try object(value, path)
            let exponentValue = try number(o["exponent"], "\(path).exponent")
            guard exponentValue >= 1, exponentValue <= 16, exponentValue == exponentValue.rounded() else {
                throw fail("\(path).exponent", "\(exponentValue) must be a whole number from 1 to 16")
            }
            func part(_ key: String, _ dimension: PhysicalDimension) throws(ModelError) -> VoltageFunction? {
                guard let entry = o[key] else { return nil }
                return try function(entry, "\(path).\(key)", dimension)
            }
            let kinetics = GateKinetics(
                alpha: try part("alpha", .perTime), beta: try part("beta", .perTime),
                steadyState: try part("steady_state", .dimensionless), timeConstant: try part("time_constant", .time))
            guard kinetics.isComplete else {
                throw fail(path, "needs alpha and beta, or steady_state and time_constant")
            }
            var factor = 1.0
            if let text = o["rate_factor"] as? String {
                guard let value = Double(text.trimmingCharacters(in: .whitespaces)), value.isFinite else {
                    throw fail("\(path).rate_factor", "\"\(text)\" is not a number")
                }
                factor = value
            } else if o["rate_factor"] != nil {
                factor = try number(o["rate_factor"], "\(path).rate_factor")
            }
            guard factor > 0 else { throw fail("\(path).rate_factor", "\(factor) must be > 0") }
            var instantaneous = false
            if let flag = o["instantaneous"] {
                guard isBoolean(flag), let flag = flag as? Bool else {
                    throw fail("\(path).instantaneous", "must be true or false")
                }
                instantaneous = flag
            }
            return NeuronModel.GateModel(
                name: try string(o["name"], "\(path).name"), exponent: Int(exponentValue), kinetics: kinetics,
                rateFactor: factor, instantaneous: instantaneous)
        }

        func function(_ value: Any, _ path: String, _ dimension: PhysicalDimension) throws(ModelError) -> VoltageFunction {
            let o = try object(value, path)
            if let source = o["expression"] {
                let text = try string(source, "\(path).expression")
                let voltageUnit = try string(o["voltage_unit"], "\(path).voltage_unit")
                let unit = dimension == .dimensionless ? (o["unit"] as? String ?? "") : try string(o["unit"], "\(path).unit")
                return try ExpressionReading.function(
                    text, voltageUnit: voltageUnit, valueUnit: unit, dimension: dimension,
                    fail: { (key, reason) in fail("\(path).\(key)", reason) })
            }
            let form = try string(o["form"], "\(path).form")
            if form == "constant" {
                return .constant(try quantity(o["rate"], "\(path).rate", dimension))
            }
            let rate = try quantity(o["rate"], "\(path).rate", dimension)
            let midpoint = try quantity(o["midpoint"], "\(path).midpoint", .voltage)
            let scale = try quantity(o["scale"], "\(path).scale", .voltage)
            guard scale != 0 else { throw fail("\(path).scale", "must not be 0") }
            switch form {
            case "exponential": return .exponential(rate: rate, midpoint: midpoint, scale: scale)
            case "sigmoid": return .sigmoid(rate: rate, midpoint: midpoint, scale: scale)
            case "exp_linear": return .expLinear(rate: rate, midpoint: midpoint, scale: scale)
            default:
                throw fail("\(path).form", "unknown form \"\(form)\" (known: exponential, sigmoid, exp_linear, constant, or an expression)")
            }
        }
    }
}

extension PhysicalDimension {
    /// One model unit in SI: mV, ms, 1/ms, mS/cm², µF/cm², µA/cm² (1 otherwise).
    var modelUnitInSI: Double {
        switch self {
        case .voltage: 1e-3
        case .time: 1e-3
        case .perTime: 1e3
        case .conductanceDensity: 10
        case .capacitanceDensity: 1e-2
        case .currentDensity: 1e-2
        default: 1
        }
    }
}

/// Turns an expression with a voltage variable `V` (or `v`) in `voltageUnit`
/// and a value in `valueUnit` into a ``VoltageFunction``.
enum ExpressionReading {
    static func function(
        _ text: String, voltageUnit: String, valueUnit: String, dimension: PhysicalDimension,
        fail: (String, String) -> ModelError
    ) throws(ModelError) -> VoltageFunction {
        guard let (vDimension, vFactor) = PhysicalQuantity.units[voltageUnit], vDimension == .voltage else {
            throw fail("voltage_unit", "\"\(voltageUnit)\" is not a unit of voltage (e.g. mV)")
        }
        var valueFactor = 1.0
        if !(dimension == .dimensionless && valueUnit.isEmpty) {
            guard let (found, factor) = PhysicalQuantity.units[valueUnit] else {
                throw fail("unit", "unknown unit \"\(valueUnit)\"")
            }
            guard found == dimension else {
                throw fail("unit", "\"\(valueUnit)\" is a \(found.rawValue), expected a \(dimension.rawValue) (e.g. \(dimension.example))")
            }
            valueFactor = factor
        }
        let scaledVoltage = ExpressionNode.binary(.divide, .voltage, .number(vFactor))
        let node: ExpressionNode
        do {
            node = try ExpressionParser.expression(text) { name in
                name == "V" || name == "v" ? scaledVoltage : nil
            }
        } catch {
            throw fail("expression", "\"\(text)\" \(error.description)")
        }
        let root = ExpressionNode.binary(.multiply, .number(valueFactor), node)
        return .expression(
            RateExpression(root: root, source: text, voltageUnit: voltageUnit, valueUnit: valueUnit),
            valueFactor: 1 / dimension.modelUnitInSI)
    }
}
