import Testing
import Fitting
import NeuroDynChip

/// Codes chosen for a known die (``HodgkinHuxleyFitter/die``) and the
/// calibration built on them.
@Suite("Die calibration")
struct DieCalibrationTests {
    static let model = try! MismatchModel(sigma: 0.15)

    @Test("A nominal die gets the nominal codes")
    func nominalDie() throws {
        let fitter = try HodgkinHuxleyFitter.forFidelity(voltageScale: 3)
        var explicit = fitter
        explicit.die = .none
        #expect(try explicit.fit().registers == fitter.fit().registers)
        #expect(try fitter.fit().neuron.mismatch.isNone)
    }

    /// Each conductance and reversal code is the wanted value over the die's
    /// factor, rounded: on the die its current is within half an LSB (times
    /// the factor) of the nominal fit's continuous value.
    @Test("Conductance and reversal codes divide the die's factors out", arguments: [UInt64(0), 1, 2, 3])
    func dividedCodes(instance: UInt64) throws {
        var fitter = try HodgkinHuxleyFitter.forFidelity(voltageScale: 3)
        fitter.outOfRangePolicy = .saturate
        let nominal = try fitter.fit()
        let factors = Self.model.draw(seed: 11, instance: instance)
        fitter.die = factors
        let fit = try fitter.fit()
        #expect(fit.neuron.mismatch == factors)
        let conversions = ChipConversions(biases: fit.biases, constants: fit.constants)
        for channel in IonChannel.allCases {
            let f = factors.conductances[channel]
            let effective = f * conversions.conductance(fit.registers.conductances[channel])
            let wanted = nominal.analog.conductances[channel]
            if fit.registers.conductances[channel].value < DigitalCode.maximum {
                #expect(abs(effective - wanted) <= 0.5 * f * conversions.conductancePerCode * (1 + 1e-12))
            }
            let fe = factors.reversals[channel]
            let offset = fe * conversions.reversalOffset(fit.registers.reversals[channel])
            let wantedOffset = nominal.analog.reversalOffsets[channel]
            if abs(fit.registers.reversals[channel].value) < SignedDigitalCode.maximumMagnitude {
                #expect(abs(offset - wantedOffset) <= 0.5 * fe * conversions.reversalPerCode * (1 + 1e-12))
            } else {
                #expect(fit.saturated.contains { $0.register == "dE.\(channel.rawValue)" }
                        || abs(offset - wantedOffset) <= 0.5 * fe * conversions.reversalPerCode * (1 + 1e-12))
            }
        }
    }

    @Test("Calibration is deterministic and keeps codes in range")
    func deterministic() throws {
        let tuned = try FidelitySearch(fitter: .forFidelity(voltageScale: 3), budget: 40).run().fitter
        let calibration = DieCalibration(fitter: tuned, budget: 8)
        let factors = Self.model.draw(seed: 3, instance: 5)
        let first = try calibration.calibrate(factors), second = try calibration.calibrate(factors)
        #expect(first.registers == second.registers)
        #expect(first.neuron.mismatch == factors)
        for gate in Gate.allCases {
            for rate in Rate.allCases {
                #expect(first.registers.splines[gate][rate].values.allSatisfy(DigitalCode.range.contains))
            }
        }
    }
}
