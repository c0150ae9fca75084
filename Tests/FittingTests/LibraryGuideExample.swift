// The example of docs/library.md. The text between the markers must equal the
// guide's code block (DocumentationExampleTests checks it), so the guide is
// compiled and run with the tests.
// BEGIN EXAMPLE library-guide
import Fitting
import NeuroDynChip

func bringUpExample() throws -> SimulationResult {
    // Fit HH, scaled 3× in voltage, onto the chip with the default biases.
    let fit = try HodgkinHuxleyFitter(voltageScale: 3).fit()

    // Inspect the codes, the time scale and the quality of the fit.
    print("dg (Na, K, L):", fit.registers.conductances.values.map(\.value))
    print("n-β codes:", fit.registers.splines.n.beta.values)
    print("scl_t:", fit.speedUp, "current gain (A per A/cm²):", fit.currentGain)
    let quality = fit.quality
    print("largest τ_n error with the codes:", quality.gates.n.timeConstant.quantized)

    // The register file, as a bring-up script would save and reload it.
    let json = try fit.registerFileJSON()
    let file = try RegisterFile.decode(json)
    guard let mapping = file.mapping else { throw RegisterFileError.missingKey("mapping") }

    // Die 7 of seed 2024, with 15% transistor mismatch.
    var die = file.neuron()
    try die.perturb(sigma: 0.15, seed: 2024, instance: 7)

    // Drive it with the chip current that stands for 20 µA/cm² of the target,
    // from the target's rest mapped onto the chip.
    let run = try die.simulate(
        appliedCurrent: mapping.currentGain * 20e-6, duration: 0.02,
        initialState: [mapping.voltageOffset, 0.05, 0.6, 0.32],
        options: SolverOptions(
            relativeTolerance: 1e-6, absoluteTolerance: 1e-9,
            spikeThreshold: mapping.voltageOffset + 0.05 * mapping.voltageScale))
    print("spikes:", run.spikeTimes.count, "evaluations:", run.statistics.evaluations)
    return run
}
// END EXAMPLE
