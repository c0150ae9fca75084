import Testing
import Fitting
import NeuroDynChip

/// The library example of the README, run as written, with checks on what it
/// produces, so the README cannot drift from the API.
@Suite("README example")
struct ReadmeExampleTests {
    @Test("Fit, program, perturb, simulate")
    func example() throws {
        let fit = try HodgkinHuxleyFitter(voltageScale: 3).fit()
        #expect(fit.registers.conductances.sodium.value == 1023)
        #expect(fit.speedUp > 1)
        var chip = fit.neuron
        try chip.perturb(sigma: 0.15, seed: 42)
        let run = try chip.simulate(
            appliedCurrent: fit.currentGain * 10e-6, duration: 0.02,
            options: SolverOptions(relativeTolerance: 1e-6, spikeThreshold: 0.9))
        #expect(run.status == .completed)
        #expect(run.statistics.evaluations > 0)
        #expect(run.spikeTimes.allSatisfy { $0 > 0 && $0 <= 0.02 })
    }
}
