// The library example of README.md, between the markers; checked by
// DocumentationExampleTests against the README's code block.
import Fitting
import NeuroDynChip

func readmeExample() throws {
    // BEGIN EXAMPLE readme
    let fit = try HodgkinHuxleyFitter(voltageScale: 3).fit()
    print(fit.registers.conductances.sodium, fit.speedUp)       // codes, scl_t
    var chip = fit.neuron                                       // the programmed chip
    try chip.perturb(sigma: 0.15, seed: 42)                     // one mismatched die
    let run = try chip.simulate(
        appliedCurrent: fit.currentGain * 10e-6, duration: 0.02,
        options: SolverOptions(relativeTolerance: 1e-6, spikeThreshold: 0.9))
    print(run.spikeTimes, run.statistics)
    // END EXAMPLE
}
