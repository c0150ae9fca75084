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
            statistics. A simulated model (hh, target, or a model by name or file) runs as the chip's \
            target: scaled by the scl_v and scl_t of a fitted register file unless --scl-v / --scl-t \
            are given (otherwise 1), voltages from the model's origin (its rest, 0 for HH 1952). With --target-units, chip and target take the \
            same stimulus in target units, the chip's through the file's mapping. A register file with \
            more than one neuron, synapses or gap junctions (neurodyn-registers/2) is simulated as a \
            network: --i-app takes one current per neuron, an input option written K:… drives neuron K \
            only, --x0-neuron starts neuron K elsewhere, json lists neurons[k].spike_times_s, csv every \
            state (t, V0,m0,h0,n0, …, r_pre_post) and --plot draws a raster over the voltage traces. \
            A compound file (`ndfit fit --model bursting-pair`) runs its compound neuron alone, tied as \
            the file ties it: --i-app is the total current into its membrane, --x0 starts every membrane \
            at V and every neuron's gates at m, h, n, the report adds its bursts over the whole run, and \
            csv gives t, V, then each neuron's m, h, n (t, then V, m, h, n of each for a gap-junction tie).
            """)

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, csv, json
    }

    @OptionGroup var registers: RegisterFileOption

    @Option(help: ArgumentHelp(
        "What to simulate: chip; hh (HH 1952); target (the model the register file's fit names); or a model: a built-in name, a model file or FILE#CELL.",
        valueName: "chip|hh|target|model"))
    var model = "chip"

    @Option(name: .customLong("scl-v"), help: ArgumentHelp("Voltage scaling of a simulated model (not the chip).", valueName: "x"))
    var voltageScale: Double?

    @Option(name: .customLong("scl-t"), help: ArgumentHelp("Time scaling of a simulated model (not the chip).", valueName: "y"))
    var timeScale: Double?

    @OptionGroup var simulation: SimulationOptions

    @OptionGroup(title: "Time-varying input") var input: StimulusOptions

    @Flag(name: .customLong("target-units"), help: ArgumentHelp(
        "Give currents, times and voltages (stimulus, --duration, --x0, --threshold) in target units, and report in them: A/cm², seconds and volts of the unscaled target (absolute: HH 1952 rests at 0, another model at its own rest, where a run starts by default).",
        discussion: "A chip is driven through its register file's mapping (current × current_gain, time / scl_t, V × scl_v + voltage_offset) and read back through it; --model hh runs the target itself. Needs the file of a fit for a chip."))
    var targetUnits = false

    @Option(help: "Output format: text, csv or json.")
    var format: Format = .text

    @OptionGroup var output: OutputOptions

    @OptionGroup var plotting: PlotOptions

    func validate() throws {
        for (name, value) in [("--scl-v", voltageScale), ("--scl-t", timeScale)] {
            guard let value else { continue }
            guard model != "chip" else { throw ValidationError("\(name) applies to a simulated model (--model hh, target or a model), not the chip") }
            guard value.isFinite && value > 0 else {
                throw ValidationError("\(name) must be a finite positive number (got \(value))")
            }
        }
    }

    func run() throws {
        try plotting.prepareFolder()
        let loaded = try registers.loadNeuron(allowsCompound: true)
        if let file = loaded?.file, !file.compoundNeurons.isEmpty {
            guard model == "chip" else {
                throw ValidationError("--model \(model) simulates one target neuron; a compound file runs with --model chip (ndfit verify compares it with its target)")
            }
            try runCompound(CompoundSimulation(file: file, data: loaded?.data, path: registers.registers ?? "the register file"))
            return
        }
        if let file = loaded?.file, file.isNetwork || file.neurons.count > 1 {
            guard model == "chip" else {
                throw ValidationError("--model \(model) simulates one target neuron; a network file runs with --model chip")
            }
            try runNetwork(NetworkSimulation(file: file))
            return
        }
        if simulation.appliedCurrents.values.count > 1 {
            throw ValidationError("--i-app takes one current per neuron of a network file; this run has one neuron")
        }
        if !simulation.neuronInitialStates.isEmpty {
            throw ValidationError("--x0-neuron applies to network register files only")
        }
        let target = try SimulationTarget(
            model: model, file: loaded?.file, data: loaded?.data, registerFile: registers.registers,
            chip: loaded?.neuron, voltageScale: voltageScale, timeScale: timeScale)
        let units = targetUnits
        let initialState = try simulation.parsedInitialState()
            ?? (units ? target.targetInitialState : target.defaultInitialState)
        let threshold = simulation.threshold ?? (units ? target.targetThreshold : target.defaultThreshold)
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
                modelName: (target.plotsMillivolts ? (target.name == "hh" ? "HH" : target.name) + " model" : "chip") + (units ? ", target units" : ""),
                voltsPerUnit: target.plotsMillivolts || units ? 1e-3 : 1))
        }
    }
}

extension SimulateCommand {
    /// The run of a network file, with its reports and figure.
    private func runNetwork(_ network: NetworkSimulation) throws {
        let units = targetUnits
        let setup = try network.setup(simulation: simulation, input: input, targetUnits: units)
        let keepsTrace = format == .csv || plotting.plot != nil
        let options = simulation.solverOptions(threshold: setup.threshold, trace: keepsTrace ? .steps : .none)
        let progress = ProgressReporter(label: "simulating")
        defer { progress.finish() }
        let result = try network.run(setup, options: options, targetUnits: units, progress: progress.report)
        guard result.simulation.status.isCompleted else {
            throw CommandFailure("the integration stopped early: \(result.simulation.status.explanation)")
        }
        let summary = NetworkSummary(simulation: network, setup: setup, targetUnits: units, options: options, result: result)
        switch format {
        case .text: try output.emit(Data(summary.text.utf8))
        case .json: try output.emitJSON(summary)
        case .csv: try output.emit(Data(NetworkSummary.csv(result.simulation.trace, header: network.csvHeader).utf8))
        }
        if plotting.plot != nil {
            try plotting.write(NetworkFigures.figures(
                trace: result.simulation.trace, voltageIndices: result.voltageIndices, spikeTimes: result.spikeTimes,
                threshold: setup.threshold, voltsPerUnit: units ? 1e-3 : 1, duration: setup.duration,
                title: "\(network.network.neurons.count) chip neurons" + (units ? ", target units" : "")))
        }
    }
}

extension SimulateCommand {
    /// The run of a compound file's compound neuron, with its reports and figure.
    private func runCompound(_ compound: CompoundSimulation) throws {
        if simulation.appliedCurrents.values.count > 1 {
            throw ValidationError("--i-app takes one current for a compound neuron: the total into its membrane")
        }
        if !simulation.neuronInitialStates.isEmpty {
            throw ValidationError("--x0-neuron applies to network register files; a compound neuron starts from --x0")
        }
        let units = targetUnits
        let origin = compound.file.mapping?.modelVoltageOrigin ?? 0
        let threshold = simulation.threshold
            ?? (units ? origin + SimulationTarget.targetThreshold : SimulationTarget.chipThreshold(mapping: compound.file.mapping))
        let keepsTrace = format == .csv || plotting.plot != nil
        let options = simulation.solverOptions(threshold: threshold, trace: keepsTrace ? .steps : .none)
        let stimulus = try input.stimulus(constant: simulation.appliedCurrent, duration: simulation.duration)
        let progress = ProgressReporter(label: "simulating")
        defer { progress.finish() }
        let result = try compound.run(
            stimulus: stimulus, duration: simulation.duration,
            initialState: try compound.initialState(simulation: simulation, targetUnits: units), options: options,
            targetUnits: units, progress: progress.report)
        guard result.simulation.status.isCompleted else {
            throw CommandFailure("the integration stopped early: \(result.simulation.status.explanation)")
        }
        let summary = CompoundSimulationSummary(
            simulation: compound, appliedCurrent: simulation.appliedCurrent, duration: simulation.duration,
            targetUnits: units, spikes: result.spikeTimes[0])
        switch format {
        case .text: try output.emit(Data(summary.text.utf8))
        case .json: try output.emitJSON(summary)
        case .csv: try output.emit(Data(NetworkSummary.csv(result.simulation.trace, header: compound.csvHeader).utf8))
        }
        if plotting.plot != nil {
            try plotting.write(SimulationFigures.figures(
                trace: result.simulation.trace, spikeTimes: result.spikeTimes[0], threshold: threshold,
                modelName: "compound chip neuron" + (units ? ", target units" : ""), voltsPerUnit: units ? 1e-3 : 1))
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
        case let .settledPeriodic(time, period): "settled into firing every \(period) s at t = \(time) s"
        case let .settledAtRest(time): "settled at rest at t = \(time) s"
        }
    }
}
