import ArgumentParser
import Fitting
import Foundation
import NeuroDynChip

/// `ndfit perturb`: K mismatched instances of a chip, reproducibly from a seed.
struct PerturbCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "perturb",
        abstract: "Draw mismatched instances of the chip in a register file (the default chip without one).",
        discussion: """
            Instance k of seed N has its own independent random stream, so it is the same die whatever \
            --count is and on every run and machine; the same arguments give byte-identical output. \
            Each spline weight, conductance and reversal offset is multiplied by max(0, 1 + σ·N(0,1)); \
            the exponents are drawn as p = 3 + 0.2N, q = 1 + 0.1N, r = 4 + 0.2N. json lists each \
            instance's factors (the neurodyn-factors/1 format) and effective analog values. With \
            --simulate, --plot draws the rates' histograms and, over a sweep, the band of f-I curves. \
            With --simulate on a network file (several neurons, synapses or gap junctions), each die is \
            the whole network (neuron i from stream element i, synapse s from element neurons + s; \
            neuron 0 is the die a single neuron would be), each neuron under its --i-app or --i-hh \
            current; the report gives every neuron's rate, the share of dies in which every neuron \
            that fires nominally fires (propagation) and in which every rate is within the tolerance \
            (yield). On a compound file (--simulate required), each die runs at the fit's design \
            current and counts when it bursts with the target's spikes per burst; --calibrate fits the \
            pair again for each die first.
            """)

    @OptionGroup var registers: RegisterFileOption

    @Option(help: ArgumentHelp("Index of the neuron of the register file to perturb (0-based).", valueName: "i"))
    var neuron = 0

    @Option(help: ArgumentHelp("Relative spread σ of every current.", valueName: "σ"))
    var sigma = 0.15

    @Option(help: ArgumentHelp("Seed of the draws.", valueName: "N"))
    var seed: UInt64 = 0

    @Option(help: ArgumentHelp("Number of instances.", valueName: "K"))
    var count = 1

    @Option(name: .customLong("first-instance"), help: ArgumentHelp(
        "Draw instances K…K+count−1 of the seed: one shard of a population, exactly those dies of the whole run (`ndfit merge` joins the shards' --calibrate reports).",
        valueName: "K"))
    var firstInstance = 0

    @OptionGroup var monteCarlo: MonteCarloOptions

    @OptionGroup(title: "Emulated bench (with --calibrate --measured)") var bench: BenchOptions

    @OptionGroup(title: "Simulation (with --simulate)") var simulation: SimulationOptions

    @OptionGroup(title: "Time-varying input, added to every current (with --simulate)") var input: StimulusOptions

    @Option(help: "Output format: text or json.")
    var format: ReportFormat = .text

    @OptionGroup var output: OutputOptions

    @OptionGroup var plotting: PlotOptions

    func validate() throws {
        guard sigma.isFinite && sigma >= 0 else {
            throw ValidationError("--sigma must be a finite number ≥ 0 (got \(sigma))")
        }
        guard count >= 1 else { throw ValidationError("--count must be at least 1 (got \(count))") }
        guard firstInstance >= 0 else { throw ValidationError("--first-instance must be at least 0 (got \(firstInstance))") }
        guard (0..<RegisterFile.neuronCapacity).contains(neuron) else {
            throw ValidationError("--neuron must be 0…3 (got \(neuron))")
        }
        if plotting.plot != nil && !monteCarlo.simulate {
            throw ValidationError("--plot needs --simulate (the figures show the simulated rates)")
        }
        if plotting.plot != nil && monteCarlo.calibrate {
            throw ValidationError("--plot draws the rates of --simulate; it has no figures for --calibrate")
        }
        if input.isTimeVarying && (!monteCarlo.simulate || monteCarlo.calibrate) {
            throw ValidationError("--step, --pulse, --waveform and --noise drive --simulate (not --calibrate)")
        }
    }

    func run() throws {
        if firstInstance != 0 && monteCarlo.simulate && !monteCarlo.calibrate {
            throw ValidationError("--first-instance draws a shard of the factors listing or of --calibrate; --simulate alone runs instances from 0")
        }
        let loaded = try registers.registers.map(RegisterFileOption.decoded)
        if let loaded, let path = registers.registers, !loaded.file.compoundNeurons.isEmpty {
            try runCompound(loaded.file, data: loaded.data, path: path)
            return
        }
        let file = loaded?.file ?? .defaultChip
        guard neuron < file.neurons.count else {
            throw CommandFailure("the register file holds \(file.neurons.count) neuron(s); --neuron \(neuron) is not one")
        }
        let model = try MismatchModel(sigma: sigma)
        if monteCarlo.simulate && (file.isNetwork || file.neurons.count > 1) {
            guard !monteCarlo.calibrate else {
                throw ValidationError("--calibrate calibrates one neuron; give a single-neuron register file")
            }
            guard plotting.plot == nil else { throw ValidationError("--plot draws single-neuron populations only") }
            try simulateNetworkPopulation(file: file, model: model)
            return
        }
        if simulation.appliedCurrents.values.count > 1 {
            throw ValidationError("--i-app takes one current per neuron of a network file with --simulate")
        }
        if !simulation.neuronInitialStates.isEmpty {
            throw ValidationError("--x0-neuron applies to network register files with --simulate")
        }
        let nominal = file.neuron(neuron)
        if monteCarlo.calibrate {
            try calibratePopulation(model: model)
            return
        }
        if monteCarlo.simulate {
            try simulatePopulation(file: file, nominal: nominal, model: model)
            return
        }
        let report = PerturbationReport(file: file, neuron: neuron, model: model, seed: seed, count: count)
        let instances = firstInstance..<firstInstance + count
        try output.stream { sink in
            try report.writeHeader(format: format, to: sink)
            for k in instances {
                var die = nominal
                die.perturb(with: model.draw(seed: seed, instance: UInt64(k)))
                try report.writeInstance(k, die: die, format: format, last: k == instances.upperBound - 1, to: sink)
            }
            try report.writeFooter(format: format, to: sink)
        }
    }

    /// `--simulate --calibrate`: every instance's fidelity before and after
    /// calibration, streamed, with the yields.
    private func calibratePopulation(model: MismatchModel) throws {
        guard let path = registers.registers else {
            throw CommandFailure(
                "--calibrate needs a fitted register file: write one with `ndfit fit --format json --output FILE`")
        }
        let nominal = try NominalFit.load(registers: path, neuron: neuron)
        var run = try CalibrationRun(
            calibration: DieCalibration(
                fitter: nominal.fitter, budget: monteCarlo.budget, currentScale: nominal.currentScale),
            mismatch: model, seed: seed)
        var measured: CalibrationReport.Measured?
        if monteCarlo.measured {
            run.bench = try bench.bench()
            measured = CalibrationReport.Measured(
                relative_noise: bench.relativeNoise, additive_noise_A: bench.additiveNoise, bench_seed: bench.noiseSeed)
        }
        let report = CalibrationReport(
            run: run, first: firstInstance, count: count, tolerance: monteCarlo.fidelityTolerance, measured: measured)
        let progress = ProgressReporter(label: "calibrating instances")
        defer { progress.finish() }
        try output.stream { sink in try report.write(format: format, to: sink, progress: progress) }
    }

    /// `--simulate`: every instance simulated, streamed, summarised.
    private func simulatePopulation(file: RegisterFile, nominal: NeuroDynNeuron, model: MismatchModel) throws {
        let currents = try monteCarlo.chipCurrents(appliedCurrent: simulation.appliedCurrent, mapping: file.mapping)
        let mapping = file.mapping
        let initialState = try simulation.parsedInitialState() ?? SimulationTarget.chipInitialState(mapping: mapping)
        let threshold = simulation.threshold ?? SimulationTarget.chipThreshold(mapping: mapping)
        let run = try MonteCarloRun(
            nominal: nominal, mismatch: model, seed: seed, duration: simulation.duration, initialState: initialState,
            options: simulation.solverOptions(threshold: threshold, trace: .none),
            input: try input.stimulus(constant: 0, duration: simulation.duration))
        let report = MonteCarloReport(run: run, currents: currents, count: count, tolerance: monteCarlo.yieldTolerance)
        try plotting.prepareFolder()
        let population = try stream(report)
        if plotting.plot != nil {
            try plotting.write(MonteCarloFigures.figures(
                population: population, currents: currentAxis(currents, mapping: mapping), sigma: sigma, seed: seed))
        }
    }

    /// `--simulate` on a network file: every die of the whole network.
    private func simulateNetworkPopulation(file: RegisterFile, model: MismatchModel) throws {
        let network = NetworkSimulation(file: file)
        let currents = try monteCarlo.networkCurrents(
            appliedCurrents: simulation.appliedCurrents, neurons: file.neurons.count, mapping: file.mapping)
        let setup = try network.setup(simulation: simulation, input: input, targetUnits: false, currents: currents)
        let run = try NetworkMonteCarloRun(
            nominal: network.network, mismatch: model, seed: seed, duration: simulation.duration, stimuli: setup.stimuli,
            initialState: setup.initialState, options: simulation.solverOptions(threshold: setup.threshold, trace: .none))
        let report = NetworkMonteCarloReport(run: run, currents: currents, count: count, tolerance: monteCarlo.yieldTolerance)
        let progress = ProgressReporter(label: "simulating boards")
        defer { progress.finish() }
        try output.stream { sink in try report.write(format: format, to: sink, progress: progress) }
    }

    /// Streams the report (with progress on a terminal) and returns the population.
    private func stream(_ report: MonteCarloReport) throws -> MonteCarloReport.Population {
        let progress = ProgressReporter(label: "simulating instances")
        defer { progress.finish() }
        var population: MonteCarloReport.Population?
        try output.stream { sink in population = try report.write(format: format, to: sink, progress: progress) }
        guard let population else { throw CommandFailure("the simulation ended without a result") }
        return population
    }

    /// The simulated currents as the figures show them: in µA/cm² of the
    /// target when they were given so (--i-hh, --sweep-hh), otherwise in nA.
    private func currentAxis(_ currents: [Double], mapping: RegisterFile.Mapping?) -> MonteCarloFigures.CurrentAxis {
        if let mapping, monteCarlo.targetCurrent != nil || monteCarlo.targetSweep != nil {
            return MonteCarloFigures.CurrentAxis(
                values: currents.map { mapping.targetCurrent($0) * 1e6 }, label: "I (µA/cm², target current)",
                unit: "µA/cm²")
        }
        return MonteCarloFigures.CurrentAxis(values: currents.map { $0 * 1e9 }, label: "I (nA, chip current)", unit: "nA")
    }

    /// A compound file: the share of dies that still burst like the target,
    /// before and (with --calibrate) after calibrating the pair for each.
    private func runCompound(_ file: RegisterFile, data: Data, path: String) throws {
        guard monteCarlo.simulate else {
            throw ValidationError("a compound file is perturbed with --simulate (its dies' bursts are what counts)")
        }
        if firstInstance != 0 || monteCarlo.measured {
            throw ValidationError("a compound file's dies run from instance 0 and are calibrated from their drawn factors: --first-instance and --measured do not apply")
        }
        if monteCarlo.targetCurrents != nil || monteCarlo.sweep != nil || monteCarlo.targetSweep != nil
            || input.isTimeVarying || plotting.plot != nil || neuron != 0 {
            throw ValidationError(
                "a compound file's dies are run at the fit's design current: --i-hh, --sweep, --sweep-hh, inputs, --plot and --neuron do not apply")
        }
        let fit = try CompoundFile.refit(file, data: data, path: path).fit
        let run = CompoundMonteCarlo(fit: fit, mismatch: try MismatchModel(sigma: sigma), seed: seed)
        let outcomes: [CompoundMonteCarlo.Outcome]
        do {
            let progress = ProgressReporter(label: monteCarlo.calibrate ? "calibrating \(count) pairs" : "simulating \(count) pairs")
            defer { progress.finish() }
            outcomes = try run.run(count: count, calibrates: monteCarlo.calibrate)
        }
        let report = CompoundMonteCarloReport(
            sigma: sigma, seed: seed, current_uA_per_cm2: fit.designCurrent,
            target_spikes_per_burst: fit.targetSpikesPerBurst.sorted(), dies: outcomes)
        switch format {
        case .text: try output.emit(Data(report.text.utf8))
        case .json: try output.emitJSON(report)
        }
    }
}
