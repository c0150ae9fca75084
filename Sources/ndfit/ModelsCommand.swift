import ArgumentParser
import Foundation
import NeuroDynChip

/// `ndfit models`: lists the built-in models, or writes one as a model file.
struct ModelsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "models",
        abstract: "List the built-in models, or print one as a model file to copy and edit.",
        discussion: """
            Every name listed works with `ndfit fit --model NAME`. The neuron and compound models are \
            also in the repository's models/ folder as files; `--show NAME` prints the same file \
            (neurodyn-model/1 for a neuron, neurodyn-compound/1 for a compound).
            """)

    @Option(help: ArgumentHelp(
        "Print the model NAME as a neurodyn-model/1 (or, for a compound, neurodyn-compound/1) JSON file.", valueName: "name"))
    var show: String?

    @OptionGroup var output: OutputOptions

    func run() throws {
        if let show {
            if let compound = CompoundModel.builtIn(named: show) {
                try output.emit(CompoundModelFile.write(compound) + Data("\n".utf8))
                return
            }
            guard let model = NeuronModel.builtIn(named: show) else {
                let known = NeuronModel.builtIns.map(\.name) + CompoundModel.builtIns.map(\.name)
                throw ValidationError(ModelError.unknownModel(show, known: known).description)
            }
            try output.emit(NeuronModelFile.write(model) + Data("\n".utf8))
            return
        }
        var lines = ["neuron models (ndfit fit --model NAME):"]
        let width = (NeuronModel.builtIns.map(\.name.count) + CompoundModel.builtIns.map(\.name.count)).max() ?? 0
        for model in NeuronModel.builtIns {
            lines.append("  " + model.name.padding(toLength: width + 2, withPad: " ", startingAt: 0) + model.summary)
        }
        lines.append("compound neurons (ndfit fit --model NAME: two chip neurons on one membrane):")
        for compound in CompoundModel.builtIns {
            lines.append("  " + compound.name.padding(toLength: width + 2, withPad: " ", startingAt: 0) + compound.summary)
        }
        lines.append("synapse kinetics (ndfit board --ampa PRE,POST,G,E):")
        let ampa = SynapseKinetics.ampa
        lines.append("  " + "ampa".padding(toLength: width + 2, withPad: " ", startingAt: 0)
            + "AMPA (Ermentrout & Terman 2010): α = \(Self.formula(ampa.alpha, of: "V_pre")), "
            + "β = \(Self.formula(ampa.beta, of: "V_pre")), rest at 0")
        try output.emit(Data((lines.joined(separator: "\n") + "\n").utf8))
    }

    /// A rate in biological units (1/ms of `variable` in mV) as a formula.
    static func formula(_ rate: HodgkinHuxleyRate, of variable: String) -> String {
        func number(_ x: Double) -> String { String(format: "%g", x) }
        switch rate {
        case let .linoid(a, vh, k):
            return "\(number(a)) /ms · (\(number(vh)) mV − \(variable)) / (exp((\(number(vh)) mV − \(variable))/\(number(k)) mV) − 1)"
        case let .exponential(b, vh, k):
            return "\(number(b)) /ms · exp((\(number(vh)) mV − \(variable))/\(number(k)) mV)"
        case let .logistic(b, vh, k):
            return "\(number(b)) /ms / (1 + exp(−(\(variable) − \(number(vh)) mV)/\(number(k)) mV))"
        case let .constant(b):
            return "\(number(b)) /ms"
        case let .expression(expression, _):
            return expression.source
        }
    }
}
