// libFuzzer entry point for the model-file readers: NeuronModelFile.read
// (neurodyn-model/1 JSON), NeuroMLReader through NeuronModel.load (NeuroML 2
// with includes and LEMS ComponentTypes), and ExpressionParser directly.
//
// The input picks the reader by its first bytes:
//   "=" expression  the rest is an arithmetic expression for ExpressionParser.expression
//   "?" condition   the rest is a condition for ExpressionParser.condition
//   "<" (after spaces, as NeuronModel.load decides) NeuroML 2, read from a file
//   anything else   neurodyn-model/1 JSON
//
// Properties checked (a violation calls fatalError, which libFuzzer reports
// as a crash; a reader that traps or hangs is a crash or timeout by itself):
//   - every refusal is a ModelError (typed throws) whose description is not
//     empty and holds no line break (Character.isNewline);
//   - an accepted model passes validate(), and no expression of it holds a
//     NaN constant (a file cannot write one; it marks a name that failed);
//   - JSON: write(model) reads back to an equal model (==; a value goes
//     through SI and back, which has held exactly; a failure says whether
//     the difference is within 1e-12 relative);
//   - NeuroML: reading the file as FILE#hh_cell gives the same model when the
//     file's only cell is hh_cell; the model can be written as JSON, and, when
//     it has no expression and exponents of at most 16, read back equal;
//   - chipTarget() throws a ModelError or returns;
//   - expressions: the parsed tree evaluates without trapping, and "(" text ")"
//     parses to the same tree ("-(" text ")" to its negation, ".not. (" text
//     ")" to the negated condition), unless the added level passes the
//     parser's nesting limit.
//
// Environment: FUZZ_VERBOSE, FUZZ_TRUST_INPUT, FUZZ_NEUROML_DIR (described
// where they are read, below).

import Foundation
import NeuroDynChip

#if canImport(FoundationXML)
    import FoundationXML
#endif

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ start: UnsafeRawPointer?, _ count: Int) -> CInt {
    let data = start.map { Data(bytes: $0, count: count) } ?? Data()
    switch data.first {
    case UInt8(ascii: "="): fuzzExpression(String(decoding: data.dropFirst(), as: UTF8.self))
    case UInt8(ascii: "?"): fuzzCondition(String(decoding: data.dropFirst(), as: UTF8.self))
    default:
        // The test NeuronModel.load applies: the first byte that is not a space is "<".
        let first = data.first { !($0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09) }
        if first == UInt8(ascii: "<") { fuzzNeuroML(data) } else { fuzzJSON(data) }
    }
    return 0
}

/// FUZZ_VERBOSE=1 prints, for each input, what the reader did (for replaying
/// seeds or a crashing input; slows fuzzing).
private let environment = ProcessInfo.processInfo.environment
private let verbose = environment["FUZZ_VERBOSE"] != nil
/// FUZZ_TRUST_INPUT=1 passes NeuroML inputs to the reader without the checks
/// of ``safeNeuroML(_:)``, for replaying a saved input only: the reader
/// follows includes anywhere (and resolved external entities before
/// ae11304), so a fuzzed input could make it open any file or device.
private let trustInput = environment["FUZZ_TRUST_INPUT"] != nil

// MARK: JSON

private func fuzzJSON(_ data: Data) {
    let model: NeuronModel
    do {
        model = try NeuronModelFile.read(data, fileName: "input.json")
    } catch {
        checkDescription(error.description, "read")
        if verbose { print("JSON refused: \(error)") }
        return
    }
    if verbose { print("JSON accepted: \(model.name), \(model.channels.count) channels") }
    checkValid(model, "JSON")

    checkJSONRoundTrip(model, "JSON")
    checkChipTarget(model, "JSON")
}

/// `model` written as neurodyn-model/1 must read back as itself.
private func checkJSONRoundTrip(_ model: NeuronModel, _ label: String) {
    let written = NeuronModelFile.write(model)
    let again: NeuronModel
    do {
        again = try NeuronModelFile.read(written, fileName: "written.json")
    } catch {
        fatalError("\(label): the JSON form of an accepted model is refused: \(error)\n\(text(written))")
    }
    guard again == model else {
        fatalError("\(label): the JSON form reads back as another model: \(describe(model, again))\n\(text(written))")
    }
}

