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
            bias that would bring it back, unless --saturate is given.
            """)

    @Option(name: .customLong("scl-v"), help: ArgumentHelp("Voltage scaling of the HH model.", valueName: "x"))
    var voltageScale: Double = 3

    @OptionGroup var chip: ChipOptions

    @Flag(help: "Clamp out-of-range codes into range (and list them) instead of failing.")
    var saturate = false

    @Flag(help: ArgumentHelp(
        "Sample the target as the published code did (its linoid loses digits near V_h); with --kappa-lin 0.7 this reproduces the published fit exactly."))
    var publishedSampling = false

    @Flag(help: "Skip the fidelity table (the firing of the emitted chip against its target), which takes a few tenths of a second.")
    var skipFidelity = false

    @Option(help: "Output format: text or json (the register file).")
    var format: ReportFormat = .text

    @OptionGroup var output: OutputOptions

    func validate() throws {
        guard voltageScale.isFinite && voltageScale > 0 else {
            throw ValidationError("--scl-v must be a finite positive number (got \(voltageScale))")
        }
    }

    func run() throws {
        let fitter = HodgkinHuxleyFitter(
            voltageScale: voltageScale, biases: try chip.biases(), constants: chip.constants,
            outOfRangePolicy: saturate ? .saturate : .fail,
            targetSampling: publishedSampling ? .published : .exact)
        let fit = try fitter.fit()
        let fidelity = skipFidelity ? nil : try FidelityEvaluator().evaluate(fit)
        switch format {
        case .json: try output.emit(try fit.registerFileJSON(fidelity: fidelity))
        case .text:
            let text = FitReport(fit: fit).text + (fidelity.map { "\n" + FidelityText.render($0) } ?? "")
            try output.emit(Data(text.utf8))
        }
    }
}
