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

    /// The compound `index` of `file` against `target`, its neurons on
    /// `dies` (by the file's neuron index: the dies a calibrated file
    /// records, ``RegisterFile/recordedDies(in:)``).
    ///
    /// - Throws: ``FittingError/invalidTarget(_:)`` for a file without a
    ///   mapping or that compound, or a target whose part count differs from
    ///   the compound's.
    public init(
        file: RegisterFile, compound index: Int = 0, target: CompoundTarget, dies: [Int: MismatchFactors] = [:]
    ) throws(FittingError) {
        guard let mapping = file.mapping else { throw .invalidTarget("the register file has no mapping (it is not a fit's)") }
        guard file.compoundNeurons.indices.contains(index) else {
            throw .invalidTarget("the register file has no compound neuron \(index)")
        }
        let compound = file.compoundNeurons[index]
        guard compound.neurons.count == target.parts.count else {
            throw .invalidTarget("compound_neurons[\(index)] has \(compound.neurons.count) neurons and the target \(target.parts.count) parts")
        }
        do {
            neurons = try CompoundChip(file: file, compound: index, dies: dies).neurons
        } catch {
            throw .invalidTarget(error.description)
        }
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

    /// The currents to compare at, µA/cm²: every 0.05 from 0.1 below a
    /// fit's target band to 0.1 above it; without a band, the design current
    /// plus −0.25, 0, 0.25, 0.5 and 0.75.
    public static func comparisonCurrents(design: Double, band: ClosedRange<Double>?) -> [Double] {
        guard let band else { return [-0.25, 0, 0.25, 0.5, 0.75].map { design + $0 } }
        let count = Int(((band.upperBound - band.lowerBound) / 0.05).rounded()) + 4
        // On a 0.001 µA/cm² grid, so that the design current is met exactly.
        return (0...count).map { ((band.lowerBound - 0.1 + Double($0) * 0.05) * 1e3).rounded() / 1e3 }
    }

    /// How the chip agrees with the target over a band of currents.
    public struct BandAgreement: Codable, Sendable, Hashable {
        public let low_uA_per_cm2: Double
        public let high_uA_per_cm2: Double
        /// Comparisons within the band.
        public let currents: Int
        /// Of those, the ones where the chip bursts with the target's spikes per burst (every burst).
        public let same_spikes_per_burst: Int
        /// Of those, the ones where the chip's period is also within 10 % of the target's.
        public let period_within_10_percent: Int
    }

    /// The agreement of `comparisons` within `band` (µA/cm²).
    public static func agreement(_ comparisons: [Comparison], band: ClosedRange<Double>) -> BandAgreement {
        let inside = comparisons.filter { band.lowerBound - 1e-9...band.upperBound + 1e-9 ~= $0.current_uA_per_cm2 }
        let same = inside.filter {
            !$0.chip.spikes_per_burst.isEmpty && Set($0.chip.spikes_per_burst) == Set($0.target.spikes_per_burst)
        }
        let timed = same.filter {
            guard let chip = $0.chip.period_s, let target = $0.target.period_s else { return false }
            return abs(chip / target - 1) <= 0.1
        }
        return BandAgreement(
            low_uA_per_cm2: band.lowerBound, high_uA_per_cm2: band.upperBound, currents: inside.count,
            same_spikes_per_burst: same.count, period_within_10_percent: timed.count)
    }

    /// Spike counts of target and chip under a rebound protocol.
    public struct Rebound: Codable, Sendable, Hashable {
        public let base_uA_per_cm2: Double
        public let step_uA_per_cm2: Double
        /// When the step begins and ends, s.
        public let step_s: [Double]
        /// Spikes before the step (the initial train).
        public let target_initial_spikes: Int
        public let chip_initial_spikes: Int
        /// Spikes after the step ends: the rebound burst.
        public let target_rebound_spikes: Int
        public let chip_rebound_spikes: Int
    }

    public func rebound(_ test: ReboundProtocol = ReboundProtocol()) throws(FittingError) -> Rebound {
        let (targetSpikes, chipSpikes) = try spikes(test.stimulus, duration: test.end)
        return Rebound(
            base_uA_per_cm2: test.base, step_uA_per_cm2: test.step, step_s: [test.stepStart, test.stepEnd],
            target_initial_spikes: test.initialSpikes(targetSpikes), chip_initial_spikes: test.initialSpikes(chipSpikes),
            target_rebound_spikes: test.reboundSpikes(targetSpikes), chip_rebound_spikes: test.reboundSpikes(chipSpikes))
    }

    /// Voltage traces of target and chip, in target units (s, and V
    /// relative to the model's origin), sampled every `step` s.
    public struct Traces: Sendable {
        public let times: [Double]
        public let target: [Double]
        public let chip: [Double]
    }

    /// The traces under a constant total current (µA/cm²).
    public func traces(current: Double, duration: Double, step: Double = 0.5e-3) throws(FittingError) -> Traces {
        try traces(.constant(current), duration: duration, step: step)
    }

    /// The traces under a rebound protocol, to its end.
    public func traces(_ rebound: ReboundProtocol, step: Double = 0.5e-3) throws(FittingError) -> Traces {
        try traces(rebound.stimulus, duration: rebound.end, step: step)
    }

    /// The traces under `stimulus` (µA/cm² over s).
    func traces(_ stimulus: Stimulus, duration: Double, step: Double) throws(FittingError) -> Traces {
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