// MARK: NeuroML

/// A folder of this process with copies of models/neuroml/*.nml, so that
/// the input, written next to them, can include them. Made once.
private let folder: URL = {
    let source = environment["FUZZ_NEUROML_DIR"].map { URL(fileURLWithPath: $0) }
        ?? URL(fileURLWithPath: #filePath)  // Fuzz/Sources/ModelFileFuzzer/this file
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("models/neuroml")
    let folder = FileManager.default.temporaryDirectory
        .appendingPathComponent("ndfit-model-fuzz-\(ProcessInfo.processInfo.processIdentifier)")
        .standardizedFileURL
    do {
        try? FileManager.default.removeItem(at: folder)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let files = try FileManager.default.contentsOfDirectory(atPath: source.path).filter { $0.hasSuffix(".nml") }
        guard files.contains("k_hh.channel.nml"), files.contains("na_lems.channel.nml") else {
            fatalError("no channel files in \(source.path) (set FUZZ_NEUROML_DIR to models/neuroml)")
        }
        for file in files {
            try FileManager.default.copyItem(
                at: source.appendingPathComponent(file), to: folder.appendingPathComponent(file))
        }
    } catch {
        fatalError("cannot prepare \(folder.path): \(error)")
    }
    folderPath = strdup(folder.path)
    atexit {
        // libFuzzer ends a timed run with exit(); remove the folder then.
        if let path = folderPath { _ = FileManager.default.removeItemIfPresent(atPath: String(cString: path)) }
    }
    return folder
}()
nonisolated(unsafe) private var folderPath: UnsafeMutablePointer<CChar>?
private let input: URL = folder.appendingPathComponent("input.nml")

extension FileManager {
    fileprivate func removeItemIfPresent(atPath path: String) -> Bool { (try? removeItem(atPath: path)) != nil }
}

private func fuzzNeuroML(_ data: Data) {
    guard trustInput || safeNeuroML(data) else {
        if verbose { print("NeuroML skipped: it could name a file outside the fuzzer's folder") }
        return
    }
    do {
        try data.write(to: input)
    } catch {
        fatalError("cannot write \(input.path): \(error)")
    }
    let model: NeuronModel?
    do {
        model = try NeuronModel.load(input.path)
    } catch {
        checkDescription(error.description, "load")
        if verbose { print("NeuroML refused: \(error)") }
        model = nil
    }
    // The same file with the cell named (when the name is in the file:
    // otherwise it is refused as the first read was, only slower).
    var named: NeuronModel?
    if data.range(of: Data("hh_cell".utf8)) != nil {
        do {
            named = try NeuronModel.load(input.path + "#hh_cell")
        } catch {
            checkDescription(error.description, "load FILE#hh_cell")
        }
    }
    if let named { checkValid(named, "NeuroML#hh_cell") }
    guard let model else { return }
    if verbose { print("NeuroML accepted: \(model.name), \(model.channels.count) channels") }
    checkValid(model, "NeuroML")
    if model.name == "hh_cell" && data.range(of: Data("hh_cell".utf8)) != nil {
        guard let named else { fatalError("NeuroML: the only cell, hh_cell, is refused when named") }
        guard named == model else { fatalError("NeuroML: FILE#hh_cell gives another model than FILE\n\(named)\n\(model)") }
    }

    // A NeuroML model can be saved as neurodyn-model/1. Expressions are
    // written by their source (a ComponentType's name, not an expression)
    // and NeuroML allows any number of instances, JSON 1 to 16: only models
    // without either must read back.
    let gates = model.channels.flatMap(\.gates)
    let hasExpression = gates.contains { gate in
        [gate.kinetics.alpha, gate.kinetics.beta, gate.kinetics.steadyState, gate.kinetics.timeConstant]
            .contains { if case .expression = $0 { true } else { false } }
    }
    if !hasExpression && gates.allSatisfy({ $0.exponent <= 16 }) { checkJSONRoundTrip(model, "NeuroML") }
    checkChipTarget(model, "NeuroML")
}

/// Whether the reader may have the input, decided without the reader: no
/// DOCTYPE (the reader resolved external entities before ae11304) and no
/// include that leaves the fuzzer's folder (it could name a device or a
/// large file), by a parse that loads nothing external. Bytes for which
/// that parse could crash Foundation (``mayGiveNoDocument(_:)``), or which it
/// refuses, go to the reader only if they can hold no declaration and no
/// include (no "!", no "nclude").
private func safeNeuroML(_ data: Data) -> Bool {
    func plain() -> Bool {
        data.firstIndex(of: UInt8(ascii: "!")) == nil && data.range(of: Data("nclude".utf8)) == nil
    }
    if mayGiveNoDocument(data) { return plain() }
    guard let document = try? XMLDocument(data: data, options: [.nodeLoadExternalEntitiesNever]) else {
        return plain()
    }
    if (document.children ?? []).contains(where: { $0.kind == .DTDKind }) { return false }
    var stack: [XMLElement] = document.rootElement().map { [$0] } ?? []
    while let element = stack.popLast() {
        stack.append(contentsOf: (element.children ?? []).compactMap { $0 as? XMLElement })
        let name = element.name ?? ""
        guard name == "include" || name == "Include" else { continue }
        // As NeuroMLReader resolves an include (an attribute by name or local name).
        let key = name == "include" ? "href" : "file"
        guard let href = (element.attributes ?? []).first(where: { $0.name == key || $0.localName == key })?.stringValue,
            !href.isEmpty,
            !(href.hasPrefix("NeuroML2CoreTypes/") || href.hasPrefix("Cells.xml") || href.hasPrefix("Channels.xml"))
        else { continue }
        let target = URL(fileURLWithPath: href, relativeTo: input.standardizedFileURL.deletingLastPathComponent())
            .standardizedFileURL
        guard target.deletingLastPathComponent().path == folder.path, target.lastPathComponent != ".." else {
            return false
        }
    }
    return true
}

/// Whether libxml2 may give no document for the bytes, which
/// XMLDocument(data:) on Linux then dereferences (a null pointer, SEGV): a
/// NUL byte among the first four (libxml2 then guesses UTF-16 or UCS-4 from
/// them), or a declared encoding other than UTF-8, ISO-8859-1 or ASCII
/// (`encoding` followed by another name, or written in UTF-16).
private func mayGiveNoDocument(_ data: Data) -> Bool {
    if data.prefix(4).contains(0) { return true }
    if data.range(of: Data("e\0n\0c\0o\0d\0i\0n\0g".utf8)) != nil { return true }
    let known: Set<String> = ["utf-8", "utf8", "iso-8859-1", "iso_8859-1", "latin1", "us-ascii", "ascii"]
    let bytes = [UInt8](data)
    var from = bytes.startIndex
    while let found = data.range(of: Data("encoding".utf8), in: from..<bytes.endIndex) {
        var i = found.upperBound
        func skipSpaces() { while i < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[i]) { i += 1 } }
        skipSpaces()
        guard i < bytes.count, bytes[i] == UInt8(ascii: "=") else { from = found.upperBound; continue }
        i += 1
        skipSpaces()
        guard i < bytes.count, bytes[i] == UInt8(ascii: "\"") || bytes[i] == UInt8(ascii: "'") else { return true }
        let quote = bytes[i]
        guard let end = bytes[(i + 1)...].firstIndex(of: quote) else { return true }
        if !known.contains(String(decoding: bytes[(i + 1)..<end], as: UTF8.self).lowercased()) { return true }
        from = end
    }
    return false
}

