import Testing
import Fitting
import NeuroDynChip

/// The sampled curves are the ones the quality figures are measured on.
@Suite("Fit curves")
struct FitCurvesTests {
    static let fit = try! HodgkinHuxleyFitter(voltageScale: 3).fit()

    /// The largest of |fit − target| / target over the grid.
    static func worstRelative(_ fitted: [Double], _ target: [Double]) -> Double {
        zip(fitted, target).map { abs($0 - $1) / abs($1) }.max() ?? 0
    }

    @Test("Every curve lies on the fit grid", arguments: Gate.allCases)
    func grid(gate: Gate) {
        let curves = Self.fit.curves
        #expect(curves.voltages == Self.fit.voltageGrid)
        let gateCurves = curves.gates[gate]
        for kinetics in [gateCurves.target, gateCurves.continuous, gateCurves.quantized] {
            #expect(kinetics.alpha.count == curves.voltages.count && kinetics.beta.count == curves.voltages.count)
            #expect(kinetics.steadyState.allSatisfy { (0...1).contains($0) })
            #expect(kinetics.timeConstant.allSatisfy { $0 > 0 && $0.isFinite })
        }
    }

    @Test("Their largest errors are the fit quality's figures", arguments: Gate.allCases)
    func matchesQuality(gate: Gate) {
        let curves = Self.fit.curves.gates[gate]
        let quality = Self.fit.quality.gates[gate]
        func close(_ a: Double?, _ b: Double) -> Bool { a.map { abs($0 - b) <= 1e-12 * b } ?? false }
        #expect(close(Self.worstRelative(curves.continuous.alpha, curves.target.alpha), quality.rates.alpha.continuous))
        #expect(close(Self.worstRelative(curves.quantized.alpha, curves.target.alpha), quality.rates.alpha.quantized))
        #expect(close(Self.worstRelative(curves.continuous.beta, curves.target.beta), quality.rates.beta.continuous))
        #expect(close(Self.worstRelative(curves.quantized.beta, curves.target.beta), quality.rates.beta.quantized))
        let steady = zip(curves.quantized.steadyState, curves.target.steadyState).map { abs($0 - $1) }.max()
        #expect(close(steady, quality.steadyState.quantized))
        let tau = Self.worstRelative(curves.quantized.timeConstant, curves.target.timeConstant)
        #expect(close(tau, quality.timeConstant.quantized))
    }

    @Test("The target is the scaled HH rates on the grid")
    func target() throws {
        let curves = Self.fit.curves
        let alphaM = Self.fit.target.rates.m.alpha
        #expect(curves.gates.m.target.alpha == alphaM.values(at: curves.voltages))
    }
}
