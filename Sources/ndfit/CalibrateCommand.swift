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
            (--format json) with its fidelity before and after, or a readable report. A compound file \
            (`ndfit fit --model bursting-pair`) is calibrated whole: each of its neurons gets the die \
            `perturb --simulate` draws for it, the pair is fitted again and its slow-wave correction and \
            burst search rerun on those dies; the file records them (fit.dies) with the bursts before and after. \
            With --measured the drawn die's factors are not given to the calibration: it characterizes the \
            die on an emulated bench first (docs/bring-up.md).
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

    @Option(help: ArgumentHelp(
        "Most chip evaluations of the search (0: divide the factors out only; default 150). A compound file is calibrated with its fit's own search.",
        valueName: "n"))
    var budget: Int?

    /// What the search with the die in the loop matches.
    enum Objective: String, ExpressibleByArgument, CaseIterable {
        case firing, behaviour
    }

    @Option(help: ArgumentHelp(
        "What the search matches: firing (steady rates, fast) or behaviour (also spike timing, shape, rest, step and latencies; a few times slower).",
        valueName: "objective"))
    var objective: Objective = .firing

    @Flag(help: ArgumentHelp(
        "Calibrate from measurements: characterize the die on the emulated bench (as `ndfit characterize`), then calibrate for the estimated factors; its true factors are used only to report its fidelity.",
        discussion: "The file records what was measured (calibration.measured) and the estimated factors as the die (fit.die)."))
    var measured = false

    @OptionGroup(title: "Emulated bench (with --measured)") var bench: BenchOptions

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
        if let budget, budget < 0 { throw ValidationError("--budget must be at least 0 (got \(budget))") }
        if measured && factors != nil {
            throw ValidationError("--measured estimates the factors of a drawn die: give --sigma/--seed/--instance, not --factors")
        }
        guard (0..<RegisterFile.neuronCapacity).contains(neuron) else {
            throw ValidationError("--neuron must be 0…3 (got \(neuron))")
        }
    }

    func run() throws {
        var decoded: (file: RegisterFile, data: Data)?
        if let registers {
            decoded = try RegisterFileOption.decoded(registers)
            if let (file, data) = decoded, !file.compoundNeurons.isEmpty {
                try calibrateCompound(file, data: data, path: registers)
                return
            }
        }
        let (die, source) = try dieFactors()
        let nominalFit = try NominalFit.load(registers: registers, decoded: decoded, neuron: neuron)
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
            ? DieCalibration.behaviour(fitter: fitter, budget: budget ?? 150, currentScale: scale)
            : DieCalibration(fitter: fitter, budget: budget ?? 150, currentScale: scale)
        let calibrated: ChipFit
        var measurement: MeasurementRecord?
        if measured {
            var emulated = try bench.bench().die(die, instance: instance ?? 0, like: nominal.neuron)
            do {
                let result = try MeasuredCalibration(calibration: calibration).calibrate(&emulated)
                calibrated = result.fit
                measurement = bench.record(result.estimate, truth: die)
            } catch {
                throw CommandFailure(error.description)
            }
        } else {
            calibrated = try calibration.calibrate(die)
        }
        progress.finish()
        // The die after is the calibrated codes on the die's true factors.
        var programmed = calibrated.neuron
        programmed.perturb(with: die)
        let after = try evaluator.evaluate(target: target, chip: programmed, mapping: mapping)
        let record = CalibrationRecord(source: source, before: before, after: after, measured: measurement)
        switch format ?? output.impliedFormat {
        case .json:
            try output.emit(try calibrated.registerFileJSON(model: nominalFit.model, fidelity: after, calibration: record))
        case .text:
            let text = CalibrationText.render(record, nominal: nominal.registers, calibrated: calibrated)
            try output.emit(Data(text.utf8))
        }
    }

    /// A compound file (`ndfit fit --model bursting-pair`): its pair fitted
    /// again, then calibrated for the die drawn for each of its neurons
    /// (as `perturb --simulate` draws them) with the fit's own steps.
    private func calibrateCompound(_ file: RegisterFile, data: Data, path: String) throws {
        guard !measured else {
            throw ValidationError("--measured characterizes single neurons; a compound file's dies are drawn with --sigma, --seed and --instance")
        }
        guard factors == nil else {
            throw ValidationError("--factors holds one neuron's factors; a compound file's dies are drawn with --sigma, --seed and --instance")
        }
        guard neuron == 0, objective == .firing, budget == nil else {
            throw ValidationError("--neuron, --objective and --budget apply to single neurons; a compound is calibrated whole, with its fit's own search")
        }
        let sigma = self.sigma ?? 0.15, seed = self.seed ?? 0, instance = self.instance ?? 0
        let (fit, compound, record) = try CompoundFile.refit(file, data: data, path: path)
        let monteCarlo = CompoundMonteCarlo(fit: fit, mismatch: try MismatchModel(sigma: sigma), seed: seed)
        let dies = monteCarlo.dies(Int(instance))
        let before = try fit.nominalBursts(on: dies)
        let calibrated: CompoundFit
        do {
            let progress = ProgressReporter(label: "calibrating the pair")
            defer { progress.finish() }
            calibrated = try fit.calibrated(for: dies)
        }
        let calibration = CompoundCalibration(
            source: "σ = \(sigma), seed \(seed), instance \(instance)", current: fit.designCurrent,
            before: BurstSummary(before), after: BurstSummary(calibrated.chipBursts))
        switch format ?? output.impliedFormat {
        case .json:
            var model = ModelRecord(compound: compound, file: nil)
            if let target = record?.target, let digest = target.model_sha256 {
                model = ModelRecord(name: target.model, file: target.model_file, digest: digest)
            }
            if let written = output.output {
                model = model.relative(
                    to: InputFile.folder(of: written), from: InputFile.folder(of: path).standardizedFileURL)
            }
            try output.emit(try calibrated.registerFileJSON(model: model, calibration: calibration))
        case .text:
            try output.emit(Data(CompoundCalibrationText.render(calibration, fit: calibrated, model: compound.name).utf8))
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
    static func load(registers: String?, decoded: (file: RegisterFile, data: Data)? = nil, neuron: Int) throws -> NominalFit {
        guard let registers else {
            return NominalFit(
                fitter: try HodgkinHuxleyFitter.tunedForFidelity(voltageScale: 3), model: .hodgkinHuxley1952,
                currentScale: 1)
        }
        let (file, data) = try decoded ?? RegisterFileOption.decoded(registers)
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
