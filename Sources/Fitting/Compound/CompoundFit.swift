import NeuroDynChip

/// A compound neuron fitted onto two chip neurons (``CompoundFitter``): the
/// parts' fits, the codes programmed after the slow-wave correction and the
/// burst search, and the bursts of target and chip at the design current.
public struct CompoundFit: Sendable {
    /// Each part's fit as the fitter made it (codes before correction), in
    /// membrane order; each carries its board's biases.
    public let parts: [ChipFit]
    /// The codes to program, in membrane order.
    public let registers: [NeuronRegisters]
    /// The dies the codes are for (none: a nominal pair), in membrane order.
    public let dies: [MismatchFactors]
    /// σ_t each part would choose alone with the spiking board's I_master
    /// (same order). The spiking part's is the shared one.
    public let ownTimeScales: [Double]
    /// Target and chip bursts at one total current the search matched.
    public struct Matched: Sendable {
        /// µA/cm², total.
        public let current: Double
        /// The target's bursts (times in s).
        public let target: BurstTrain
        /// The chip's bursts (target time, s).
        public let chip: BurstTrain
    }
    /// The bursts at each current the search matched: the design current
    /// first, then the ``CompoundFitter/searchCurrents``.
    public let matched: [Matched]
    /// The band of currents around the design current at which the target
    /// bursts with the design current's spikes per burst, µA/cm² (nil unless
    /// the search currents came from it).
    public let targetBand: ClosedRange<Double>?
    /// The rebound spikes of target and chip under a rebound test.
    public struct ReboundMatch: Sendable, Hashable {
        public let test: ReboundProtocol
        public let target: Int
        public let chip: Int
    }
    /// The rebound test the search matched, nil when it matched none.
    public let rebound: ReboundMatch?
    /// The total current the bursts were tuned at, µA/cm².
    public var designCurrent: Double { matched[0].current }
    /// The target's bursts at the design current (times in s).
    public var targetBursts: BurstTrain { matched[0].target }
    /// The chip's bursts at the design current (target time, s).
    public var chipBursts: BurstTrain { matched[0].chip }
    /// Settings the burst search tried, each simulated at every search
    /// current and under the rebound test.
    public let searchEvaluations: Int
    /// The voltages and slow-gate values the slow-wave correction matched over.
    public let slowWaveWindow: SlowWaveWindow
    /// The factors the slow-wave correction put on the slow part's g_Na and
    /// g_K before its codes were chosen (the correction on the codes then
    /// moves them by a few percent).
    public let correctionFactors: (sodium: Double, potassium: Double)
    /// The span of target time the bursts are measured over, s (after the initial train).
    public let measureSpan: (from: Double, to: Double)
    /// How the fit was made, to make it again for a die.
    let pipeline: CompoundPipeline

    /// The pair calibrated for `dies` (one per part, in membrane order): the
    /// parts' codes chosen for each die's factors, then the slow-wave
    /// correction, the slow gate's refinement and the burst search run on
    /// that die. The biases and the time scale stay the nominal fit's.
    ///
    /// - Throws: ``FittingError/invalidSetting(name:value:)`` for a die count
    ///   other than the part count; errors of the fits and simulations.
    public func calibrated(for dies: [MismatchFactors]) throws(FittingError) -> CompoundFit {
        guard dies.count == parts.count else { throw .invalidSetting(name: "dies", value: Double(dies.count)) }
        return try pipeline.run(dies: dies)
    }

    /// The bursts of this fit's codes on `dies` (one per part, in membrane
    /// order, on top of ``dies``) at the design current, over ``measureSpan``:
    /// what a mismatched die does before it is calibrated.
    ///
    /// - Throws: ``FittingError/invalidSetting(name:value:)`` for a die count
    ///   other than the part count; ``FittingError/invalidTarget(_:)`` when
    ///   the chip cannot be simulated.
    public func nominalBursts(on dies: [MismatchFactors]) throws(FittingError) -> BurstTrain {
        guard dies.count == parts.count else { throw .invalidSetting(name: "dies", value: Double(dies.count)) }
        var onDie = neurons()
        for k in onDie.indices { onDie[k].perturb(with: dies[k]) }
        do {
            let spikes = try Self.chipSpikeTimes(
                neurons: onDie, mapping: mapping, stimulus: .constant(designCurrent * 1e-6), duration: measureSpan.to)
            return BurstTrain(spikeTimes: spikes, start: measureSpan.from, end: measureSpan.to)
        } catch {
            throw .invalidTarget("the chip compound cannot be simulated on the die: \(error.description)")
        }
    }

