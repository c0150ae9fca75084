import ArgumentParser
import Fitting
import Foundation
import NeuroDynChip

/// `ndfit fit`: fits the HH model scaled by scl_v onto the chip and emits its registers.
struct FitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fit",
        abstract: "Fit the Hodgkin–Huxley model, scaled by scl_v, onto the chip and emit its registers.",
        discussion: """
            Each α and β is fitted onto the seven spline sigmoids by non-negative least squares; \
            the time scale scl_t is the largest speed-up that keeps every weight and conductance \
            within I_master. A code that would leave its register's range fails the fit with the \
            bias that would bring it back, unless --saturate is given. By default the fit is then \
            tuned for fidelity (see --no-search), and its firing against the target's is reported.
            """)

    @Option(name: .customLong("scl-v"), help: ArgumentHelp("Voltage scaling of the HH model.", valueName: "x"))
    var voltageScale: Double = 3

    @OptionGroup var chip: ChipOptions

    @Flag(help: "Clamp out-of-range codes into range (and list them) instead of failing.")
    var saturate = false

    @Flag(help: ArgumentHelp(
        "Fit as the published code did: sample its linoid naively (it loses digits near V_h) and round the codes once; with --kappa-lin 0.7 this reproduces the published fit exactly."))
    var publishedSampling = false

    @Flag(help: ArgumentHelp(
        "Emit the plain fit (section 3 of the model) instead of searching for fidelity.",
        discussion: "By default the conductances and slow rates are compensated, with the rounded codes in the loop, so the chip fires like its target; capacitance scaling 0.1 and an I_voltage that keeps every reversal code in range are used unless given."))
    var noSearch = false

    @Option(name: .customLong("weight-penalty"), help: ArgumentHelp(
        "Ridge penalty on the spline weights (default 1e-4 when searching for fidelity, 0 otherwise).",
        discussion: "Keeps the fit off the far tails of the outer sigmoids, whose huge weights would set the time scale and leave every other register a few LSB.",
        valueName: "λ"))
    var weightPenalty: Double?

    @Flag(help: "Skip the fidelity table (the firing of the emitted chip against its target), which takes a few tenths of a second.")
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

    func run() throws {
        try plotting.prepareFolder()
        let searching = !noSearch && !publishedSampling
        // Searching, the biases not given are chosen for fidelity: the smallest
        // capacitance (finest rate codes) and an I_voltage for the reversals.
        let base = searching ? try ChipBiases(capacitanceScaling: 0.1) : .standard
        var fitter = HodgkinHuxleyFitter(
            voltageScale: voltageScale, biases: try chip.biases(base: base), constants: chip.constants,
            outOfRangePolicy: saturate ? .saturate : .fail,
            targetSampling: publishedSampling ? .published : .exact, refinesCodes: !publishedSampling)
        fitter.weightPenalty = weightPenalty ?? (searching ? HodgkinHuxleyFitter.fidelityWeightPenalty : 0)
        if searching {
            if chip.voltageCurrent == nil { fitter = try fitter.withVoltageCurrentForReversals() }
            let progress = ProgressReporter(label: "searching for fidelity")
            defer { progress.finish() }
            fitter = try FidelitySearch(fitter: fitter).run().fitter
        }
        let fit = try fitter.fit()
        let fidelity = skipFidelity ? nil : try FidelityEvaluator().evaluate(fit)
        switch format ?? output.impliedFormat {
        case .json: try output.emit(try fit.registerFileJSON(fidelity: fidelity))
        case .text:
            let text = FitReport(fit: fit).text + (fidelity.map { "\n" + FidelityText.render($0) } ?? "")
            try output.emit(Data(text.utf8))
        }
        if plotting.plot != nil {
            try plotting.write(FitFigures.figures(fit: fit, fidelity: fidelity))
        }
    }
}
