import Foundation
import Testing
@testable import Fitting
import NeuroDynChip

/// Fitting synapses onto the chip, and boards under one time scale.
@Suite("Synapse and board fits")
struct SynapseFitTests {
    /// The published notebook fits AMPA (g = 0.3 mS/cm², E = 65 mV) at the
    /// published fit's σ_t with κ = 0.7 for conductances and prints α codes
    /// [0, 0, 0, 0, 0, 0, 378], β codes [0, 0, 0, 0, 0, 0, 1], dg = 3 and
    /// dE = 138: our fitter must give the same on the same axis and σ_t.
    @Test("AMPA on the published fit gives the published synapse codes")
    func publishedAMPA() throws {
        let neuron = try ReferenceFitTests.publishedFit()
        let synapse = SynapseFitter(pre: 0, post: 1, kinetics: .ampa, conductance: 0.3, reversal: 65)
        let fit = try synapse.fit(on: neuron, timeScale: neuron.timeScales.timeScale)
        #expect(fit.registers.splines.alpha.values == [0, 0, 0, 0, 0, 0, 378])
        #expect(fit.registers.splines.beta.values == [0, 0, 0, 0, 0, 0, 1])
        #expect(fit.registers.conductance.value == 3)
        #expect(fit.registers.reversal.value == 138)
        // The NNLS solution satisfies its optimality conditions: the fit of α
        // is the one the published code found, so AMPA needs far less than
        // the neuron's σ_t.
        #expect(fit.continuous.timeScale < neuron.timeScales.timeScale / 2)
    }

    /// NNLS over seven sigmoids can do no worse, in least squares, than the
    /// published codes' shape (the top sigmoid alone, at its best weight);
    /// AMPA's α (slope 15 mV on the chip's axis against the sigmoids' 37 mV)
    /// is not reached exactly, so the comparison, not a level, is the test.
    @Test("The AMPA fit is at least as close as the best single sigmoid")
    func ampaQuality() throws {
        let neuron = try ReferenceFitTests.publishedFit()
        let continuous = try SynapseFitter(pre: 0, post: 1, conductance: 0.3, reversal: 65).continuousFit(on: neuron)
        #expect(continuous.weights.alpha.allSatisfy { $0 >= 0 } && continuous.weights.beta.allSatisfy { $0 >= 0 })
        let alpha = SynapseKinetics.ampa.scaled(voltage: 3, time: 1).inSIUnits().alpha
        let grid = neuron.voltageGrid
        let target = grid.map { alpha.value(at: $0) }
        let k = neuron.constants.kappa / neuron.constants.thermalVoltage
        func sigmoid(_ j: Int, _ v: Double) -> Double { 1 / (1 + exp(k * (neuron.fitCentres[j] - v))) }
        let top = grid.map { sigmoid(6, $0) }
        let best = zip(top, target).map { $0 * $1 }.reduce(0, +) / top.map { $0 * $0 }.reduce(0, +)
        let single = zip(top, target).map { pow(best * $0 - $1, 2) }.reduce(0, +)
        let ours = grid.indices.map { i in
            pow((0..<7).map { continuous.weights.alpha[$0] * sigmoid($0, grid[i]) }.reduce(0, +) - target[i], 2)
        }.reduce(0, +)
        #expect(ours <= single * (1 + 1e-9))
    }

    /// A synapse that needs more than the neuron's σ_t sets the board's: the
    /// neuron is refitted at it (its codes shrink) and the fit says so.
    @Test("The board's time scale is the largest any element needs")
    func sharedTimeScale() throws {
        let fitter = HodgkinHuxleyFitter(voltageScale: 3)
        let alone = try fitter.fit()
        let fast = SynapseKinetics(alpha: .constant(4000), beta: .constant(0.19))
        let board = try BoardFitter(
            neurons: [fitter, fitter], synapses: [SynapseFitter(pre: 0, post: 1, kinetics: fast, conductance: 0.3, reversal: 65)]
        ).fit()
        #expect(board.timeScale > alone.timeScales.timeScale)
        #expect(board.timeScaleSetBy.hasPrefix("synapse 0→1"))
        #expect(board.neurons.allSatisfy { $0.timeScales.timeScale == board.timeScale })
        #expect(board.neurons[0].registers.conductances.sodium < alone.registers.conductances.sodium)
        let gentle = try BoardFitter(
            neurons: [fitter, fitter], synapses: [SynapseFitter(pre: 0, post: 1, conductance: 0.3, reversal: 65)]).fit()
        #expect(gentle.timeScale == alone.timeScales.timeScale)
        #expect(gentle.timeScaleSetBy.hasPrefix("neuron 0"))
        #expect(gentle.neurons[0].registers == alone.registers)
        let file = try gentle.registerFile()
        #expect(file.format == RegisterFile.networkFormatIdentifier)
        #expect(try RegisterFile.decode(try file.encoded()) == file)
    }

    @Test("Bad synapse targets are refused")
    func badSynapses() throws {
        let neuron = try HodgkinHuxleyFitter(voltageScale: 3).fit()
        #expect(throws: FittingError.self) {
            try SynapseFitter(pre: 0, post: 1, conductance: -1, reversal: 65).fit(on: neuron, timeScale: 1)
        }
        #expect(throws: FittingError.self) {
            try SynapseFitter(pre: 0, post: 1, conductance: 0.3, reversal: .nan).fit(on: neuron, timeScale: 1)
        }
        // E far beyond the chip's reversal range names the register.
        #expect {
            try SynapseFitter(pre: 0, post: 1, conductance: 0.3, reversal: 2000).fit(
                on: neuron, timeScale: neuron.timeScales.timeScale)
        } throws: { error in
            guard case let FittingError.codesOutOfRange(registers) = error else { return false }
            return registers.map(\.register) == ["synapse 0→1 dE"]
        }
        #expect(throws: FittingError.self) {
            try BoardFitter(neurons: [HodgkinHuxleyFitter(voltageScale: 3)], synapses: [
                SynapseFitter(pre: 0, post: 3, conductance: 0.3, reversal: 65)]).fit()
        }
    }
}
