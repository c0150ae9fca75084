import Testing
import Fitting
import NeuroDynChip

/// The fitter's compensation factors and the search that chooses them.
@Suite("Compensation factors and fidelity search")
struct FidelitySearchTests {
    @Test("Conductance factors scale the conductance codes and the time scale")
    func conductanceFactors() throws {
        let plain = try HodgkinHuxleyFitter(voltageScale: 3).fit()
        let doubled = try HodgkinHuxleyFitter(
            voltageScale: 3, conductanceFactors: PerChannel(sodium: 2, potassium: 2, leak: 2)).fit()
        // σ_t is set by the largest conductance here, so doubling every g doubles σ_t
        // and leaves the conductance codes where they were.
        #expect(abs(doubled.timeScales.timeScale / plain.timeScales.timeScale - 2) < 1e-12)
        #expect(doubled.registers.conductances == plain.registers.conductances)
        #expect(throws: FittingError.invalidSetting(name: "conductance factor k", value: 0)) {
            _ = try HodgkinHuxleyFitter(conductanceFactors: PerChannel(sodium: 1, potassium: 0, leak: 1)).fit()
        }
    }

    @Test("Rate factors scale the fitted weights of one rate only")
    func rateFactors() throws {
        let plain = try HodgkinHuxleyFitter(voltageScale: 3).fit()
        var factors = PerGate<PerRate<Double>>.unit
        factors.n.beta = 3
        let scaled = try HodgkinHuxleyFitter(voltageScale: 3, rateFactors: factors).fit()
        for (a, b) in zip(scaled.gates.n.weights.beta, plain.gates.n.weights.beta) {
            #expect(abs(a - 3 * b) <= 1e-12 * max(1, b))
        }
        #expect(scaled.gates.n.weights.alpha == plain.gates.n.weights.alpha)
        #expect(scaled.gates.m.weights == plain.gates.m.weights)
    }

    /// A small search (two grid points, one sweep, a short protocol) must not
    /// end worse than its best grid point, and at scl_v = 3 with the capacitance
    /// scaled to 0.1 it leaves the silent plain fit behind.
    @Test("The search never ends above its best starting point")
    func searchImproves() throws {
        let firing = FiringProtocol(
            currents: [0, 10, 30], targetDuration: 0.15, relativeTolerance: 1e-3, absoluteTolerance: 1e-6)
        let base = HodgkinHuxleyFitter(voltageScale: 3, biases: try ChipBiases(capacitanceScaling: 0.1))
        let search = FidelitySearch(
            fitter: base, firing: firing, budget: 16, coarseGrid: [(1, 1, 1), (3, 1, 2)])
        let (tuned, score) = try search.run()
        let silent = try FidelitySearch(fitter: base, firing: firing, budget: 0, coarseGrid: [(1, 1, 1)]).run().score
        #expect(score <= silent)
        #expect(score < 0.45, "score \(score)")
        _ = tuned
    }

    /// The same search polled one move at a time: never above its start, the
    /// same result on every run, and its budget respected (each candidate is
    /// one evaluation, so a budget of 1 leaves the grid point alone).
    @Test("An opportunistic search never ends above its start and repeats itself")
    func opportunistic() throws {
        let firing = FiringProtocol(
            currents: [0, 10, 30], targetDuration: 0.15, relativeTolerance: 1e-3, absoluteTolerance: 1e-6)
        let base = HodgkinHuxleyFitter(voltageScale: 3, biases: try ChipBiases(capacitanceScaling: 0.1))
        var search = FidelitySearch(fitter: base, firing: firing, budget: 12, coarseGrid: [(3, 1, 2)])
        search.polling = .opportunistic
        let first = try search.run(), second = try search.run()
        #expect(first.score == second.score)
        #expect(try first.fitter.fit().registers == second.fitter.fit().registers)
        search.budget = 1
        let start = try search.run()
        #expect(try start.fitter.fit().registers == FidelitySearch(
            fitter: base, firing: firing, budget: 1, coarseGrid: [(3, 1, 2)]).run().fitter.fit().registers)
        #expect(first.score <= start.score)
    }
}

@Suite("Automatic biases")
struct AutomaticBiasTests {
    /// At scl_v = 4, E_Na and E_K sit 264 mV from V_mean: 1106 codes at
    /// 150 nA. The smallest I_voltage for ±1023 is 0.264 · 1024 / (1023 · 1.63 MΩ) ≈ 162.1 nA.
    @Test("I_voltage is raised just enough for the reversal codes")
    func voltageCurrent() throws {
        let fitter = try HodgkinHuxleyFitter(voltageScale: 4).withVoltageCurrentForReversals()
        let needed = 0.264 * 1024 / (1023 * 1.63e6)
        #expect(abs(fitter.biases.voltageCurrent / (needed * 1.001) - 1) < 1e-9)
        let fit = try fitter.fit()
        #expect(fit.saturated.isEmpty)
        #expect(fit.registers.reversals.sodium.value == 1022 || fit.registers.reversals.sodium.value == 1023)
        // Already in range: unchanged.
        let three = HodgkinHuxleyFitter(voltageScale: 3)
        #expect(try three.withVoltageCurrentForReversals().biases == three.biases)
    }
}

@Suite("Reversal shifts")
struct ReversalShiftTests {
    /// One reversal LSB is I_voltage / 1024 · R_rev = 0.2388 mV at 150 nA, so
    /// +10 mV on E_Na adds 41.9 (rounded: 42) to dE.na and nothing else moves.
    @Test("Shifts move the reversal codes by shift / LSB")
    func shifts() throws {
        let plain = try HodgkinHuxleyFitter(voltageScale: 3).fit()
        var fitter = HodgkinHuxleyFitter(voltageScale: 3)
        fitter.reversalShifts = PerChannel(sodium: 0.01, potassium: 0, leak: 0)
        let shifted = try fitter.fit()
        let lsb = 150e-9 / 1024 * 1.63e6
        #expect(shifted.registers.reversals.sodium.value
                == Int((plain.analog.reversalOffsets.sodium / lsb + 0.01 / lsb).rounded(.toNearestOrEven)))
        #expect(shifted.registers.reversals.sodium.value - plain.registers.reversals.sodium.value == 42)
        #expect(shifted.registers.reversals.potassium == plain.registers.reversals.potassium)
        #expect(shifted.reversalShifts.sodium == 0.01)
        fitter.reversalShifts = PerChannel(sodium: .nan, potassium: 0, leak: 0)
        #expect(throws: FittingError.self) { _ = try fitter.fit() }
    }
}