// MARK: Expressions

/// Names an expression may use: the voltage, a constant, and names that
/// stand for a derived expression and a conditional.
private func resolve(_ name: String) -> ExpressionNode? {
    switch name {
    case "v", "V": .voltage
    case "a": .number(2)
    case "b": .binary(.multiply, .voltage, .number(1000))
    case "c":
        .conditional(
            cases: [.init(condition: .compare(.less, .voltage, .number(0)), value: .number(1))],
            otherwise: .function(.exp, .voltage))
    default: nil
    }
}

private let voltages: [Double] = [-0.1, -0.065, -1e-9, 0, 1e-9, 0.04, 1, .infinity, -.infinity, .nan]

/// Whether `error` is one of the parser's depth limits, which a text wrapped
/// in parentheses or a sign can reach when the text itself did not.
private func isDepthLimit(_ error: ExpressionError) -> Bool {
    switch error {
    case .tooDeep, .tooLong: true
    default: false
    }
}

private func fuzzExpression(_ source: String) {
    let node: ExpressionNode
    do {
        node = try ExpressionParser.expression(source, resolve: resolve)
    } catch {
        checkDescription(error.description, "expression")
        if verbose { print("expression refused: \(error)") }
        return
    }
    guard !hasNaN(node) else { fatalError("a NaN constant in \(source): \(node)") }
    for v in voltages { _ = node.value(voltage: v) }
    _ = node.dependsOnVoltage
    _ = RateExpression(root: node, source: source).value(at: -0.065)
    do {
        let wrapped = try ExpressionParser.expression("(" + source + ")", resolve: resolve)
        guard wrapped == node else { fatalError("(\(source)) parses to another tree\n\(wrapped)\n\(node)") }
        let negated = try ExpressionParser.expression("-(" + source + ")", resolve: resolve)
        guard negated == .negate(node) else { fatalError("-(\(source)) is not the negation\n\(negated)\n\(node)") }
    } catch {
        // The parentheses and the sign nest deeper; past the parser's
        // limits (nesting, or the tree's depth) that is refused.
        if !isDepthLimit(error) { fatalError("\(source) parses but not in parentheses: \(error)") }
    }
    if verbose { print("expression accepted: \(node)") }
}

