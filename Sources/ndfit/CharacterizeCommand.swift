import ArgumentParser
import Fitting
import Foundation
import NeuroDynChip

/// `ndfit characterize`: estimates one die's mismatch factors from
/// measurements of an emulated bench alone.
struct CharacterizeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "characterize",
        abstract: "Estimate a die's mismatch factors from voltage-clamp measurements alone.",
        discussion: """
            The die is instance --instance of seed --seed at spread --sigma (the die `ndfit perturb` and \
            `ndfit calibrate` draw), run with the biases of the register file's neuron, and read through an \
            emulated bench (--relative-noise, --additive-noise, --bench-seed). Its factors stay hidden: \
            three I–V curves with one channel open give the conductance and reversal factors, and 42 \
            voltage-clamp steps with one spline weight on give the weights and the exponents p, q, r. \
            Emits the estimates with their standard errors and the bench time spent: json is a \
            neurodyn-factors/1 file (with `uncertainty` and `bench`) that `calibrate --factors` reads; \
            text compares each estimate with the emulated die's true factor.
            """)

    @Option(help: ArgumentHelp(
        "A register file whose neuron's biases the die runs with; those of `ndfit fit --scl-v 3` when omitted.",
        valueName: "file"))
    var registers: String?

    @Option(help: ArgumentHelp("Index of the neuron of the register file (0-based).", valueName: "i"))
    var neuron = 0

    @Option(help: ArgumentHelp("Relative spread σ of the drawn die.", valueName: "σ"))
    var sigma = 0.15

    @Option(help: ArgumentHelp("Seed of the drawn die.", valueName: "N"))
    var seed: UInt64 = 0

    @Option(help: ArgumentHelp("Instance k of the seed: the die `ndfit perturb` lists as k.", valueName: "k"))
    var instance: UInt64 = 0

    @OptionGroup(title: "Emulated bench") var bench: BenchOptions

    @Option(help: ArgumentHelp(
        "Output format: text or json (the factors file). Default: json when --output names a .json file, text otherwise."))
    var format: ReportFormat?

    @OptionGroup var output: OutputOptions

    func validate() throws {
        if let registers, registers.isEmpty { throw ValidationError("--registers needs a file name") }
        guard sigma.isFinite && sigma >= 0 else { throw ValidationError("--sigma must be a finite number ≥ 0 (got \(sigma))") }
        guard (0..<RegisterFile.neuronCapacity).contains(neuron) else {
            throw ValidationError("--neuron must be 0…3 (got \(neuron))")
        }
    }

    func run() throws {
        let chip = try Self.chip(registers: registers, neuron: neuron)
        let truth = try MismatchModel(sigma: sigma).draw(seed: seed, instance: instance)
        var die = try bench.bench().die(truth, instance: instance, like: chip)
        let estimate: DieEstimate
        do {
            estimate = try DieCharacterization().characterize(&die)
        } catch {
            throw CommandFailure(error.description)
        }
        switch format ?? output.impliedFormat {
        case .json: try output.emitJSON(estimate)
        case .text:
            let source = "σ = \(sigma), seed \(seed), instance \(instance)"
            try output.emit(Data(CharacterizationText.render(estimate, truth: truth, source: source).utf8))
        }
    }

    /// The neuron whose biases and constants the die runs with: neuron
    /// `neuron` of the file, or of the fit of `ndfit fit --scl-v 3`.
    static func chip(registers: String?, neuron: Int) throws -> NeuroDynNeuron {
        // The biases of `fit --scl-v 3` are those of its fitter before the fidelity search (which only moves codes).
        guard let registers else { return try HodgkinHuxleyFitter.forFidelity(voltageScale: 3).fit().neuron }
        let file = try RegisterFileOption.read(registers)
        guard neuron < file.neurons.count else {
            throw ValidationError("--neuron \(neuron): \(registers) has \(file.neurons.count) neuron(s)")
        }
        return file.neuron(neuron)
    }
}

/// The report of `ndfit characterize` as text.
enum CharacterizationText {
    static func render(_ estimate: DieEstimate, truth: MismatchFactors, source: String) -> String {
        let ledger = estimate.ledger
        var lines = ["characterization of the die (\(source)) from measurements alone"]
        lines.append(String(
            format: "bench: %d clamp readings, %d clamp steps, %d register writes, %d samples; %.3f s of bench time",
            ledger.clampReadings, ledger.clampSteps, ledger.registerWrites, ledger.samples, ledger.benchTime))
        lines.append("factor              estimate   ± s.e.     true (the emulated die's, hidden from the estimate)")
        let names = DieEstimate.factorNames
        let values = DieEstimate.flattened(estimate.factors), errors = DieEstimate.flattened(estimate.uncertainty)
        let actual = DieEstimate.flattened(truth)
        for k in names.indices {
            lines.append(names[k].padding(toLength: 18, withPad: " ", startingAt: 0)
                         + String(format: "%10.4f %8.4f %8.4f", values[k], errors[k], actual[k]))
        }
        lines.append(String(format: "RMS relative error of the %d estimates: %.2e", names.count,
                            estimate.relativeError(against: truth)))
        return lines.joined(separator: "\n") + "\n"
    }
}
