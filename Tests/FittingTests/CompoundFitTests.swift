import Foundation
import NeuroDynChip
import Testing

@testable import Fitting

@Suite("Compound fits: parts of one membrane on one board")
struct CompoundFitTests {

    static func fitter(_ target: HodgkinHuxleyModel, voltageCurrent: Double) throws -> HodgkinHuxleyFitter {
        var fitter = try HodgkinHuxleyFitter.forFidelity(
            voltageScale: 3, target: target, voltageCurrent: voltageCurrent, capacitanceScaling: 0.1)
        fitter.outOfRangePolicy = .saturate
        return fitter
    }

    @Test("The parts share the biases, the voltage frame and the largest time scale any needs")
    func sharedFrame() throws {
        let fast = try Self.fitter(.standard, voltageCurrent: 3e-7)
        let fit = try CompoundFit(parts: [fast, try Self.fitter(.burstingPairSlowPart, voltageCurrent: 1.5e-7)])
        let slow = fit.parts[1], first = fit.parts[0]
        #expect(slow.biases == fast.biases && first.biases == fast.biases)
        #expect(slow.meanVoltage == first.meanVoltage)
        #expect(slow.timeScales.timeScale == fit.ownTimeScales.max())
        #expect(slow.mapping == first.mapping)
        // The slow part's rates are 15–30× slower and its conductances 40×
        // smaller: alone it would run at least 10× faster, so on the shared
        // time scale its codes are at least 10× smaller than the fast part's.
        #expect(fit.ownTimeScales[1] < fit.ownTimeScales[0] / 10)
        let fastCodes = first.registers.conductances.values.map(\.value).max()!
        let slowCodes = slow.registers.conductances.values.map(\.value).max()!
        #expect(slowCodes * 10 < fastCodes)
    }

    @Test("The chip pair runs as one membrane from the target's rest")
    func chipPairRuns() throws {
        let fit = try CompoundFit(parts: [
            try Self.fitter(.standard, voltageCurrent: 1.5e-7), try Self.fitter(.burstingPairSlowPart, voltageCurrent: 1.5e-7),
        ])
        let spikes = try fit.spikeTimes(current: -5e-6, duration: 0.5)
        // The target's initial train (13 spikes) has a chip counterpart; its
        // bursts are what 10 bits do not yet hold (docs: bursting).
        #expect(!spikes.isEmpty)
        #expect(spikes.allSatisfy { $0 > 0 && $0 < 0.5 })
    }
}
