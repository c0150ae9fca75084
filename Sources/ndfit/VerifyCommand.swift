import ArgumentParser
import Fitting
import Foundation
import NeuroDynChip

/// `ndfit verify`: how well a fitted register file fires like its target.
struct VerifyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Compare the firing of a fitted chip with its target's (the fidelity table).",
        discussion: """
            The target (HH scaled by the file's scl_v and scl_t) is driven with I and the chip with \
            current_gain · I for I in 0, 2.5, 5, 7.5, 10, 15, 20, 30, 40 µA/cm², from rest-like states, \
            for 600 ms of target time; the steady rate is measured on the second half. The error is the \
            mean |f_chip − f_target| over the grid divided by the largest f_target; the rheobases are \
            located by bisection. Without --registers, verifies what `ndfit fit --scl-v 3` emits.
            """)

    @OptionGroup var registers: RegisterFileOption

    @Option(help: "Output format: text or json.")
    var format: ReportFormat = .text

    @OptionGroup var output: OutputOptions

    @OptionGroup var plotting: PlotOptions

    func run() throws {
        try plotting.prepareFolder()
        let loaded = try registers.loadNeuron()
        let file = try loaded?.file
            ?? FidelitySearch(fitter: .forFidelity(voltageScale: 3)).run().fitter.fit().registerFile
        let chip = loaded?.neuron ?? file.neuron()
        guard let mapping = file.mapping else {
            throw CommandFailure("\(registers.registers ?? "the register file") has no mapping: verify needs the file of a fit")
        }
        let target = try HodgkinHuxleyModel.comparisonTarget(voltageScale: mapping.voltageScale, speedUp: mapping.speedUp)
        let report = try FidelityEvaluator().evaluate(target: target, chip: chip, mapping: mapping)
        switch format {
        case .text:
            let note = loaded?.die == nil ? "" : "the calibrated die recorded in the file (fit.die)\n"
            try output.emit(Data((note + FidelityText.render(report)).utf8))
        case .json: try output.emitJSON(report)
        }
        if plotting.plot != nil {
            try plotting.write([(name: "verify-fI.svg", svg: FiringFigures.fICurves(report, title: "f-I curves: chip against its target").svg())])
        }
    }
}
