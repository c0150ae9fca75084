import Foundation
import Testing
import NeuroDynChip

@Suite("Hodgkin–Huxley model")
struct HodgkinHuxleyTests {
    /// Near V = V_h the linoid is A K (1 − x/2 + x²/12 − …), x = (V_h − V)/K; the
    /// naive formula loses all digits there (0/0 at V_h).
    @Test("The linoid is exact at and near its half voltage", arguments: [0, 1e-15, -1e-12, 1e-9, 1e-6, -1e-4])
    func linoid(offset: Double) {
        let rate = HodgkinHuxleyRate.linoid(amplitude: 0.1, halfVoltage: 25, slope: 10)
        let x = -offset / 10
        let series = 0.1 * 10 * (1 - x / 2 + x * x / 12)
        let value = rate.value(at: 25 + offset)
        #expect(abs(value - series) <= 1e-14 * series)
    }

    @Test("Rates stay finite far from rest", arguments: [-1e5, -500, 500, 1e5])
    func noOverflow(v: Double) {
        let model = HodgkinHuxleyModel.standard
        for gate in Gate.allCases {
            for rate in Rate.allCases {
                let value = model.rate(rate, of: gate, at: v)
                #expect(!value.isNaN)
                #expect(value >= 0)
            }
        }
        // Where the true value is representable, it is returned.
        #expect(model.rate(.beta, of: .h, at: -1e5) == 0)
        // α_m(V) → 0.1 (V − 25) for V ≫ 25.
        #expect(abs(model.rate(.alpha, of: .m, at: 1e5) - 0.1 * (1e5 - 25)) < 1e-9)
    }

    /// Scaling by (s_v, s_t) means α'(s_v V) = s_t α(V); in SI, α_SI(V/1000) = 1000 α(V).
    @Test("Scaling and SI conversion preserve the kinetics", arguments: Gate.allCases)
    func scaling(gate: Gate) throws {
        let base = HodgkinHuxleyModel.standard
        let scaled = try base.scaled(voltage: 3, time: 11.2)
        let si = scaled.inSIUnits()
        for v in stride(from: -20.0, through: 110, by: 7.3) {
            for rate in Rate.allCases {
                let original = base.rate(rate, of: gate, at: v)
                #expect(abs(scaled.rate(rate, of: gate, at: 3 * v) - 11.2 * original) <= 1e-12 * 11.2 * original)
                #expect(abs(si.rate(rate, of: gate, at: 3 * v * 1e-3) - 11.2e3 * original) <= 1e-12 * 11.2e3 * original)
            }
        }
        #expect(si.currentScale == 3 * 11.2)
        #expect(si.units == .si)
        #expect(throws: NeuroDynError.invalidScaling(name: "scl_v", value: 0)) { _ = try base.scaled(voltage: 0, time: 1) }
        let nanError = #expect(throws: NeuroDynError.self) { _ = try base.scaled(voltage: 1, time: .nan) }
        guard case let .invalidScaling(name, value)? = nanError else {
            Issue.record("expected invalidScaling, got \(String(describing: nanError))")
            return
        }
        #expect(name == "scl_t" && value.isNaN)
    }

    /// The scaled model is the same dynamics: its spikes come scl_t times sooner.
    @Test("A scaled model fires the same spikes, faster")
    func scaledDynamics() throws {
        let options = SolverOptions(relativeTolerance: 1e-9, absoluteTolerance: 1e-12, spikeThreshold: 50)
        let base = try HodgkinHuxleyModel.standard.simulate(appliedCurrent: 10, duration: 60, options: options)
        var siOptions = options
        siOptions.spikeThreshold = 50 * 3e-3
        siOptions.absoluteTolerance = 1e-15
        let scaled = try HodgkinHuxleyModel.standard.inSIUnits().scaled(voltage: 3, time: 5)
            .simulate(appliedCurrent: 10e-6, duration: 60e-3 / 5, options: siOptions)
        try #require(base.spikeTimes.count == scaled.spikeTimes.count && base.spikeTimes.count >= 3)
        for (a, b) in zip(base.spikeTimes, scaled.spikeTimes) {
            #expect(abs(a * 1e-3 / 5 - b) < 1e-9)
        }
    }
}

@Suite("Hodgkin–Huxley rates on a grid")
struct HodgkinHuxleyGridRateTests {
    @Test("values(at:) equals value(at:) point by point", arguments: Gate.allCases)
    func gridValues(gate: Gate) {
        let grid = stride(from: -50.0, through: 150, by: 0.25).map { $0 } + [25, 10, 30]
        for rate in Rate.allCases {
            let function = HodgkinHuxleyModel.standard.rates[gate][rate]
            #expect(function.values(at: grid) == grid.map(function.value(at:)))
        }
    }
}
