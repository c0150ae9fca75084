/// A Monte Carlo population of mismatched dies of one chip: instance k of
/// seed N is the nominal neuron perturbed by `MismatchModel.draw(seed: N,
/// instance: k)`, simulated under a constant current, plus an optional
/// time-varying input shared by every die and current.
///
/// Instances run in batches on every core. Results are handed out in instance
/// order and depend only on (chip, mismatch, seed, k, current, options), never
/// on the number of threads. No trace is kept: memory stays flat in the count.
public struct MonteCarloRun: Sendable {
    /// The result of one instance under one current.
    public struct Outcome: Sendable, Hashable {
        /// The instance index k.
        public let instance: Int
        /// The applied current (A).
        public let current: Double
        /// Upward threshold crossings over the run.
        public let spikeCount: Int
        /// 1 / mean inter-spike interval in Hz; 0 with fewer than two spikes.
        public let rate: Double
        /// Whether the integration reached the end of the run.
        public let completed: Bool
        /// Right-hand-side evaluations the run took.
        public let evaluations: Int

        /// Whether the instance fired at all.
        public var fires: Bool { spikeCount > 0 }
    }

    /// The nominal chip.
    public let nominal: NeuroDynNeuron
    /// How dies deviate.
    public let mismatch: MismatchModel
    /// The seed N.
    public let seed: UInt64
    /// Run length in seconds.
    public let duration: Double
    /// Initial state `[V, m, h, n]`.
    public let initialState: [Double]
    /// Tolerances and spike threshold (the trace setting is ignored: none is kept).
    public let options: SolverOptions
    /// Added to each constant current: pulses, steps, waveforms, noise (A
    /// over seconds; its constant part adds too). Default: nothing.
    public let input: Stimulus

    /// - Throws: ``NeuroDynError`` for a duration, state, options or input
    ///   that cannot drive a simulation.
    public init(
        nominal: NeuroDynNeuron, mismatch: MismatchModel, seed: UInt64, duration: Double,
        initialState: [Double], options: SolverOptions, input: Stimulus = .constant(0)
    ) throws(NeuroDynError) {
        guard duration.isFinite && duration > 0 else { throw .invalidSolverOption(name: "duration", value: duration) }
        try input.validate()
        self.input = input
        try options.validate(dimension: 4)
        try DormandPrince45.validate(initialState: initialState, dimension: 4)
        guard options.spikeThreshold != nil else { throw .invalidSolverOption(name: "threshold", value: .nan) }
        self.nominal = nominal
        self.mismatch = mismatch
        self.seed = seed
        self.duration = duration
        self.initialState = initialState
        var quiet = options
        quiet.trace = .none
        quiet.keepsDenseOutput = false
        self.options = quiet
    }

    /// The die of instance `k`.
    public func die(_ k: Int) -> NeuroDynNeuron {
        var die = nominal
        die.perturb(with: mismatch.draw(seed: seed, instance: UInt64(k)))
        return die
    }

    /// Simulates `neuron` under `current` (A) plus ``input``.
    public func outcome(of neuron: NeuroDynNeuron, instance: Int, current: Double) -> Outcome {
        var stimulus = input
        stimulus.offset += current
        guard let result = try? neuron.simulate(
            stimulus: stimulus, duration: duration, initialState: initialState, options: options)
        else {
            return Outcome(instance: instance, current: current, spikeCount: 0, rate: 0, completed: false, evaluations: 0)
        }
        let spikes = result.spikeTimes
        return Outcome(
            instance: instance, current: current, spikeCount: spikes.count, rate: SpikeRate.interSpike(spikes),
            completed: result.status.isCompleted, evaluations: result.statistics.evaluations)
    }

    /// Runs instances 0..<count under each of `currents`, calling `deliver`
    /// with each instance's outcomes (one per current, in order), instance
    /// after instance in order, from the calling thread.
    ///
    /// - Parameter batchSize: instances simulated concurrently before delivery.
    public func run(
        count: Int, currents: [Double], batchSize: Int = 64, deliver: (Int, [Outcome]) throws -> Void
    ) rethrows {
        precondition(count >= 0 && batchSize > 0 && !currents.isEmpty, "count ≥ 0, batch > 0, one current at least")
        var start = 0
        while start < count {
            let first = start, end = min(count, start + batchSize)
            let batch = ParallelMap.map(count: end - first) { offset in
                let die = self.die(first + offset)
                return currents.map { outcome(of: die, instance: first + offset, current: $0) }
            }
            for (offset, outcomes) in batch.enumerated() {
                try deliver(start + offset, outcomes)
            }
            start = end
        }
    }
}