private func fuzzCondition(_ source: String) {
    let condition: ExpressionCondition
    do {
        condition = try ExpressionParser.condition(source, resolve: resolve)
    } catch {
        checkDescription(error.description, "condition")
        if verbose { print("condition refused: \(error)") }
        return
    }
    guard !hasNaN(condition) else { fatalError("a NaN constant in \(source): \(condition)") }
    let node = ExpressionNode.conditional(cases: [.init(condition: condition, value: .number(1))], otherwise: .number(0))
    for v in voltages { _ = node.value(voltage: v) }
    _ = node.dependsOnVoltage
    do {
        let wrapped = try ExpressionParser.condition("(" + source + ")", resolve: resolve)
        guard wrapped == condition else { fatalError("(\(source)) parses to another condition\n\(wrapped)\n\(condition)") }
        let negated = try ExpressionParser.condition(".not. (" + source + ")", resolve: resolve)
        guard negated == .not(condition) else { fatalError(".not. (\(source)) is not the negation\n\(negated)\n\(condition)") }
    } catch {
        if !isDepthLimit(error) { fatalError("\(source) parses but not in parentheses: \(error)") }
    }
    if verbose { print("condition accepted: \(condition)") }
}

// MARK: Shared checks

private func checkValid(_ model: NeuronModel, _ reader: String) {
    do {
        try model.validate()
    } catch {
        fatalError("\(reader): an accepted model fails validate(): \(error)\n\(model)")
    }
    // No number a file can write parses as NaN; one in a tree stands for a
    // name that failed to resolve.
    for channel in model.channels {
        for gate in channel.gates {
            let k = gate.kinetics
            for case let .expression(e, _)? in [k.alpha, k.beta, k.steadyState, k.timeConstant] where hasNaN(e.root) {
                fatalError("\(reader): channel \(channel.name), gate \(gate.name): a NaN constant in \(e.source): \(e.root)")
            }
        }
    }
}

private func hasNaN(_ node: ExpressionNode) -> Bool {
    switch node {
    case let .number(x): x.isNaN
    case .voltage: false
    case let .negate(x), let .function(_, x): hasNaN(x)
    case let .binary(_, l, r): hasNaN(l) || hasNaN(r)
    case let .conditional(cases, otherwise):
        hasNaN(otherwise) || cases.contains { hasNaN($0.condition) || hasNaN($0.value) }
    }
}

private func hasNaN(_ condition: ExpressionCondition) -> Bool {
    switch condition {
    case let .compare(_, l, r): hasNaN(l) || hasNaN(r)
    case let .and(a, b), let .or(a, b): hasNaN(a) || hasNaN(b)
    case let .not(a): hasNaN(a)
    }
}

private func checkChipTarget(_ model: NeuronModel, _ reader: String) {
    do {
        _ = try model.chipTarget()
        if verbose { print("\(reader): chipTarget() holds the model") }
    } catch {
        checkDescription(error.description, "\(reader) chipTarget()")
        if verbose { print("\(reader): chipTarget() refuses: \(error)") }
    }
}

