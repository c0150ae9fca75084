import Foundation
import NeuroDynChip
import Testing

@testable import Fitting

@Suite("Compound fits: parts of one membrane on one board")
struct CompoundFitTests {
    /// The published bursting pair's slow part (networks.md §5).
    static let slowPart: HodgkinHuxleyModel = {
        let hh = HodgkinHuxleyModel.standard.rates
        func slowed(_ rate: HodgkinHuxleyRate, by factor: Double) -> HodgkinHuxleyRate {
            rate.shifted(by: 20).scaled(voltageFactor: 1, timeFactor: 1 / factor)
        }
        return HodgkinHuxleyModel(
            conductances: PerChannel(sodium: 1, potassium: 3, leak: 0),
            reversalPotentials: PerChannel(sodium: 200, potassium: -12, leak: 10.6),
            capacitance: 1,
            rates: PerGate(
                m: PerRate(alpha: slowed(hh.m.alpha, by: 15), beta: slowed(hh.m.beta, by: 15)),
                h: PerRate(alpha: hh.h.alpha, beta: .constant(0)),
                n: PerRate(alpha: slowed(hh.n.alpha, by: 30), beta: slowed(hh.n.beta, by: 30))))
    }()

    static func fitter(_ target: HodgkinHuxleyModel, voltageCurrent: Double) throws -> HodgkinHuxleyFitter {
        var fitter = try HodgkinHuxleyFitter.forFidelity(
            voltageScale: 3, target: target, voltageCurrent: voltageCurrent, capacitanceScaling: 0.1)
        fitter.outOfRangePolicy = .saturate
        return fitter
    }

    @Test("The parts share the biases, the voltage frame and the largest time scale any needs")
    func sharedFrame() throws {
        let fit = try CompoundFit(parts: [
            try Self.fitter(.standard, voltageCurrent: 3e-7), try Self.fitter(Self.slowPart, voltageCurrent: 1.5e-7),
        ])
        let slow = fit.parts[1], fast = fit.parts[0]
        #expect(slow.biases == fast.biases)
        #expect(slow.meanVoltage == fast.meanVoltage)
        #expect(slow.timeScales.timeScale == fit.ownTimeScales.max())
        #expect(slow.mapping == fast.mapping)
        // The slow part's rates are 15–30× slower and its conductances 40×
        // smaller: alone it would run at least 10× faster, so on the shared
        // time scale its codes are at least 10× smaller than the fast part's.
        #expect(fit.ownTimeScales[1] < fit.ownTimeScales[0] / 10)
        let fastCodes = fast.registers.conductances.values.map(\.value).max()!
        let slowCodes = slow.registers.conductances.values.map(\.value).max()!
        #expect(slowCodes * 10 < fastCodes)
    }

    @Test("The chip pair runs as one membrane from the target's rest")
    func chipPairRuns() throws {
        let fit = try CompoundFit(parts: [
            try Self.fitter(.standard, voltageCurrent: 1.5e-7), try Self.fitter(Self.slowPart, voltageCurrent: 1.5e-7),
        ])
        let spikes = try fit.spikeTimes(current: -5e-6, duration: 0.5)
        // The target's initial train (13 spikes) has a chip counterpart; its
        // bursts are what 10 bits do not yet hold (docs: bursting).
        #expect(!spikes.isEmpty)
        #expect(spikes.allSatisfy { $0 > 0 && $0 < 0.5 })
    }
}
