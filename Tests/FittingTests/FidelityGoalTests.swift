import Testing
import Fitting
import NeuroDynChip

/// The fidelity the default fit reaches (``HodgkinHuxleyFitter/tunedForFidelity(voltageScale:target:constants:)``,
/// what `ndfit fit` emits), pinned at the levels reached so that no change
/// can quietly lose them. Measured by the standard behaviour protocol (noise
/// seeds 1…6) and the standard f-I protocol, for every scl_v from 2 to 5:
///
/// - codes in range, biases within 50–400 nA, capacitance scaling 0.1–1;
/// - the f-I error ≤ 0.05 and the rheobase within 10%;
/// - every other measure within its goal (``BehaviourGoals/standard``), but
///   at scl_v = 3 the step's rise time (2.17 against 2.73 ms: 20.4% short,
///   score 1.02) and at scl_v = 2 the spike timing;
/// - Γ averaged over the six settings ≥ 0.8 from scl_v = 3 on (0.84, 0.90,
///   0.84 reached) and ≥ 0.7 at scl_v = 2 (0.71: its sigmoids, 37 mV wide on
///   the chip, are 18 mV wide on the target's axis, twice h-β's 10 mV); the
///   smallest Γ of a setting ≥ 0.6 from scl_v = 3 on (0.71, 0.69, 0.66) and
///   ≥ 0.5 at scl_v = 2 (0.55).
@Suite("Fidelity of the searched fit")
struct FidelityGoalTests {
    @Test("Searched fits behave like their targets", arguments: [2.0, 3.0, 4.0, 5.0])
    func searched(voltageScale: Double) throws {
        let fit = try HodgkinHuxleyFitter.tunedForFidelity(voltageScale: voltageScale).fit()
        #expect(fit.saturated.isEmpty)
        for current in [fit.biases.masterCurrent, fit.biases.voltageCurrent] {
            #expect(current >= 50e-9 && current <= 400e-9)
        }
        #expect(fit.biases.capacitanceScaling >= 0.1 && fit.biases.capacitanceScaling <= 1)
        let report = try BehaviourEvaluator().evaluate(fit)
        let firing = try #require(report.firing)
        #expect(firing.error <= 0.05, "error \(firing.error): \(firing.chipRates)")
        let rheobaseError = try #require(firing.rheobaseError)
        #expect(rheobaseError <= 0.10, "rheobase \(String(describing: firing.chipRheobase)) vs \(String(describing: firing.targetRheobase))")
        for assessment in report.assessments() where !assessment.measure.hasPrefix("Γ") {
            let allowance = voltageScale == 3 && assessment.measure == "step rise time" ? 1.1 : 1
            #expect(assessment.score <= allowance, "\(assessment.measure): chip \(String(describing: assessment.chip)), target \(String(describing: assessment.target))")
        }
        let mean = try #require(report.meanCoincidence)
        let minimum = try #require(report.coincidences.compactMap { $0 }.min())
        #expect(mean >= (voltageScale == 2 ? 0.7 : 0.8), "Γ \(report.coincidences)")
        #expect(minimum >= (voltageScale == 2 ? 0.5 : 0.6), "Γ \(report.coincidences)")
    }
}
