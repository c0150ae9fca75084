// The example of docs/bring-up.md. The text between the markers must equal the
// guide's code block (DocumentationExampleTests checks it), so the guide is
// compiled and run with the tests.
// BEGIN EXAMPLE bring-up-guide
import Fitting
import NeuroDynChip

func calibrateFromMeasurements() throws -> (codes: NeuronRegisters, estimate: DieEstimate) {
    let fitter = try HodgkinHuxleyFitter.tunedForFidelity(voltageScale: 3)
    let nominal = try fitter.fit()
    // A die whose factors only the emulation knows (a board driver replaces it).
    let truth = try MismatchModel(sigma: 0.15).draw(seed: 1, instance: 2)
    var die = EmulatedDie(
        factors: truth, biases: nominal.neuron.biases,
        measurement: try MeasurementModel(relativeNoise: 0.01), seed: 1, stream: 2)
    // The factors, their standard errors and the bench time spent.
    let estimate = try DieCharacterization().characterize(&die)
    // Codes for the estimated die; the search runs on its model (budget 20 here).
    let calibrated = try DieCalibration(fitter: fitter, budget: 20).calibrate(estimate.factors)
    return (calibrated.registers, estimate)
}
// END EXAMPLE
