import ArgumentParser
import Fitting
import Foundation
import NeuroDynChip

/// `ndfit verify`: how well a fitted register file behaves like its target.
struct VerifyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Compare a fitted chip with its target: steady rates, spike timing under noise, spike shape, rest, a small step and latencies.",
        discussion: """
            Chip and target (the model the file's fit names, HH 1952 by default, scaled by the file's \
            scl_v and scl_t) get the same stimuli, the chip's \
            mapped through the file's mapping, and are read back in target units. f-I: I in 0, 2.5, 5, \
            7.5, 10, 15, 20, 30, 40 µA/cm² for 600 ms; the steady rate of the second half; the error is \
            the mean |f_chip − f_target| over the largest f_target; rheobases by bisection. Behaviour: \
            the coincidence factor Γ (Kistler et al. 1997, window ±2 ms) under frozen Ornstein–Uhlenbeck \
            noise (τ 2 ms; μ 3, 6, 10 and σ 2, 4 µA/cm², 1 s each, seeds --seed …); the shape of steady \
            spikes at 10 µA/cm² (peak, trough, width at half amplitude); the resting potential; the \
            response to a 2 µA/cm² step (steady and peak deflection, rise time to 1 − 1/e); first-spike \
            latencies at 6, 10 and 20 µA/cm². Each measure is scored against its goal (score ≤ 1 meets \
            it). The currents are HH's; for another model each is multiplied by its rheobase over HH's. \
            Without --registers, verifies what `ndfit fit --scl-v 3` emits. On a compound file \
            (`ndfit fit --model bursting-pair`) it compares bursts instead: spikes per burst, period, \
            intra-burst rate and duty cycle every 0.05 µA/cm² from 0.1 below to 0.1 above the band \
            of currents at which the target bursts as at the fit's design current (as the fit recorded \
            it; else the design current plus −0.25, 0, 0.25, 0.5 and 0.75; or --currents), how many \
            currents of the band the chip matches, and the rebound protocol; --plot draws the design current's run and the rebound.
            """)

    @OptionGroup var registers: RegisterFileOption

    @Option(help: ArgumentHelp(
        "The model to compare with: a built-in name or a model file (default: the model the file's fit record names, HH 1952 for a file that names none).",
        valueName: "name|file"))
    var model: String?

    @Option(help: ArgumentHelp(
        "Seed of the first noise setting; the six settings use seed, seed + 1, … (default 1).", valueName: "n"))
    var seed: UInt64 = 1

    @Option(help: ArgumentHelp(
        "For a compound file: the total currents to compare bursts at, µA/cm², comma-separated (default: every 0.05 over the target's band the fit recorded, and 0.1 beyond each edge).",
        valueName: "I,I,…"))
    var currents: String?

    @Option(help: "Output format: text or json.")
    var format: ReportFormat = .text

    @OptionGroup var output: OutputOptions

    @OptionGroup var plotting: PlotOptions

    func validate() throws {
        _ = try parsedCurrents()
    }

    /// The currents of `--currents`, nil when not given.
    private func parsedCurrents() throws -> [Double]? {
        guard let currents else { return nil }
        let values = currents.split(separator: ",", omittingEmptySubsequences: false).map {
            Double($0.trimmingCharacters(in: .whitespaces))
        }
        guard !values.isEmpty, let finite = values as? [Double], finite.allSatisfy(\.isFinite) else {
            throw ValidationError("--currents takes finite numbers separated by commas (got \"\(currents)\")")
        }
        return finite
    }

    func run() throws {
        try plotting.prepareFolder()
        let loaded = try registers.loadNeuron(allowsCompound: true)
        if let loaded, !loaded.file.compoundNeurons.isEmpty {
            try verifyCompound(loaded.file, data: loaded.data)
            return
        }
        if currents != nil { throw ValidationError("--currents applies to compound register files only") }
        let file = try loaded?.file ?? HodgkinHuxleyFitter.tunedForFidelity(voltageScale: 3).fit().registerFile
        let chip = loaded?.neuron ?? file.neuron()
        guard let mapping = file.mapping else {
            throw CommandFailure("\(registers.registers ?? "the register file") has no mapping: verify needs the file of a fit")
        }
        let given = try model.map(ModelReference.load)
        let fitTarget = try FitTarget.compared(
            registerFile: loaded?.data, given: given,
            relativeTo: registers.registers.map(InputFile.folder))
        let target = try fitTarget.target.comparisonTarget(voltageScale: mapping.voltageScale, speedUp: mapping.speedUp)
        var evaluator = BehaviourEvaluator.standard(currentScale: fitTarget.currentScale)
        evaluator.behaviour = evaluator.behaviour.reseeded(seed)
        let behaviour = evaluator.behaviour
        let report = try evaluator.evaluate(target: target, chip: chip, mapping: mapping)
        switch format {
        case .text:
            let note = loaded?.die == nil ? "" : "the calibrated die recorded in the file (fit.die)\n"
            let firing = report.firing.map { FidelityText.render($0) + "\n" } ?? ""
            try output.emit(Data((note + firing + BehaviourText.render(report)).utf8))
        case .json: try output.emitJSON(report)
        }
        if plotting.plot != nil {
            let traces = try BehaviourTraces.record(
                target: target, chip: chip, mapping: mapping, protocol: behaviour, setting: 3, duration: 0.3)
            var figures = BehaviourFigures.figures(traces, window: behaviour.coincidenceWindow)
            if let firing = report.firing {
                figures.insert((name: "verify-fI.svg", svg: FiringFigures.fICurves(firing, title: "f-I curves: chip against its target").svg()), at: 0)
            }
            try plotting.write(figures)
        }
    }

    /// A compound file (`ndfit fit --model bursting-pair`): bursts of chip and
    /// target at the fit's design current and around it, and the rebound protocol.
    private func verifyCompound(_ file: RegisterFile, data: Data) throws {
        let path = registers.registers ?? "the register file"
        let (compound, target, record) = try CompoundFile.target(named: model, data: data, path: path)
        let verification: CompoundVerification
        let dies: [Int: MismatchFactors]
        do {
            dies = try RegisterFile.recordedDies(in: data)
            verification = try CompoundVerification(file: file, target: target, dies: dies)
        } catch {
            throw CommandFailure("\(path): \(error)")
        }
        let design = record?.fit?.bursts?.current_uA_per_cm2 ?? -5
        let band = record?.band
        let bursts = try verification.compare(
            currents: try parsedCurrents() ?? CompoundVerification.comparisonCurrents(design: design, band: band))
        let report = CompoundReport(
            model: compound.name, designCurrent: design, bursts: bursts,
            band: band.map { CompoundVerification.agreement(bursts, band: $0) },
            rebound: try verification.rebound(record?.reboundTest ?? ReboundProtocol()))
        switch format {
        case .text:
            let note = dies.isEmpty ? "" : "the calibrated dies recorded in the file (fit.dies)\n"
            try output.emit(Data((note + report.text).utf8))
        case .json: try output.emitJSON(report)
        }
        if plotting.plot != nil {
            try plotting.write(CompoundFigures.figures(
                bursts: try verification.traces(current: design, duration: 4),
                rebound: try verification.traces(record?.reboundTest ?? ReboundProtocol()),
                report: report))
        }
    }
}

