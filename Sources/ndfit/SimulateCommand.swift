import ArgumentParser
import Foundation
import NeuroDynChip

/// `ndfit simulate`: runs the chip of a register file (or the default chip),
/// or the scaled HH model, under a constant or time-varying current.
struct SimulateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "simulate",
        abstract: "Simulate the chip of a register file (the default chip without one), or the scaled HH model.",
        discussion: """
            The adaptive Dormand–Prince 5(4) solver integrates from 0 to --duration under --i-app plus \
            any --step, --pulse, --waveform and --noise, ending a step on every edge and sample of the \
            input; spikes are upward crossings of --threshold located on its dense output. text prints \
            a summary, csv the trace t,V,m,h,n at every step, json the spike times, rates and solver \
            statistics. For --model hh the scl_v and scl_t of a fitted register file are used unless \
            --scl-v / --scl-t are given (otherwise 1). With --target-units, chip and target take the \
            same stimulus in target units, the chip's through the file's mapping.
            """)

    enum Model: String, ExpressibleByArgument, CaseIterable {
        case chip, hh
    }

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, csv, json
    }

    @OptionGroup var registers: RegisterFileOption

    @Option(help: "What to simulate: chip or hh.")
    var model: Model = .chip

    @Option(name: .customLong("scl-v"), help: ArgumentHelp("Voltage scaling of the HH model (--model hh).", valueName: "x"))
    var voltageScale: Double?

    @Option(name: .customLong("scl-t"), help: ArgumentHelp("Time scaling of the HH model (--model hh).", valueName: "y"))
    var timeScale: Double?

    @OptionGroup var simulation: SimulationOptions

    @OptionGroup(title: "Time-varying input") var input: StimulusOptions

    @Flag(name: .customLong("target-units"), help: ArgumentHelp(
        "Give currents, times and voltages (stimulus, --duration, --x0, --threshold) in target units, and report in them: A/cm², seconds and volts of the unscaled target (rest at 0).",
        discussion: "A chip is driven through its register file's mapping (current × current_gain, time / scl_t, V × scl_v + voltage_offset) and read back through it; --model hh runs the target itself. Needs the file of a fit for a chip."))
    var targetUnits = false

    @Option(help: "Output format: text, csv or json.")
    var format: Format = .text

    @OptionGroup var output: OutputOptions

    @OptionGroup var plotting: PlotOptions

    func validate() throws {
        for (name, value) in [("--scl-v", voltageScale), ("--scl-t", timeScale)] {
            guard let value else { continue }
            guard model == .hh else { throw ValidationError("\(name) applies to --model hh only") }
            guard value.isFinite && value > 0 else {
                throw ValidationError("\(name) must be a finite positive number (got \(value))")
            }
        }
    }

    func run() throws {
        try plotting.prepareFolder()
        let loaded = try registers.loadNeuron()
        let target = try SimulationTarget(
            model: model, file: loaded?.file, chip: loaded?.neuron, voltageScale: voltageScale, timeScale: timeScale)
        let units = targetUnits
        let initialState = try simulation.parsedInitialState() ?? (units ? [0, 0, 0, 0] : target.defaultInitialState)
        let threshold = simulation.threshold ?? (units ? SimulationTarget.targetThreshold : target.defaultThreshold)
        // The figure draws the trace the csv prints.
        let keepsTrace = format == .csv || plotting.plot != nil
        let options = simulation.solverOptions(threshold: threshold, trace: keepsTrace ? .steps : .none)
        let stimulus = try input.stimulus(constant: simulation.appliedCurrent, duration: simulation.duration)
        let progress = ProgressReporter(label: "simulating")
        defer { progress.finish() }
        let result = units
            ? try target.simulateInTargetUnits(
                stimulus: stimulus, duration: simulation.duration, initialState: initialState, options: options,
                progress: progress.report)
            : try target.simulate(
                stimulus: stimulus, duration: simulation.duration, initialState: initialState, options: options,
                progress: progress.report)
        guard result.status.isCompleted else {
            throw CommandFailure("the integration stopped early: \(result.status.explanation)")
        }
        let summary = SimulationSummary(
            target: target, appliedCurrent: simulation.appliedCurrent, input: input, targetUnits: units,
            duration: simulation.duration, initialState: initialState, threshold: threshold, options: options,
            result: result)
        switch format {
        case .text: try output.emit(Data(summary.text.utf8))
        case .json: try output.emitJSON(summary)
        case .csv: try output.emit(Data(SimulationSummary.csv(result.trace).utf8))
        }
        if plotting.plot != nil {
            try plotting.write(SimulationFigures.figures(
                trace: result.trace, spikeTimes: result.spikeTimes, threshold: threshold,
                modelName: (target.plotsMillivolts ? "HH model" : "chip") + (units ? ", target units" : ""),
                voltsPerUnit: target.plotsMillivolts || units ? 1e-3 : 1))
        }
    }
}

extension SolverStatus {
    /// A short explanation of how a run ended.
    var explanation: String {
        switch self {
        case .completed: "completed"
        case let .stepSizeTooSmall(time): "the step size fell below the spacing of doubles at t = \(time) s"
        case let .nonFiniteState(time): "the state stopped being finite at t = \(time) s"
        case let .stepLimitReached(time): "the step budget ran out at t = \(time) s"
        }
    }
}
