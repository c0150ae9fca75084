import Fitting
import Foundation
import NeuroDynChip

/// `simulate` on a compound register file (`ndfit fit --model
/// bursting-pair`): its compound neuron alone, tied as the file ties it,
/// under one total current into the shared membrane.
struct CompoundSimulation {
    let file: RegisterFile
    let chip: CompoundChip
    /// The file's neuron indices of the compound, in membrane order.
    let indices: [Int]

    /// Its neurons run on the dies the file records (`fit.dies`, from `data`).
    ///
    /// - Throws: ``CommandFailure`` for a file whose compound does not run
    ///   alone: several compounds, synapses, gap junctions or programmed
    ///   neurons outside it; or a bad `fit.dies`.
    init(file: RegisterFile, data: Data?, path: String) throws {
        guard file.compoundNeurons.count == 1 else {
            throw CommandFailure("\(path): simulate runs one compound neuron; the file has \(file.compoundNeurons.count)")
        }
        let compound = file.compoundNeurons[0]
        let outside = file.neurons.indices.filter { !compound.neurons.contains($0) && file.neurons[$0] != .unused }
        guard file.synapses.isEmpty, file.gapJunctions.isEmpty, outside.isEmpty else {
            throw CommandFailure("\(path): simulate runs a compound neuron alone; the file also programs "
                + (outside.isEmpty ? "synapses or gap junctions" : "neuron \(outside[0])"))
        }
        self.file = file
        indices = compound.neurons
        do {
            let dies = try data.map { data throws(RegisterFileError) in try RegisterFile.recordedDies(in: data) } ?? [:]
            chip = try CompoundChip(file: file, compound: 0, dies: dies)
        } catch {
            throw CommandFailure("\(path): \(error)")
        }
    }

    /// The start: every membrane at `--x0`'s V and every neuron's gates at
    /// its m, h, n; by default the mapped rest (or the published 0.7 V) with
    /// the gates at 0, in the units asked.
    func initialState(simulation: SimulationOptions, targetUnits: Bool) throws -> [Double] {
        let origin = file.mapping?.modelVoltageOrigin ?? 0
        let x0 = try simulation.parsedInitialState()
            ?? (targetUnits ? [origin, 0, 0, 0] : SimulationTarget.chipInitialState(mapping: file.mapping))
        return chip.initialState(voltage: x0[0], gates: Array(x0[1...]))
    }

    /// Runs the compound; with `targetUnits` the stimulus, start and
    /// threshold are mapped onto the chip through the file's mapping and the
    /// result mapped back.
    func run(
        stimulus: Stimulus, duration: Double, initialState: [Double], options: SolverOptions, targetUnits: Bool,
        progress: @escaping (Double) -> Void
    ) throws -> NetworkResult {
        guard targetUnits else {
            return try chip.simulate(
                stimulus: stimulus, duration: duration, initialState: initialState, options: options, progress: progress)
        }
        guard let mapping = file.mapping else {
            throw CommandFailure("--target-units needs a register file with a mapping (the file of a fit)")
        }
        var mapped = options
        mapped.spikeThreshold = options.spikeThreshold.map(mapping.chipVoltage)
        let result = try chip.simulate(
            stimulus: try mapping.chipStimulus(stimulus), duration: mapping.chipTime(duration),
            initialState: mapping.chipState(initialState, voltageIndices: chip.voltageIndices), options: mapped,
            progress: progress)
        return mapping.targetResult(result)
    }

    /// The CSV header: t, the voltage(s) and each neuron's gates, suffixed with its index in the file.
    var csvHeader: String {
        var names = ["t"]
        switch chip.tie {
        case .short:
            names.append("V")
            for i in indices { names += ["m", "h", "n"].map { "\($0)\(i)" } }
        case .gapJunction:
            for i in indices { names += ["V", "m", "h", "n"].map { "\($0)\(i)" } }
        }
        return names.joined(separator: ",")
    }
}

/// What `simulate` reports of a compound's run.
struct CompoundSimulationSummary: Encodable {
    let neurons: [Int]
    let tie: String
    let units: String
    let applied_current: Double
    let duration: Double
    let spike_times: [Double]
    /// Bursts over the whole run (see `BurstTrain`).
    let bursts: BurstSummary

    init(simulation: CompoundSimulation, appliedCurrent: Double, duration: Double, targetUnits: Bool, spikes: [Double]) {
        neurons = simulation.indices
        switch simulation.chip.tie {
        case .short: tie = "short circuit"
        case let .gapJunction(g): tie = "gap junction \(g) S"
        }
        units = targetUnits ? "target: A/cm², s" : "chip: A, s"
        applied_current = appliedCurrent
        self.duration = duration
        spike_times = spikes
        bursts = BurstSummary(BurstTrain(spikeTimes: spikes, end: duration))
    }

    var text: String {
        var lines = [
            "compound neuron of neurons \(neurons.map(String.init).joined(separator: " and ")) (\(tie)), "
                + String(format: "%g %@ for %g s (%@)", applied_current, units.hasPrefix("target") ? "A/cm²" : "A", duration, units),
            "spikes: \(spike_times.count)",
        ]
        if let period = bursts.period_s {
            lines.append(String(format: "bursts (whole run): %d, spikes per burst %@, period %.4g s, intra-burst rate %.4g Hz, duty cycle %.3f",
                                bursts.bursts, bursts.spikesPerBurstText, period, bursts.intra_burst_rate_Hz ?? 0, bursts.duty_cycle ?? 0))
        } else {
            lines.append("bursts (whole run): \(bursts.spikesPerBurstText)")
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
