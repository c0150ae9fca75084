import Testing
import Fitting
import NeuroDynChip

/// The fidelity measure against the figures of the specification for the
/// published fit (scl_v = 3), which any correct implementation of the measure
/// must reproduce: the fitted chip never fires (error 0.52); with its hand edit
/// (n-β × 15) it fires at rest and under weak drive and goes silent above.
@Suite("Fidelity measure")
struct FidelityTests {
    static func publishedChip(handEdit: Bool) throws -> (NeuroDynNeuron, RegisterFile.Mapping, HodgkinHuxleyModel) {
        var constants = ChipConstants.neuroDyn
        constants.kappaLinear = 0.7
        let fit = try HodgkinHuxleyFitter(
            voltageScale: 3, constants: constants, targetSampling: .published, refinesCodes: false).fit()
        var registers = fit.registers
        if handEdit {
            registers.splines.n.beta = try SplineCodes(values: [15, 0, 0, 0, 0, 0, 0])
        }
        // The published codes on the real chip (κ_lin = 0.2).
        let chip = NeuroDynNeuron(registers: registers, biases: fit.biases)
        return (chip, fit.mapping, fit.comparisonTarget)
    }

    @Test("The published fit never fires; its error is 0.52")
    func publishedFit() throws {
        let (chip, mapping, target) = try Self.publishedChip(handEdit: false)
        let report = try FidelityEvaluator().evaluate(target: target, chip: chip, mapping: mapping)
        #expect(report.chipRates.allSatisfy { $0 == 0 })
        #expect(report.chipRheobase == nil && report.rheobaseError == nil)
        #expect(abs(report.error - 0.52) < 0.01)
        // The target: silent up to 5 µA/cm², 700–1250 Hz from 7.5 to 40 (chip time, scl_t = 11.2).
        #expect(report.targetRates.prefix(3).allSatisfy { $0 == 0 })
        #expect(report.targetRates.dropFirst(3).allSatisfy { $0 > 650 && $0 < 1300 })
        #expect(zip(report.targetRates.dropFirst(3), report.targetRates.dropFirst(4)).allSatisfy { $0 < $1 })
        let rheobase = try #require(report.targetRheobase)
        #expect(rheobase > 5 && rheobase < 7.5)
    }

    @Test("With the hand edit it fires at rest and goes silent under drive")
    func handEdited() throws {
        let (chip, mapping, target) = try Self.publishedChip(handEdit: true)
        let report = try FidelityEvaluator().evaluate(target: target, chip: chip, mapping: mapping)
        let published: [Double] = [550, 950, 1150]
        for (ours, theirs) in zip(report.chipRates.prefix(3), published) {
            #expect(abs(ours - theirs) / theirs < 0.05, "\(report.chipRates)")
        }
        #expect(report.chipRates.dropFirst(3).allSatisfy { $0 == 0 })
        #expect(report.chipRheobase == 0)
    }

    @Test("The error is the mean absolute rate difference over the largest target rate")
    func errorDefinition() {
        let report = FidelityReport(
            currents: [0, 1, 2, 3], targetRates: [0, 100, 200, 400], chipRates: [10, 100, 150, 400],
            targetRheobase: 1, chipRheobase: 1.2)
        #expect(abs(report.error - (10 + 0 + 50 + 0) / 4.0 / 400) < 1e-15)
        #expect(abs(report.rheobaseError! - 0.2) < 1e-12)
        let silent = FidelityReport(currents: [0], targetRates: [0], chipRates: [5], targetRheobase: nil, chipRheobase: 0)
        #expect(silent.error == .infinity)
    }

    @Test("Steady rates come from the second half of the run")
    func steadyRate() throws {
        let target = try HodgkinHuxleyModel.standard.scaled(voltage: 3, time: 1).inSIUnits()
        let rate = try FiringRates.target(target, current: 10, protocol: .standard)
        // HH at 10 µA/cm² fires at about 68 Hz.
        #expect(rate > 60 && rate < 75)
        #expect(try FiringRates.target(target, current: 0, protocol: .standard) == 0)
    }
}
