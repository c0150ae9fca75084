import Foundation
import NeuroDynChip
import Testing

@testable import Fitting

@Suite("Compound fits: a bursting pair on two chip neurons")
struct CompoundFitTests {
    /// The published pair fitted at scl_v 3 for −5 µA/cm², once for the
    /// suite: matched at the design current alone, with a smaller budget, to
    /// keep the debug build's run short (the default fit, matched over the
    /// target's band and the rebound test, is checked through the release
    /// binary in CompoundCommandTests).
    static let pair = Result { () throws(FittingError) -> CompoundFit in
        var fitter = CompoundFitter(searchBudget: 200)
        fitter.searchCurrents = .design
        fitter.rebound = nil
        return try fitter.fit()
    }

    @Test("The slow part sits on a second board whose I_master brings its codes to full scale")
    func slowBoard() throws {
        let fit = try Self.pair.get()
        let fast = fit.biases[0], slow = fit.biases[1]
        #expect(slow.referenceVoltage == fast.referenceVoltage)
        #expect(slow.capacitanceScaling == fast.capacitanceScaling)
        #expect(fit.parts[1].meanVoltage == fit.parts[0].meanVoltage)
        #expect(fit.parts[1].timeScales.timeScale == fit.parts[0].timeScales.timeScale)
        // On the spiking board the slow part could run ≥ 10× faster than HH:
        // on HH's time scale its codes would be ≥ 10× smaller than they may be.
        #expect(fit.ownTimeScales[1] < fit.ownTimeScales[0] / 10)
        #expect(slow.masterCurrent < fast.masterCurrent / 10)
        // E_Na = 200 mV is within the slow board's reversal range.
        #expect(fit.parts[1].saturated.allSatisfy { !$0.register.hasPrefix("dE") })
        // Its own board brings its largest code near full scale (the
        // I_master is rounded down to three digits: within 1%).
        let codes = fit.parts[1].registers
        let largest = (codes.conductances.values.map(\.value)
            + Gate.allCases.flatMap { codes.splines[$0].alpha.values + codes.splines[$0].beta.values }).max()!
        #expect(largest >= 1012)
    }

    @Test("The chip pair bursts at −5 µA/cm² with the target's spikes per burst and its period within 10%")
    func burstsLikeTarget() throws {
        let fit = try Self.pair.get()
        let target = fit.targetBursts
        #expect(Set(target.spikesPerBurst) == [4])
        // Rerun the programmed codes, rather than trust the search's record.
        let spikes = try fit.spikeTimes(stimulus: .constant(-5e-6), duration: 4)
        let chip = BurstTrain(spikeTimes: spikes, start: 1, end: 4)
        #expect(chip.spikesPerBurst == fit.chipBursts.spikesPerBurst)
        #expect(chip.spikesPerBurst.count >= 4)
        #expect(Set(chip.spikesPerBurst) == Set(target.spikesPerBurst))
        let ratio = try #require(chip.period) / (try #require(target.period))
        #expect(abs(ratio - 1) < 0.1, "period ratio \(ratio)")
    }

    @Test("The slow-wave correction lowers the mismatch of the steady-state current over the slow wave")
    func slowWaveCorrection() throws {
        let fit = try Self.pair.get()
        let correction = try SlowWaveCorrection(
            target: .burstingPair, fast: fit.parts[0], slow: fit.parts[1], window: fit.slowWaveWindow)
        func mismatch(_ slow: NeuronRegisters) -> Double {
            let mapping = fit.parts[0].mapping.relativeToOrigin
            let neuron = NeuroDynNeuron(registers: slow, biases: fit.biases[1])
            var sum = 0.0, count = 0.0
            for n in fit.slowWaveWindow.slowGate {
                for v in fit.slowWaveWindow.voltages {
                    let chipVoltage = mapping.chipVoltage(v * 1e-3)
                    let f = ChannelCurrents(fit.parts[0].neuron, at: chipVoltage, slowGate: nil)
                    let s = ChannelCurrents(neuron, at: chipVoltage, slowGate: n)
                    let chip = mapping.targetCurrent(f.sodium + f.potassium + f.leak + s.sodium + s.potassium + s.leak) * 1e6
                    let target = CompoundTarget.burstingPair.steadyCurrent(at: v, held: [PartGate(part: 1, gate: .n): n])
                    sum += (chip - target) * (chip - target)
                    count += 1
                }
            }
            return (sum / count).squareRoot()
        }
        let before = mismatch(fit.parts[1].registers)
        let after = mismatch(correction.corrected(fit.parts[1].registers))
        #expect(after < before)
        // The codes were fitted with the first pass's factors: what is left
        // is rounding, a few percent.
        #expect(abs(correction.factors.sodium - 1) < 0.2 && abs(correction.factors.potassium - 1) < 0.2)
    }