/// `verify`'s report on a compound file.
struct CompoundReport: Encodable {
    let model: String
    /// The current the fit tuned the bursts at, µA/cm².
    let designCurrent: Double
    let bursts: [CompoundVerification.Comparison]
    /// The agreement within the target's band the fit recorded.
    let band: CompoundVerification.BandAgreement?
    let rebound: CompoundVerification.Rebound

    var text: String {
        var lines = ["bursts of \(model), chip against target (1–4 s of model time, from rest):"]
        lines.append(FitReport.row("  I (µA/cm²)", ["spikes/burst", "period (ms)", "intra (Hz)", "duty"], width: 22))
        func pair(_ a: String, _ b: String) -> String { "\(a) / \(b)" }
        func value(_ x: Double?, _ scale: Double, _ format: String) -> String { x.map { String(format: format, $0 * scale) } ?? "–" }
        for b in bursts {
            lines.append(FitReport.row(String(format: "  %.2f", b.current_uA_per_cm2), [
                pair(b.target.spikesPerBurstText, b.chip.spikesPerBurstText),
                pair(value(b.target.period_s, 1e3, "%.1f"), value(b.chip.period_s, 1e3, "%.1f")),
                pair(value(b.target.intra_burst_rate_Hz, 1, "%.1f"), value(b.chip.intra_burst_rate_Hz, 1, "%.1f")),
                pair(value(b.target.duty_cycle, 1, "%.3f"), value(b.chip.duty_cycle, 1, "%.3f")),
            ], width: 22))
        }
        if let band {
            lines.append(String(format: "within the target's band, %g to %g µA/cm² (where it bursts as at %g): ",
                                band.low_uA_per_cm2, band.high_uA_per_cm2, designCurrent)
                + "\(band.same_spikes_per_burst) of \(band.currents) currents with its spikes per burst, "
                + "\(band.period_within_10_percent) of them with the period within 10 %")
        }
        let r = rebound
        lines.append(String(format: "rebound: %g µA/cm², a step of %g from %g to %g s: initial train %d / %d spikes, rebound %d / %d (target / chip)",
                            r.base_uA_per_cm2, r.step_uA_per_cm2, r.step_s[0], r.step_s[1], r.target_initial_spikes, r.chip_initial_spikes,
                            r.target_rebound_spikes, r.chip_rebound_spikes))
        return lines.joined(separator: "\n") + "\n"
    }
}
