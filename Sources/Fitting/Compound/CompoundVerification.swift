import NeuroDynChip

/// Bursts of a compound register file's chip against its compound target:
/// at chosen total currents, and under the published rebound protocol.
public struct CompoundVerification: Sendable {
    /// The chip neurons of the compound, in membrane order.
    public let neurons: [NeuroDynNeuron]
    public let mapping: RegisterFile.Mapping
    public let target: CompoundTarget
    /// How the file ties the neurons.
    public let tie: CompoundNeuron.Tie

    /// The compound `index` of `file` against `target`.
    ///
    /// - Throws: ``FittingError/invalidTarget(_:)`` for a file without a
    ///   mapping or that compound, or a target whose part count differs from
    ///   the compound's.
    public init(file: RegisterFile, compound index: Int = 0, target: CompoundTarget) throws(FittingError) {
        guard let mapping = file.mapping else { throw .invalidTarget("the register file has no mapping (it is not a fit's)") }
        guard file.compoundNeurons.indices.contains(index) else {
            throw .invalidTarget("the register file has no compound neuron \(index)")
        }
        let compound = file.compoundNeurons[index]
        guard compound.neurons.count == target.parts.count else {
            throw .invalidTarget("compound_neurons[\(index)] has \(compound.neurons.count) neurons and the target \(target.parts.count) parts")
        }
        neurons = compound.neurons.map { file.neuron($0) }
        tie = compound.tie
        self.mapping = mapping
        self.target = target
    }

    /// Target and chip bursts at one total current.
    public struct Comparison: Codable, Sendable, Hashable {
        public let current_uA_per_cm2: Double
        public let target: BurstSummary
        public let chip: BurstSummary
    }

    /// The bursts at each total current (µA/cm²), measured from `settling`
    /// to `duration` (s of model time) after a start from rest, gates at 0.
    public func compare(currents: [Double], duration: Double = 4, settling: Double = 1) throws(FittingError) -> [Comparison] {
        var result: [Comparison] = []
        for current in currents {
            let stimulus = Stimulus.constant(current)
            let (targetSpikes, chipSpikes) = try spikes(stimulus, duration: duration)
            result.append(Comparison(
                current_uA_per_cm2: current,
                target: BurstSummary(BurstTrain(spikeTimes: targetSpikes, start: settling, end: duration)),
                chip: BurstSummary(BurstTrain(spikeTimes: chipSpikes, start: settling, end: duration))))
        }
        return result
    }

    /// The rebound protocol of the published pair: `base` µA/cm² (−6), a step
    /// to `base + step` (−8) from 1.5 to 2.1 s, then `base` again until 2.6 s.
    public struct Rebound: Codable, Sendable, Hashable {
        public let base_uA_per_cm2: Double
        public let step_uA_per_cm2: Double
        /// Spikes before the step (the initial train).
        public let target_initial_spikes: Int
        public let chip_initial_spikes: Int
        /// Spikes after the step ends: the rebound burst.
        public let target_rebound_spikes: Int
        public let chip_rebound_spikes: Int
    }

    public func rebound(base: Double = -6, step: Double = -2) throws(FittingError) -> Rebound {
        let stimulus = Self.reboundStimulus(base: base, step: step)
        let (targetSpikes, chipSpikes) = try spikes(stimulus, duration: 2.6)
        return Rebound(
            base_uA_per_cm2: base, step_uA_per_cm2: step,
            target_initial_spikes: targetSpikes.filter { $0 < 1.5 }.count,
            chip_initial_spikes: chipSpikes.filter { $0 < 1.5 }.count,
            target_rebound_spikes: targetSpikes.filter { $0 >= 2.1 }.count,
            chip_rebound_spikes: chipSpikes.filter { $0 >= 2.1 }.count)
    }

    /// Voltage traces of target and chip, in target units (s, and V
    /// relative to the model's origin), sampled every `step` s.
    public struct Traces: Sendable {
        public let times: [Double]
        public let target: [Double]
        public let chip: [Double]
    }

    /// The traces under a constant total current (µA/cm²), or the rebound protocol when `rebound`.
    public func traces(current: Double, rebound: Bool = false, duration: Double, step: Double = 0.5e-3)
        throws(FittingError) -> Traces
    {
        let stimulus = rebound ? Self.reboundStimulus(base: current, step: -2) : Stimulus.constant(current)
        let times = Array(stride(from: 0, through: duration, by: step))
        let (biological, si) = Self.units(stimulus)
        do {
            let origin = target.parts[0].voltageOrigin
            let targetRun = try target.simulate(biological, duration: duration * 1e3, samples: times.map { $0 * 1e3 })
            let chipRun = try CompoundFit.chipRun(
                neurons: neurons, mapping: mapping, stimulus: si, duration: duration, samples: times, tie: tie)
            return Traces(
                times: times, target: targetRun.simulation.trace.component(0).map { ($0 - origin) * 1e-3 },
                chip: chipRun.voltages)
        } catch {
            throw .invalidTarget("the compound cannot be simulated: \(error.description)")
        }
    }

    /// `stimulus` (µA/cm² over s) in the target's units (µA/cm², ms) and in SI (A/cm², s).
    static func units(_ stimulus: Stimulus) -> (biological: Stimulus, si: Stimulus) {
        (Stimulus(
            offset: stimulus.offset,
            pulses: stimulus.pulses.map { .init(start: $0.start * 1e3, duration: $0.duration * 1e3, amplitude: $0.amplitude) }),
         Stimulus(
            offset: stimulus.offset * 1e-6,
            pulses: stimulus.pulses.map { .init(start: $0.start, duration: $0.duration, amplitude: $0.amplitude * 1e-6) }))
    }

    /// `base` µA/cm², with `step` added from 1.5 to 2.1 s.
    static func reboundStimulus(base: Double, step: Double) -> Stimulus {
        Stimulus(offset: base, pulses: [Stimulus.Pulse(start: 1.5, duration: 0.6, amplitude: step)])
    }

    /// Target and chip spike times (s) under `stimulus` (µA/cm² over s).
    func spikes(_ stimulus: Stimulus, duration: Double) throws(FittingError) -> ([Double], [Double]) {
        let (biological, si) = Self.units(stimulus)
        do {
            let targetSpikes = try target.simulate(biological, duration: duration * 1e3).spikeTimes[0].map { $0 * 1e-3 }
            let chipSpikes = try CompoundFit.chipRun(
                neurons: neurons, mapping: mapping, stimulus: si, duration: duration, tie: tie).spikes
            return (targetSpikes, chipSpikes)
        } catch {
            throw .invalidTarget("the compound cannot be simulated: \(error.description)")
        }
    }
}
