import ArgumentParser
import Fitting
import Foundation
import NeuroDynChip

/// `ndfit board`: assembles a network register file (neurodyn-registers/2)
/// from neuron register files, synapses and gap junctions.
struct BoardCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "board",
        abstract: "Assemble a board (or any network) register file from neurons, synapses and gap junctions.",
        discussion: """
            Neurons come from register files (the first neuron of each; `default` is the default chip), \
            repeated --count times when one is given. Synapses are given as codes (--synapse, with the \
            published default kinetics) or as AMPA kinetics fitted onto the splines (--ampa, g in mS/cm² \
            and E in mV of the target, rest at 0): then every neuron must come from `ndfit fit --format json`, \
            the board's time scale σ_t is the largest any neuron or synapse needs, neurons are refitted at it, \
            and the report says which one set it. Board b holds neurons 4b…4b+3; synapses stay inside a board, \
            gap junctions may join any two neurons. --full lists all 12 synapses of every board (the full \
            384-code image). text prints a summary; json (implied by --output FILE.json) the register file.
            """)

    @Option(name: .customLong("neuron"), help: ArgumentHelp(
        "A neuron: the first neuron of a register file, or `default` for the default chip (repeatable, in network order).",
        valueName: "file"))
    var neurons: [String] = []

    @Option(help: ArgumentHelp("With one --neuron: how many copies of it (default 4, a board).", valueName: "n"))
    var count: Int?

    @Option(help: ArgumentHelp(
        "Record the mapping of this fitted register file (e.g. default-chip neurons with the published fit's mapping).",
        valueName: "file"))
    var mapping: String?

    @Option(name: .customLong("synapse"), help: ArgumentHelp(
        "A synapse from PRE to POST with conductance code DG and reversal code DE (default 130), published default kinetics (repeatable).",
        valueName: "PRE,POST,DG[,DE]"))
    var synapses: [String] = []

    @Option(name: .customLong("ampa"), help: ArgumentHelp(
        "An AMPA synapse from PRE to POST with conductance G (mS/cm²) and reversal E (mV) of the target, fitted onto the splines (repeatable).",
        valueName: "PRE,POST,G,E"))
    var ampa: [String] = []

    @Option(name: .customLong("gap"), help: ArgumentHelp(
        "A gap junction of conductance G (siemens) between neurons I and J (repeatable).", valueName: "I,J,G"))
    var gaps: [String] = []

    @Option(name: .customLong("synapse-current"), help: "Synaptic current: chip (the tanh conductance element) or linear (the published form).")
    var synapseCurrent: SynapseCurrentForm = .chip

    @Flag(help: "List all 12 synapses of every board (dg = 0 where none is given): the full 384-code image.")
    var full = false

    @Option(help: ArgumentHelp(
        "Output format: text or json (the register file). Default: json when --output names a .json file, text otherwise."))
    var format: ReportFormat?

    @OptionGroup var output: OutputOptions

    func validate() throws {
        guard !neurons.isEmpty else { throw ValidationError("give at least one --neuron (a register file, or `default`)") }
        if let count {
            guard neurons.count == 1 else { throw ValidationError("--count repeats a single --neuron; give one --neuron with it") }
            guard (1...RegisterFile.networkNeuronCapacity).contains(count) else {
                throw ValidationError("--count must be 1…\(RegisterFile.networkNeuronCapacity) (got \(count))")
            }
        }
        if let mapping, mapping.isEmpty { throw ValidationError("--mapping needs a file name") }
        if mapping != nil && !ampa.isEmpty {
            throw ValidationError("--mapping records a given mapping; with --ampa the board's fit sets it")
        }
        _ = try parsedSynapses()
        _ = try parsedAMPA()
        _ = try parsedGaps()
    }

    func run() throws {
        let loaded = try neurons.map(loadNeuron)
        let copies = count ?? (neurons.count == 1 ? 4 : 1)
        let sources = neurons.count == 1 ? Array(repeating: loaded[0], count: copies) : loaded
        let biases = sources[0].biases
        for (i, source) in sources.enumerated() where source.biases != biases {
            throw CommandFailure("neuron \(i) (\(source.name)) has other biases than neuron 0; a board shares one set")
        }
        var recorded: RegisterFile.Mapping?
        if let mapping {
            guard let found = try RegisterFileOption.read(mapping).mapping else {
                throw CommandFailure("\(mapping): the file has no mapping (write a fit with `ndfit fit --format json`)")
            }
            recorded = found
        } else {
            let mappings = sources.compactMap(\.mapping)
            if let first = mappings.first, mappings.contains(where: { $0 != first }) {
                throw CommandFailure("the neurons' files map the target differently; give --mapping to choose one")
            }
            recorded = mappings.first
        }
        let assembly = BoardAssembly(
            biases: biases,
            neurons: try sources.enumerated().map { i, source in
                if ampa.isEmpty { return .registers(source.registers) }
                guard let fitter = try source.fitter() else {
                    throw CommandFailure("--ampa fits onto the neurons' fits, and neuron \(i) (\(source.name)) has no fit record; write it with `ndfit fit --format json`")
                }
                return .fitted(fitter)
            },
            mapping: recorded, synapses: try parsedSynapses(), fittedSynapses: try parsedAMPA(),
            gapJunctions: try parsedGaps(), synapseCurrent: synapseCurrent, fillsBoards: full)
        let result: BoardAssembly.Result
        do {
            result = try assembly.assemble()
        } catch {
            throw CommandFailure(error.description)
        }
        switch format ?? output.impliedFormat {
        case .json:
            var data = try result.file.encoded()
            data.append(0x0A)
            try output.emit(data)
        case .text:
            try output.emit(Data(BoardText.summary(result).utf8))
        }
    }

    /// A neuron as loaded: its codes, biases, mapping and (lazily) its fitter.
    struct LoadedNeuron {
        let name: String
        let registers: NeuronRegisters
        let biases: ChipBiases
        let mapping: RegisterFile.Mapping?
        let data: Data?

        /// The fitter that wrote the file, or nil without a fit record.
        func fitter() throws -> HodgkinHuxleyFitter? {
            guard let data else { return nil }
            do {
                return try HodgkinHuxleyFitter.recorded(in: data)
            } catch {
                if case .fitNotRecorded = error { return nil }
                throw CommandFailure("\(name): \(error.description)")
            }
        }
    }

    private func loadNeuron(_ name: String) throws -> LoadedNeuron {
        if name == "default" {
            return LoadedNeuron(name: name, registers: .defaultChip, biases: .standard, mapping: nil, data: nil)
        }
        let (file, data) = try RegisterFileOption.decoded(name)
        try RegisterFileOption.refuseCompound(file, path: name)
        return LoadedNeuron(name: name, registers: file.neurons[0], biases: file.biases, mapping: file.mapping, data: data)
    }

    private func parsedSynapses() throws -> [SynapseRegisters] {
        try synapses.map { text in
            let parts = try Self.integers(text, option: "--synapse", shape: "PRE,POST,DG[,DE]", counts: [3, 4])
            let conductance: DigitalCode, reversal: SignedDigitalCode
            do {
                conductance = try DigitalCode(parts[2], register: "--synapse DG")
                reversal = try SignedDigitalCode(parts.count == 4 ? parts[3] : 130, register: "--synapse DE")
            } catch {
                throw ValidationError("\(error) (in \"\(text)\")")
            }
            return SynapseRegisters(
                pre: parts[0], post: parts[1], conductance: conductance, reversal: reversal,
                splines: SynapseRegisters.publishedDefault(pre: parts[0], post: parts[1]).splines)
        }
    }

    private func parsedAMPA() throws -> [SynapseFitter] {
        try ampa.map { text in
            let values = try StimulusOptions.numbers(text, count: 4, option: "--ampa", shape: "PRE,POST,G,E")
            guard let pre = Int(exactly: values[0]), let post = Int(exactly: values[1]), pre >= 0, post >= 0 else {
                throw ValidationError("--ampa PRE and POST must be neuron indices (in \"\(text)\")")
            }
            guard values[2] >= 0 else { throw ValidationError("--ampa G must be ≥ 0 mS/cm² (got \(values[2]))") }
            return SynapseFitter(pre: pre, post: post, kinetics: .ampa, conductance: values[2], reversal: values[3])
        }
    }

    private func parsedGaps() throws -> [GapJunction] {
        try gaps.map { text in
            let values = try StimulusOptions.numbers(text, count: 3, option: "--gap", shape: "I,J,G")
            guard let i = Int(exactly: values[0]), let j = Int(exactly: values[1]) else {
                throw ValidationError("--gap I and J must be neuron indices (in \"\(text)\")")
            }
            do {
                return try GapJunction(i, j, conductance: values[2])
            } catch {
                throw ValidationError("--gap \(text): \(error)")
            }
        }
    }

    static func integers(_ text: String, option: String, shape: String, counts: [Int]) throws -> [Int] {
        let parts = text.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
        guard counts.contains(parts.count) else {
            throw ValidationError("\(option) needs comma-separated integers \(shape) (got \"\(text)\")")
        }
        return try parts.map { part in
            guard let value = Int(part) else {
                throw ValidationError("\(option) value \"\(part)\" is not an integer (in \"\(text)\")")
            }
            return value
        }
    }
}

