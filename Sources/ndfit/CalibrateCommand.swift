import ArgumentParser
import Fitting
import Foundation
import NeuroDynChip

/// `ndfit calibrate`: re-fits the codes of one mismatched die whose
/// deviations are known, so that it fires like the target again.
struct CalibrateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "calibrate",
        abstract: "Re-fit the codes of one mismatched die so that it fires like the target again.",
        discussion: """
            The die is instance --instance of seed --seed at spread --sigma (the die `ndfit perturb` \
            draws), or the one whose measured factors are in --factors (neurodyn-factors/1). Each \
            nominal code is divided by its register's factor, then a fidelity search with the die in \
            the loop compensates what no register reaches (the exponents p, q, r; 10-bit rounding). \
            The time scale and mapping stay those of the register file. Emits the die's register file \
            (--format json) with its fidelity before and after, or a readable report.
            """)

    @Option(help: ArgumentHelp(
        "A fitted register file as `ndfit fit --format json` writes it (its fit record is needed); the fit of `ndfit fit --scl-v 3` when omitted.",
        valueName: "file"))
    var registers: String?

    @Option(help: ArgumentHelp("Index of the neuron of the register file to calibrate (0-based).", valueName: "i"))
    var neuron = 0

    @Option(help: ArgumentHelp("Relative spread σ of the drawn die (default 0.15).", valueName: "σ"))
    var sigma: Double?

    @Option(help: ArgumentHelp("Seed of the drawn die (default 0).", valueName: "N"))
    var seed: UInt64?

    @Option(help: ArgumentHelp("Instance k of the seed: the die `ndfit perturb` lists as k (default 0).", valueName: "k"))
    var instance: UInt64?

    @Option(help: ArgumentHelp("Measured factors of the die (neurodyn-factors/1), instead of a drawn die.", valueName: "file"))
    var factors: String?

    @Option(help: ArgumentHelp("Most chip evaluations of the search (0: divide the factors out only).", valueName: "n"))
    var budget = 150

    /// What the search with the die in the loop matches.
    enum Objective: String, ExpressibleByArgument, CaseIterable {
        case firing, behaviour
    }

    @Option(help: ArgumentHelp(
        "What the search matches: firing (steady rates, fast) or behaviour (also spike timing, shape, rest, step and latencies; a few times slower).",
        valueName: "objective"))
    var objective: Objective = .firing

    @Option(help: ArgumentHelp(
        "Output format: text or json (the die's register file). Default: json when --output names a .json file, text otherwise."))
    var format: ReportFormat?

    @OptionGroup var output: OutputOptions

    func validate() throws {
        if let registers, registers.isEmpty { throw ValidationError("--registers needs a file name") }
        if let factors {
            guard !factors.isEmpty else { throw ValidationError("--factors needs a file name") }
            guard sigma == nil && seed == nil && instance == nil else {
                throw ValidationError("give either --factors or --sigma/--seed/--instance, not both")
            }
        }
        if let sigma, !(sigma.isFinite && sigma >= 0) {
            throw ValidationError("--sigma must be a finite number ≥ 0 (got \(sigma))")
        }
        guard budget >= 0 else { throw ValidationError("--budget must be at least 0 (got \(budget))") }
        guard (0..<RegisterFile.neuronCapacity).contains(neuron) else {
            throw ValidationError("--neuron must be 0…3 (got \(neuron))")
        }
    }

    func run() throws {
        let (die, source) = try dieFactors()
        let nominalFit = try NominalFit.load(registers: registers, neuron: neuron)
        let fitter = nominalFit.fitter, scale = nominalFit.currentScale
        let nominal = try fitter.fit()
        let mapping = nominal.mapping
        let target = nominal.comparisonTarget
        var perturbed = nominal.neuron
        perturbed.perturb(with: die)
        let evaluator = FidelityEvaluator(
            firing: FiringProtocol.standard.scalingCurrents(by: scale), rheobaseResolution: 0.02 * scale)
        let before = try evaluator.evaluate(target: target, chip: perturbed, mapping: mapping)
        let progress = ProgressReporter(label: "calibrating")
        progress.report(0)
        let calibration = objective == .behaviour
            ? DieCalibration.behaviour(fitter: fitter, budget: budget, currentScale: scale)
            : DieCalibration(fitter: fitter, budget: budget, currentScale: scale)
        let calibrated = try calibration.calibrate(die)
        progress.finish()
        let after = try evaluator.evaluate(target: target, chip: calibrated.neuron, mapping: mapping)
        let record = CalibrationRecord(source: source, before: before, after: after)
        switch format ?? output.impliedFormat {
        case .json:
            try output.emit(try calibrated.registerFileJSON(model: nominalFit.model, fidelity: after, calibration: record))
        case .text:
            let text = CalibrationText.render(record, nominal: nominal.registers, calibrated: calibrated)
            try output.emit(Data(text.utf8))
        }
    }

    /// The die's factors and a description of where they came from.
    private func dieFactors() throws -> (MismatchFactors, String) {
        if let factors {
            do {
                return (try MismatchFactors.decode(try InputFile.read(factors)), "factors file \(factors)")
            } catch let error as RegisterFileError {
                throw CommandFailure("\(factors): \(error.description)")
            }
        }
        let sigma = self.sigma ?? 0.15, seed = self.seed ?? 0, instance = self.instance ?? 0
        let model = try MismatchModel(sigma: sigma)
        return (model.draw(seed: seed, instance: instance), "σ = \(sigma), seed \(seed), instance \(instance)")
    }
}

/// The nominal fit a calibration starts from, with its model.
struct NominalFit {
    /// The fitter that wrote the register file.
    let fitter: HodgkinHuxleyFitter
    /// The model the file's fit record names (HH 1952 when it names none).
    let model: ModelRecord
    /// The factor on the measures' currents for that model (1 for HH 1952).
    let currentScale: Double

    /// The fitter recorded in `registers` (see
    /// ``HodgkinHuxleyFitter/recorded(in:neuron:relativeTo:)``: the target is
    /// rebuilt from the model the record names), or without a file the fit
    /// of `ndfit fit --scl-v 3`.
    static func load(registers: String?, neuron: Int) throws -> NominalFit {
        guard let registers else {
            return NominalFit(
                fitter: try HodgkinHuxleyFitter.tunedForFidelity(voltageScale: 3), model: .hodgkinHuxley1952,
                currentScale: 1)
        }
        let (file, data) = try RegisterFileOption.decoded(registers)
        try RegisterFileOption.refuseCompound(file, path: registers)
        do {
            let fitter = try HodgkinHuxleyFitter.recorded(
                in: data, neuron: neuron, relativeTo: InputFile.folder(of: registers))
            return NominalFit(
                fitter: fitter, model: try ModelRecord.recorded(in: data) ?? .hodgkinHuxley1952,
                currentScale: try TargetCurrentScale.factor(for: fitter.target))
        } catch {
            throw CommandFailure("\(registers): \(error.description)")
        }
    }
}