    /// The target's spikes per burst at the design current.
    public var targetSpikesPerBurst: Set<Int> { Set(targetBursts.spikesPerBurst) }

    /// Whether `train` bursts with the target's spikes per burst, every burst.
    public func burstsLikeTarget(_ train: BurstTrain) -> Bool {
        train.isBursting && !train.spikesPerBurst.isEmpty && Set(train.spikesPerBurst) == targetSpikesPerBurst
    }

    /// The shared mapping (the spiking part's). Every part's conductances
    /// are converted with the same ratio of chip to target capacitance, so
    /// the total target current (µA/cm², as the parts' currents) maps to
    /// `current_gain · I` into the shared membrane.
    public var mapping: RegisterFile.Mapping { parts[0].mapping }

    /// Each part's board biases.
    public var biases: [ChipBiases] { parts.map(\.biases) }

    /// The programmed chip neurons, each on its die (``dies``), in membrane order.
    public func neurons(constants: ChipConstants = .neuroDyn) -> [NeuroDynNeuron] {
        parts.indices.map { k in
            var neuron = NeuroDynNeuron(registers: registers[k], biases: parts[k].biases, constants: constants)
            neuron.perturb(with: dies[k])
            return neuron
        }
    }

    /// The chip compound's spike times (target s) under `stimulus` (target
    /// units, SI: A/cm² total, s) for `duration` (target s), from the
    /// target's rest with every gate at 0; spikes are upward crossings of
    /// 50 mV above the rest.
    public func spikeTimes(stimulus: Stimulus, duration: Double) throws(NeuroDynError) -> [Double] {
        try Self.chipSpikeTimes(neurons: neurons(), mapping: parts[0].mapping, stimulus: stimulus, duration: duration)
    }

    /// The chip compound of `neurons` under a target stimulus (SI) through
    /// `mapping`: spike times in target s.
    public static func chipSpikeTimes(
        neurons: [NeuroDynNeuron], mapping: RegisterFile.Mapping, stimulus: Stimulus, duration: Double
    ) throws(NeuroDynError) -> [Double] {
        try chipRun(neurons: neurons, mapping: mapping, stimulus: stimulus, duration: duration).spikes
    }

    /// The chip compound's run: spike times and, at `samples` (target s), the
    /// first neuron's voltage in target units (V relative to the model's
    /// origin). Tied by a short circuit the neurons are one membrane; tied by
    /// gap junctions (the first neuron to each other one) each keeps its own,
    /// and the current goes into the first.
    public static func chipRun(
        neurons: [NeuroDynNeuron], mapping: RegisterFile.Mapping, stimulus: Stimulus, duration: Double,
        samples: [Double]? = nil, tie: CompoundNeuron.Tie = .short
    ) throws(NeuroDynError) -> (spikes: [Double], voltages: [Double]) {
        let mapping = mapping.relativeToOrigin
        let chipStimulus = try mapping.chipStimulus(stimulus)
        let options = SolverOptions(
            relativeTolerance: 1e-6, absoluteTolerance: 1e-9,
            trace: samples.map { .times($0.map(mapping.chipTime)) } ?? .none,
            spikeThreshold: mapping.chipVoltage(0.05))
        let chip = try CompoundChip(neurons: neurons, tie: tie)
        let result = try chip.simulate(
            stimulus: chipStimulus, duration: mapping.chipTime(duration),
            initialState: chip.initialState(voltage: mapping.chipVoltage(0)), options: options)
        let voltages = samples == nil ? [] : result.simulation.trace.component(0).map(mapping.targetVoltage)
        return (result.spikeTimes[0].map(mapping.targetTime), voltages)
    }
}