/// An error (a ModelError or ExpressionError, by the typed throws) must be
/// fit for one line of output.
private func checkDescription(_ description: String, _ context: String) {
    guard !description.isEmpty else { fatalError("\(context): an error with an empty description") }
    if description.contains(where: \.isNewline) {
        fatalError("\(context): an error description with a line break: \(description.debugDescription)")
    }
}

private func text(_ data: Data) -> String { String(decoding: data, as: UTF8.self) }

// MARK: Differences

/// Where two models that are not == differ, and whether only in the last
/// bits of numbers.
private func describe(_ a: NeuronModel, _ b: NeuronModel) -> String {
    let first = difference(a, b, tolerance: 0) ?? "in a part not compared field by field"
    return difference(a, b, tolerance: 1e-12) == nil ? "\(first) (within 1e-12 relative)" : first
}

/// Where `b` differs from `a` beyond `tolerance` relative (and, when the
/// tolerance is not 0, 1e-300 absolute for values that went subnormal in
/// SI), or nil.
private func difference(_ a: NeuronModel, _ b: NeuronModel, tolerance: Double) -> String? {
    func near(_ x: Double, _ y: Double) -> Bool {
        x == y || (tolerance > 0 && abs(x - y) <= tolerance * max(abs(x), abs(y)) + 1e-300)
    }
    func near(_ f: VoltageFunction?, _ g: VoltageFunction?) -> Bool {
        switch (f, g) {
        case (nil, nil): true
        case let (.exponential(r, m, s)?, .exponential(r2, m2, s2)?),
            let (.sigmoid(r, m, s)?, .sigmoid(r2, m2, s2)?),
            let (.expLinear(r, m, s)?, .expLinear(r2, m2, s2)?):
            near(r, r2) && near(m, m2) && near(s, s2)
        case let (.constant(r)?, .constant(r2)?): near(r, r2)
        case let (.expression(e, k)?, .expression(e2, k2)?): e == e2 && near(k, k2)
        default: false
        }
    }
    if a.name != b.name { return "name \(a.name.debugDescription) ≠ \(b.name.debugDescription)" }
    if a.summary != b.summary { return "summary \(a.summary.debugDescription) ≠ \(b.summary.debugDescription)" }
    if !near(a.capacitance, b.capacitance) { return "capacitance \(a.capacitance) ≠ \(b.capacitance)" }
    switch (a.voltageOrigin, b.voltageOrigin) {
    case (nil, nil): break
    case let (x?, y?) where near(x, y): break
    default: return "voltage origin \(String(describing: a.voltageOrigin)) ≠ \(String(describing: b.voltageOrigin))"
    }
    guard a.channels.count == b.channels.count else { return "\(a.channels.count) ≠ \(b.channels.count) channels" }
    for (c, d) in zip(a.channels, b.channels) {
        let at = "channel \(c.name)"
        if c.name != d.name { return "\(at): name ≠ \(d.name)" }
        if !near(c.conductance, d.conductance) { return "\(at): conductance \(c.conductance) ≠ \(d.conductance)" }
        if !near(c.reversal, d.reversal) { return "\(at): reversal \(c.reversal) ≠ \(d.reversal)" }
        guard c.gates.count == d.gates.count else { return "\(at): \(c.gates.count) ≠ \(d.gates.count) gates" }
        for (g, h) in zip(c.gates, d.gates) {
            let at = "\(at) gate \(g.name)"
            if g.name != h.name || g.exponent != h.exponent || g.instantaneous != h.instantaneous {
                return "\(at): \(g) ≠ \(h)"
            }
            if !near(g.rateFactor, h.rateFactor) { return "\(at): rate factor \(g.rateFactor) ≠ \(h.rateFactor)" }
            let parts: [(String, VoltageFunction?, VoltageFunction?)] = [
                ("alpha", g.kinetics.alpha, h.kinetics.alpha), ("beta", g.kinetics.beta, h.kinetics.beta),
                ("steady state", g.kinetics.steadyState, h.kinetics.steadyState),
                ("time constant", g.kinetics.timeConstant, h.kinetics.timeConstant),
            ]
            for (part, x, y) in parts where !near(x, y) {
                return "\(at) \(part): \(String(describing: x)) ≠ \(String(describing: y))"
            }
        }
    }
    return nil
}
