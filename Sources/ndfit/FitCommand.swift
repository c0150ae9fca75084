import ArgumentParser
import Fitting
import Foundation
import NeuroDynChip

/// `ndfit fit`: fits the HH model scaled by scl_v onto the chip and emits its registers.
struct FitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fit",
        abstract: "Fit a neuron model (Hodgkin–Huxley by default), scaled by scl_v, onto the chip and emit its registers.",
        discussion: """
            Each α and β is fitted onto the seven spline sigmoids by non-negative least squares; \
            the time scale scl_t is the largest speed-up that keeps every weight and conductance \
            within I_master. A code that would leave its register's range fails the fit with the \
            bias that would bring it back, unless --saturate is given. By default the fit is then \
            tuned for fidelity (see --no-search), and the emitted chip is measured against its target: \
            steady rates, and the behaviour measures of `ndfit verify` (spike timing under frozen noise, \
            spike shape, rest, a small step, latencies).
            """)

    @Option(name: .customLong("scl-v"), help: ArgumentHelp("Voltage scaling of the model.", valueName: "x"))
    var voltageScale: Double = 3

    @Option(help: ArgumentHelp(
        "The model to fit: a built-in name (see `ndfit models`), a neurodyn-model/1 JSON file, a NeuroML 2 file (FILE#CELL for one cell of several) or a neurodyn-compound/1 file.",
        valueName: "name|file"))
    var model: String = NeuronModel.hodgkinHuxley1952.name

    @OptionGroup var chip: ChipOptions

    @Flag(help: "Clamp out-of-range codes into range (and list them) instead of failing.")
    var saturate = false

    @Flag(help: ArgumentHelp(
        "Fit as the published code did: sample its linoid naively (it loses digits near V_h) and round the codes once; with --kappa-lin 0.7 this reproduces the published fit exactly."))
    var publishedSampling = false

    @Flag(help: ArgumentHelp(
        "Emit the plain fit (section 3 of the model) instead of searching for fidelity.",
        discussion: "By default the rates are fitted over E_K … E_Na relative to each gate's total rate, the tanh of the Na current is compensated in m∞, and the conductances, slow rates, reversal potentials and Na compensation are tuned with the rounded codes in the loop against the behaviour measures (spike timing, shape, rest, small step, latencies, steady rates); capacitance scaling 0.1 (0.2, 0.5 or 1 when the leak would round to code 0 at 0.1) and an I_voltage that keeps every reversal code in range are used unless given."))
    var noSearch = false

    @Option(name: .customLong("weight-penalty"), help: ArgumentHelp(
        "Ridge penalty on the spline weights (default 1e-4 when searching for fidelity, 0 otherwise).",
        discussion: "Keeps the fit off the far tails of the outer sigmoids, whose huge weights would set the time scale and leave every other register a few LSB.",
        valueName: "λ"))
    var weightPenalty: Double?

    @Flag(help: "Skip the fidelity and behaviour tables (the emitted chip against its target), which take a few tenths of a second.")
    var skipFidelity = false

    @Option(help: ArgumentHelp(
        "Output format: text or json (the register file). Default: json when --output names a .json file, text otherwise."))
    var format: ReportFormat?

    @OptionGroup var output: OutputOptions

    @OptionGroup var plotting: PlotOptions

    func validate() throws {
        guard voltageScale.isFinite && voltageScale > 0 else {
            throw ValidationError("--scl-v must be a finite positive number (got \(voltageScale))")
        }
        if let weightPenalty, !(weightPenalty.isFinite && weightPenalty >= 0) {
            throw ValidationError("--weight-penalty must be a finite number ≥ 0 (got \(weightPenalty))")
        }
    }

    /// The model record as the register file keeps it: a model file's path
    /// relative to the register file's folder when written with --output.
    private func recordedModel(_ record: ModelRecord) -> ModelRecord {
        guard let path = output.output else { return record }
        return record.relative(to: URL(fileURLWithPath: path).deletingLastPathComponent())
    }

    func run() throws {
        try plotting.prepareFolder()
        if CompoundModel.names(model) {
            try runCompound(CompoundModel.load(model))
            return
        }
        let recipe: FitRecipe = publishedSampling ? .published : noSearch ? .plain : .fidelity
        let named = try ModelReference.load(model)
        let target = try FitTarget(model: named.model, file: named.file)
        let settings = FitSettings(
            voltageScale: voltageScale, referenceVoltage: chip.referenceVoltage, voltageCurrent: chip.voltageCurrent,
            masterCurrent: chip.masterCurrent, capacitanceScaling: chip.capacitanceScaling, constants: chip.constants,
            weightPenalty: weightPenalty, outOfRangePolicy: saturate ? .saturate : .fail)
        let fitter: HodgkinHuxleyFitter
        do {
            let progress = recipe == .fidelity ? ProgressReporter(label: "searching for fidelity") : nil
            defer { progress?.finish() }
            fitter = try target.fitter(recipe: recipe, settings: settings)
        }
        let fit = try fitter.fit()
        let behaviour = skipFidelity ? nil : try BehaviourEvaluator.standard(currentScale: target.currentScale).evaluate(fit)
        switch format ?? output.impliedFormat {
        case .json:
            try output.emit(try fit.registerFileJSON(model: recordedModel(target.record), fidelity: behaviour?.firing, behaviour: behaviour))
        case .text:
            var text = FitReport(fit: fit, model: target.model.name).text
            if let behaviour {
                text += (behaviour.firing.map { "\n" + FidelityText.render($0) } ?? "") + "\n" + BehaviourText.render(behaviour)
            }
            try output.emit(Data(text.utf8))
        }
        if plotting.plot != nil {
            try plotting.write(FitFigures.figures(fit: fit, fidelity: behaviour?.firing))
        }
    }

    /// A compound model (`--model bursting-pair` or a neurodyn-compound/1
    /// file): its parts on two chip neurons of two boards, tied into one
    /// membrane, tuned to burst as it does.
    private func runCompound(_ compound: CompoundModel) throws {
        let target = try compound.target()
        var fitter = CompoundFitter(target: target, voltageScale: voltageScale, constants: chip.constants)
        if let current = compound.designCurrent { fitter.designCurrent = current }
        if chip.referenceVoltage != nil || chip.voltageCurrent != nil || chip.masterCurrent != nil
            || chip.capacitanceScaling != nil {
            fitter.biases = try HodgkinHuxleyFitter.forFidelity(
                voltageScale: voltageScale, target: target.parts[0], constants: chip.constants,
                referenceVoltage: chip.referenceVoltage, voltageCurrent: chip.voltageCurrent,
                masterCurrent: chip.masterCurrent, capacitanceScaling: chip.capacitanceScaling
            ).biases
        }
        let fit: CompoundFit
        do {
            let progress = ProgressReporter(label: "tuning the bursts")
            defer { progress.finish() }
            fit = try fitter.fit()
        }
        switch format ?? output.impliedFormat {
        case .json:
            let file = CompoundModel.builtIn(named: model) == nil ? model : nil
            try output.emit(try fit.registerFileJSON(model: recordedModel(ModelRecord(compound: compound, file: file))))
        case .text: try output.emit(Data(CompoundFitReport(fit: fit, model: compound.name).text.utf8))
        }
    }
}