    @Test("The target's band: the published pair bursts 4 at a time from about −5.2 to −4.9 µA/cm²")
    func band() throws {
        let design = try BurstReference(target: .burstingPair, current: -5, duration: 4, settling: 1)
        let band = BurstBand(around: design, target: .burstingPair, step: 0.05, reach: 1)
        // networks.md §5: 4 spikes per burst down to −4.9, 5 from −4.8; bursts from about −5.2.
        #expect(abs(band.currents.upperBound - -4.9) < 1e-9)
        #expect(band.currents.lowerBound >= -5.25 - 1e-9 && band.currents.lowerBound <= -5.15 + 1e-9)
        let inner = band.innerEdges.map(\.current)
        #expect(inner.count == 2)
        #expect(abs(inner[0] - (band.currents.lowerBound + 0.05)) < 1e-9 && abs(inner[1] - -4.95) < 1e-9)
        #expect(band.innerEdges.allSatisfy { Set($0.bursts.spikesPerBurst) == [4] })
        // A reach of one step cannot go past the first step either way.
        let short = BurstBand(around: design, target: .burstingPair, step: 0.05, reach: 0.05)
        #expect(abs(short.currents.lowerBound - -5.05) < 1e-9 && abs(short.currents.upperBound - -4.95) < 1e-9)
        #expect(short.innerEdges.isEmpty)
    }

    @Test("The rebound test: the published pair fires 6 rebound spikes")
    func rebound() throws {
        // networks.md §5: at −6 µA/cm² a step of −2 from 1.5 to 2.1 s is followed by a rebound burst.
        let fitter = CompoundFitter()
        let rebound = try #require(try fitter.targetRebound())
        #expect(rebound.targetSpikes == 6)
        var none = fitter
        none.rebound = nil
        #expect(try none.targetRebound() == nil)
        // A target that fires no rebound burst under the test adds nothing to match.
        var late = fitter
        late.rebound = ReboundProtocol(base: -8, step: -0.1)
        #expect(try late.targetRebound() == nil)
    }

    @Test("A target with other than two parts, or one that does not burst, is refused")
    func refusals() throws {
        let single = try CompoundTarget(parts: [.standard])
        #expect(throws: FittingError.invalidSetting(name: "compound parts", value: 1)) {
            try CompoundFitter(target: single).fit()
        }
        // At −8 µA/cm² the pair is silent after its first train.
        #expect {
            try CompoundFitter(designCurrent: -8).fit()
        } throws: { error in
            guard case let FittingError.invalidTarget(reason) = error else { return false }
            return reason.contains("does not burst at -8.0 µA/cm²")
        }
        var badStep = CompoundFitter()
        badStep.searchCurrents = .band(step: 0, reach: 1)
        #expect(throws: FittingError.invalidSetting(name: "band step", value: 0)) { try badStep.fit() }
        var silent = CompoundFitter()
        silent.searchCurrents = .currents([-8])
        #expect(throws: FittingError.self) { try silent.fit() }
        var unending = CompoundFitter()
        unending.rebound = ReboundProtocol(stepStart: 2, stepEnd: 1)
        #expect(throws: FittingError.invalidSetting(name: "rebound step end", value: 1)) { try unending.fit() }
    }
}
