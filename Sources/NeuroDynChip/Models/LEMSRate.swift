import Foundation

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// A LEMS `ComponentType` that defines a voltage-dependent rate (`r`,
/// extending `baseVoltageDepRate`), variable (`x`, `baseVoltageDepVariable`)
/// or time course (`t`, `baseVoltageDepTime`), evaluated in SI: the membrane
/// voltage `v` in volts, `Constant`s and `Parameter`s in SI, derived
/// variables (and conditional ones, by their `Case`s) inlined.
struct LEMSRate {
    let definition: XMLElement
    let file: String
    /// The dimension the using element needs: 1/time, time or none.
    let role: PhysicalDimension

    private var typeName: String { definition.attribute("name") ?? "?" }

    func function(instance: XMLElement, instanceFile: String, place: String) throws(ModelError) -> VoltageFunction {
        let where_ = "ComponentType \(typeName)"
        let base = definition.attribute("extends") ?? ""
        let exposures: [String: (String, PhysicalDimension)] = [
            "baseVoltageDepRate": ("r", .perTime), "baseVoltageDepVariable": ("x", .dimensionless),
            "baseVoltageDepTime": ("t", .time),
        ]
        guard let (exposed, dimension) = exposures[base] else {
            if base.contains("Conc") {
                throw .notHoldable("\(file): \(where_): extends \(base): a concentration-dependent rate")
            }
            throw .file(file, location: "\(where_) extends", reason: "\"\(base)\" is not baseVoltageDepRate, baseVoltageDepVariable or baseVoltageDepTime")
        }
        guard dimension == role else {
            throw .file(instanceFile, location: "\(place) type", reason: "\(typeName) gives a \(dimension.rawValue); this element needs a \(role.rawValue)")
        }
        let resolver = Resolver(file: file, where_: where_)
        resolver.names["v"] = .voltage
        for constant in definition.elements(named: "Constant") {
            guard let name = constant.attribute("name") else { continue }
            let value = try valueWithDimension(constant, file: file, place: "\(where_) Constant \(name)")
            resolver.names[name] = .number(value)
        }
        for parameter in definition.elements(named: "Parameter") {
            guard let name = parameter.attribute("name") else { continue }
            let dimensionName = parameter.attribute("dimension") ?? "none"
            guard let parameterDimension = PhysicalDimension(lemsName: dimensionName) else {
                throw .file(file, location: "\(where_) Parameter \(name) dimension", reason: "unknown dimension \"\(dimensionName)\"")
            }
            let value = try NeuroMLReader.quantity(instance, name, parameterDimension, instanceFile, place)
            resolver.names[name] = .number(value)
        }
        for requirement in definition.elements(named: "Requirement") {
            let name = requirement.attribute("name") ?? "?"
            resolver.refused[name] = name == "temperature"
                ? "depends on the temperature, which a single cell does not fix"
                : "depends on \(name), which the chip cannot provide"
        }
        for variable in definition.elements(named: "DerivedVariable") + definition.elements(named: "ConditionalDerivedVariable") {
            guard let name = variable.attribute("name") else { continue }
            resolver.definitions[name] = variable
        }
        guard resolver.definitions[exposed] != nil else {
            throw .file(file, location: where_, reason: "defines no derived variable \(exposed) (the exposure of \(base))")
        }
        let root = try resolver.node(exposed)
        // The expression gives SI; the model's unit is 1/ms, ms or 1.
        return .expression(
            RateExpression(root: root, source: "\(typeName).\(exposed)", voltageUnit: "V", valueUnit: role.lemsName),
            valueFactor: 1 / role.modelUnitInSI)
    }

    /// A Constant's value in SI, checked against its declared dimension.
    private func valueWithDimension(_ element: XMLElement, file: String, place: String) throws(ModelError) -> Double {
        let dimensionName = element.attribute("dimension") ?? "none"
        guard let dimension = PhysicalDimension(lemsName: dimensionName) else {
            throw .file(file, location: "\(place) dimension", reason: "unknown dimension \"\(dimensionName)\"")
        }
        return try NeuroMLReader.quantity(element, "value", dimension, file, place)
    }

    /// Parses derived variables on demand, each once, refusing cycles.
    private final class Resolver {
        let file: String
        let where_: String
        var names: [String: ExpressionNode] = [:]
        var refused: [String: String] = [:]
        var definitions: [String: XMLElement] = [:]
        var inProgress: Set<String> = []
        var failure: ModelError?

        init(file: String, where_: String) {
            self.file = file
            self.where_ = where_
        }

        func node(_ name: String) throws(ModelError) -> ExpressionNode {
            if let known = names[name] { return known }
            if let reason = refused[name] { throw .notHoldable("\(file): \(where_): \(reason)") }
            guard let definition = definitions[name] else {
                throw .file(file, location: where_, reason: "unknown name \(name)")
            }
            guard !inProgress.contains(name) else {
                throw .file(file, location: "\(where_) \(name)", reason: "is defined in terms of itself")
            }
            inProgress.insert(name)
            defer { inProgress.remove(name) }
            let node: ExpressionNode
            if definition.name == "ConditionalDerivedVariable" {
                var cases: [ExpressionNode.ConditionalCase] = []
                var otherwise: ExpressionNode?
                for (k, branch) in definition.elements(named: "Case").enumerated() {
                    let place = "\(where_) \(name) Case \(k + 1)"
                    let value = try parse(branch.attribute("value"), place: "\(place) value")
                    if let condition = branch.attribute("condition") {
                        cases.append(.init(condition: try parseCondition(condition, place: "\(place) condition"), value: value))
                    } else {
                        otherwise = value
                    }
                }
                guard let otherwise else {
                    throw .file(file, location: "\(where_) \(name)", reason: "needs a Case without a condition (the default)")
                }
                node = .conditional(cases: cases, otherwise: otherwise)
            } else {
                node = try parse(definition.attribute("value"), place: "\(where_) \(name) value")
            }
            names[name] = node
            return node
        }

        private func lookup(_ name: String) -> ExpressionNode? {
            do {
                return try node(name)
            } catch {
                if failure == nil { failure = error }
                return .number(.nan)
            }
        }

        private func parse(_ text: String?, place: String) throws(ModelError) -> ExpressionNode {
            guard let text else { throw .file(file, location: place, reason: "is missing") }
            return try parsing(text, place: place) { (text) throws(ExpressionError) in
                try ExpressionParser.expression(text) { [unowned self] in lookup($0) }
            }
        }

        private func parseCondition(_ text: String, place: String) throws(ModelError) -> ExpressionCondition {
            try parsing(text, place: place) { (text) throws(ExpressionError) in
                try ExpressionParser.condition(text) { [unowned self] in lookup($0) }
            }
        }

        /// Runs `parser` on `text`, whose names are looked up (and their own
        /// definitions parsed) through ``lookup(_:)``: the first name that
        /// fails is this text's failure. A definition parsed on the way keeps
        /// its own failure apart, so it can neither clear nor take this one.
        private func parsing<Result>(
            _ text: String, place: String, _ parser: (String) throws(ExpressionError) -> Result
        ) throws(ModelError) -> Result {
            let outer = failure
            failure = nil
            defer { failure = outer }
            let result: Result
            do {
                result = try parser(text)
            } catch {
                if let failure { throw failure }
                throw .file(file, location: place, reason: "\"\(text)\" \(error.description)")
            }
            if let failure { throw failure }
            return result
        }
    }
}
