import Testing
import NeuroDynChip

@Suite("Monte Carlo")
struct MonteCarloTests {
    static func run() throws -> MonteCarloRun {
        try MonteCarloRun(
            nominal: .defaultChip, mismatch: try MismatchModel(sigma: 0.15), seed: 11, duration: 0.005,
            initialState: NeuroDynNeuron.publishedInitialState,
            options: SolverOptions(relativeTolerance: 1e-5, absoluteTolerance: 1e-8, spikeThreshold: 0.85))
    }

    static func collect(_ run: MonteCarloRun, count: Int, batch: Int) -> [[MonteCarloRun.Outcome]] {
        var all: [[MonteCarloRun.Outcome]] = []
        run.run(count: count, currents: [0, 2e-10], batchSize: batch) { k, outcomes in
            #expect(k == all.count)
            all.append(outcomes)
        }
        return all
    }

    /// Batches of 1 run one instance at a time; batches of 16 spread them over
    /// every core. Instance k must come out the same either way, and whatever
    /// the count.
    @Test("Results depend neither on threads nor on the count")
    func deterministic() throws {
        let run = try Self.run()
        let spread = Self.collect(run, count: 12, batch: 16)
        let serial = Self.collect(run, count: 12, batch: 1)
        let fewer = Self.collect(run, count: 5, batch: 3)
        #expect(spread == serial)
        #expect(Array(spread.prefix(5)) == fewer)
        #expect(Set(spread.map { $0[0].rate }).count > 1)
    }

    @Test("An instance is its die simulated directly")
    func instanceIsDie() throws {
        let run = try Self.run()
        var die = NeuroDynNeuron.defaultChip
        try die.perturb(sigma: 0.15, seed: 11, instance: 3)
        let direct = try die.simulate(
            appliedCurrent: 2e-10, duration: 0.005, options: SolverOptions(
                relativeTolerance: 1e-5, absoluteTolerance: 1e-8, spikeThreshold: 0.85))
        let outcome = run.outcome(of: run.die(3), instance: 3, current: 2e-10)
        #expect(outcome.spikeCount == direct.spikeTimes.count)
        #expect(outcome.evaluations == direct.statistics.evaluations)
        if direct.spikeTimes.count >= 2 {
            let rate = Double(direct.spikeTimes.count - 1) / (direct.spikeTimes.last! - direct.spikeTimes.first!)
            #expect(outcome.rate == rate)
        }
    }

    /// A time-varying input adds to every current: the instance is its die
    /// simulated under the current plus the input.
    @Test("An instance under an input is its die under current plus input")
    func instanceUnderInput() throws {
        let input = Stimulus(pulses: [Stimulus.Pulse(start: 0.001, duration: 0.0005, amplitude: 4e-10)])
        let run = try MonteCarloRun(
            nominal: .defaultChip, mismatch: try MismatchModel(sigma: 0.15), seed: 11, duration: 0.005,
            initialState: NeuroDynNeuron.publishedInitialState,
            options: SolverOptions(relativeTolerance: 1e-5, absoluteTolerance: 1e-8, spikeThreshold: 0.85), input: input)
        var stimulus = input
        stimulus.offset = 1e-10
        let direct = try run.die(3).simulate(
            stimulus: stimulus, duration: 0.005, options: SolverOptions(
                relativeTolerance: 1e-5, absoluteTolerance: 1e-8, trace: .none, spikeThreshold: 0.85))
        let outcome = run.outcome(of: run.die(3), instance: 3, current: 1e-10)
        #expect(outcome.spikeCount == direct.spikeTimes.count)
        #expect(outcome.evaluations == direct.statistics.evaluations)
        #expect(throws: NeuroDynError.self) {
            _ = try MonteCarloRun(
                nominal: .defaultChip, mismatch: try MismatchModel(sigma: 0.15), seed: 11, duration: 0.005,
                initialState: NeuroDynNeuron.publishedInitialState,
                options: SolverOptions(spikeThreshold: 0.85), input: Stimulus(offset: .nan))
        }
    }

    @Test("Summary: yield, silence and quantiles")
    func summary() {
        let rates: [Double] = [0, 0, 80, 95, 100, 105, 119, 121, 150, 200]
        let summary = RateSummary(current: 1e-10, nominalRate: 100, rates: rates, silent: 2, tolerance: 0.2)
        #expect(summary.yield == 0.5)  // 80, 95, 100, 105, 119 are within ±20 Hz
        #expect(summary.silentFraction == 0.2)
        #expect(summary.quantiles[2] == 102.5)  // median of 10 values: between 100 and 105
        #expect(summary.quantiles[0] == 0)
        #expect(abs(summary.quantiles[4] - (150 + 0.55 * 50)) < 1e-12)  // 0.95 · 9 = 8.55
        let silentNominal = RateSummary(current: 0, nominalRate: 0, rates: [0, 0, 30, 0], silent: 3, tolerance: 0.2)
        #expect(silentNominal.yield == 0.75)
    }

    @Test("Bad settings are refused")
    func refused() throws {
        #expect(throws: NeuroDynError.self) {
            _ = try MonteCarloRun(
                nominal: .defaultChip, mismatch: try MismatchModel(), seed: 1, duration: 0,
                initialState: NeuroDynNeuron.publishedInitialState, options: SolverOptions(spikeThreshold: 0.85))
        }
        #expect(throws: NeuroDynError.self) {
            _ = try MonteCarloRun(
                nominal: .defaultChip, mismatch: try MismatchModel(), seed: 1, duration: 0.01,
                initialState: NeuroDynNeuron.publishedInitialState, options: SolverOptions())
        }
    }
}
