/// A Monte Carlo population of mismatched dies of one chip network: die k of
/// seed N is the nominal network perturbed by
/// ``ChipNetwork/perturbed(by:seed:instance:)``, every neuron under its own
/// stimulus.
///
/// Dies run in batches on every core; results are handed out in die order and
/// depend only on (network, mismatch, seed, k, stimuli, options), never on the
/// number of threads. No trace is kept.
public struct NetworkMonteCarloRun: Sendable {
    /// The result of one die.
    public struct Outcome: Sendable, Hashable {
        /// The die index k (−1 for the nominal network).
        public let instance: Int
        /// Per neuron, its upward threshold crossings.
        public let spikeCounts: [Int]
        /// Per neuron, 1 / mean inter-spike interval in Hz (0 with fewer than two spikes).
        public let rates: [Double]
        /// Whether the integration reached the end of the run.
        public let completed: Bool
        /// Right-hand-side evaluations the run took.
        public let evaluations: Int

        /// Per neuron, whether it fired at all.
        public var fires: [Bool] { spikeCounts.map { $0 > 0 } }
    }

    public let nominal: ChipNetwork
    public let mismatch: MismatchModel
    public let seed: UInt64
    /// Run length in seconds.
    public let duration: Double
    /// One stimulus per neuron (A over s).
    public let stimuli: [Stimulus]
    /// The initial state of the whole network.
    public let initialState: [Double]
    /// Tolerances and spike threshold (no trace is kept).
    public let options: SolverOptions

    /// - Throws: ``NeuroDynError`` for a duration, state, stimuli or options
    ///   that cannot drive a simulation, or no spike threshold.
    public init(
        nominal: ChipNetwork, mismatch: MismatchModel, seed: UInt64, duration: Double, stimuli: [Stimulus],
        initialState: [Double], options: SolverOptions
    ) throws(NeuroDynError) {
        try RunArguments.validate(duration: duration)
        let dynamics = try nominal.dynamics(stimuli: stimuli)
        var quiet = options
        quiet.trace = .none
        quiet.keepsDenseOutput = false
        quiet.watchedComponents = dynamics.offsets
        try quiet.validate(dimension: dynamics.dimension)
        try DormandPrince45.validate(initialState: initialState, dimension: dynamics.dimension)
        guard options.spikeThreshold != nil else { throw .invalidSolverOption(name: "threshold", value: .nan) }
        self.nominal = nominal
        self.mismatch = mismatch
        self.seed = seed
        self.duration = duration
        self.stimuli = stimuli
        self.initialState = initialState
        self.options = quiet
    }

    /// The network of die `k`.
    public func die(_ k: Int) -> ChipNetwork {
        nominal.perturbed(by: mismatch, seed: seed, instance: UInt64(k))
    }

    /// Simulates `network` (die `instance`).
    public func outcome(of network: ChipNetwork, instance: Int) -> Outcome {
        guard let result = try? network.simulate(
            stimuli: stimuli, duration: duration, initialState: initialState, options: options)
        else {
            let zeros = nominal.neurons.map { _ in 0 }
            return Outcome(
                instance: instance, spikeCounts: zeros, rates: zeros.map(Double.init), completed: false, evaluations: 0)
        }
        return Outcome(
            instance: instance, spikeCounts: result.spikeTimes.map(\.count), rates: result.rates,
            completed: result.simulation.status.isCompleted, evaluations: result.simulation.statistics.evaluations)
    }

    /// Runs dies 0..<count, calling `deliver` with each outcome in die order
    /// from the calling thread.
    public func run(count: Int, batchSize: Int = 64, deliver: (Outcome) throws -> Void) rethrows {
        precondition(count >= 0 && batchSize > 0, "count ≥ 0, batch > 0")
        var start = 0
        while start < count {
            let first = start, end = min(count, start + batchSize)
            let batch = ParallelMap.map(count: end - first) { offset in
                outcome(of: die(first + offset), instance: first + offset)
            }
            for outcome in batch { try deliver(outcome) }
            start = end
        }
    }
}

/// What a population of network dies did against the nominal network.
public struct NetworkYield: Sendable, Hashable, Codable {
    /// Dies counted.
    public let count: Int
    /// The relative rate tolerance of ``yield``.
    public let tolerance: Double
    /// Share of dies in which every neuron that fires in the nominal network
    /// fires too (activity reaches where it should: a chain still propagates).
    public let propagation: Double
    /// Share of dies in which every neuron's rate is within ±tolerance of the
    /// nominal one (silent where the nominal neuron is silent).
    public let yield: Double
    /// Per neuron, the summary of its rates (its `current` is the constant
    /// part of the neuron's stimulus).
    public let neurons: [RateSummary]

    /// Summarises `outcomes` against `nominal`; `currents` are the neurons'
    /// constant currents, recorded in their summaries.
    public init(
        nominal: NetworkMonteCarloRun.Outcome, outcomes: [NetworkMonteCarloRun.Outcome], currents: [Double],
        tolerance: Double
    ) {
        count = outcomes.count
        self.tolerance = tolerance
        func within(_ rate: Double, _ reference: Double) -> Bool {
            reference > 0 ? abs(rate - reference) <= tolerance * reference : rate == 0
        }
        let reached = outcomes.filter { outcome in
            zip(outcome.spikeCounts, nominal.spikeCounts).allSatisfy { $1 == 0 || $0 > 0 }
        }.count
        let good = outcomes.filter { outcome in
            zip(outcome.rates, nominal.rates).allSatisfy { within($0, $1) }
        }.count
        propagation = outcomes.isEmpty ? 0 : Double(reached) / Double(outcomes.count)
        yield = outcomes.isEmpty ? 0 : Double(good) / Double(outcomes.count)
        neurons = nominal.rates.indices.map { i in
            RateSummary(
                current: currents[i], nominalRate: nominal.rates[i], rates: outcomes.map { $0.rates[i] },
                silent: outcomes.filter { $0.spikeCounts[i] == 0 }.count, tolerance: tolerance)
        }
    }

    enum CodingKeys: String, CodingKey {
        case count, tolerance, propagation, yield, neurons
    }
}