extension SynapseCurrentForm: ExpressibleByArgument {}

/// The text report of `ndfit board`.
enum BoardText {
    /// "1 synapse", "12 synapses".
    static func count(_ n: Int, _ noun: String) -> String { "\(n) \(noun)\(n == 1 ? "" : "s")" }

    static func summary(_ result: BoardAssembly.Result) -> String {
        let file = result.file
        var lines = [
            "\(file.format): " + count(file.neurons.count, "neuron") + ", " + count(file.synapses.count, "synapse")
                + " (\(file.synapseCurrent.rawValue) current), " + count(file.gapJunctions.count, "gap junction")
                + ", \(file.codeCount) codes",
        ]
        if let mapping = file.mapping {
            lines.append(String(format: "mapping: scl_v %g, scl_t %.6g, current gain %.6g A per A/cm², voltage offset %.6g V",
                                mapping.voltageScale, mapping.speedUp, mapping.currentGain, mapping.voltageOffset))
        }
        if let fit = result.fit {
            lines.append(String(format: "board time scale σ_t = %.6g (scl_t = %.6g), set by ", fit.timeScale, 1 / fit.timeScale)
                + fit.timeScaleSetBy)
            for synapse in fit.synapses {
                let r = synapse.registers
                lines.append("fitted synapse \(r.pre)→\(r.post): dg \(r.conductance), dE \(r.reversal), "
                    + "α \(r.splines.alpha.values), β \(r.splines.beta.values); "
                    + String(format: "largest error α %.1f%%, β %.1f%% of the rate's maximum",
                             100 * synapse.continuous.maximumRelativeError.alpha, 100 * synapse.continuous.maximumRelativeError.beta))
            }
        }
        for synapse in file.synapses where synapse.conductance.value > 0 {
            lines.append("synapse \(synapse.pre)→\(synapse.post): dg \(synapse.conductance), dE \(synapse.reversal)")
        }
        for gap in file.gapJunctions {
            lines.append("gap junction \(gap.neurons.0)–\(gap.neurons.1): \(gap.conductance) S")
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
