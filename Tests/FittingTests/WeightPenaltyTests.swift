import Testing
import NeuroDynChip
@testable import Fitting

/// The ridge penalty on the spline weights: optimality of the penalised
/// problem, and what it buys (a smaller largest weight, the same rates).
@Suite("Weight penalty")
struct WeightPenaltyTests {
    /// KKT conditions of min ‖Aw − r‖² + μ²‖w‖² over w ≥ 0, on the full
    /// (unreduced) problem: the gradient g = Aᵀ(Aw − r) + μ²w vanishes where
    /// w > 0 and is non-negative where w = 0, to the round-off of forming it:
    /// the weights come from a backward-stable QR reduction, so the residual
    /// carries up to γ̃_{mn}(‖A‖_F‖w‖ + ‖r‖) and the gradient ‖A‖_F times that;
    /// the solver's own dual tolerance (10·max(m, n)·ε·‖A‖‖r‖) and this test's
    /// recomputation are of the same order, hence the factor 4.
    @Test("Penalised weights satisfy the KKT conditions", arguments: [1e-4, 1e-2])
    func optimality(penalty: Double) throws {
        let problem = try FitProblem(
            model: HodgkinHuxleyModel.standard.scaled(voltage: 3, time: 1).inSIUnits(),
            biases: .standard, constants: .neuroDyn, step: 0.5e-3, sampling: .exact)
        let weights = try problem.solveWeights(penalty: penalty)
        for gate in Gate.allCases {
            for rate in Rate.allCases {
                let a = problem.basis(for: gate, rate), r = problem.targetRates[gate][rate], w = weights[gate][rate]
                let frobenius = a.storage.reduce(0) { $0 + $1 * $1 }.squareRoot()
                let mu = penalty * frobenius / Double(a.columns).squareRoot()
                var residual = r.map { -$0 }
                for j in 0..<a.columns {
                    for i in 0..<a.rows { residual[i] += a[i, j] * w[j] }
                }
                let norms = (w.reduce(0) { $0 + $1 * $1 }.squareRoot(), r.reduce(0) { $0 + $1 * $1 }.squareRoot())
                let tolerance = 4 * RoundOff.householder(rows: a.rows, columns: a.columns)
                    * frobenius * (frobenius * norms.0 + norms.1)
                for j in 0..<a.columns {
                    var gradient = mu * mu * w[j]
                    for i in 0..<a.rows { gradient += a[i, j] * residual[i] }
                    #expect(w[j] >= 0)
                    if w[j] > 0 {
                        #expect(abs(gradient) <= tolerance, "\(rate)_\(gate)[\(j)]: gradient \(gradient)")
                    } else {
                        #expect(gradient >= -tolerance, "\(rate)_\(gate)[\(j)]: gradient \(gradient)")
                    }
                }
            }
        }
    }

    /// From scl_v = 3 on, the unpenalised fit on the published grid (E_K …
    /// E_Na/2, uniform weights; with the biases of a fit for fidelity) sets
    /// σ_t from the far tail of α_m's outermost sigmoid; the
    /// penalty lowers the largest weight (σ_w) at least threefold (4.6× at
    /// scl_v = 3, 40× at 5) while every rate's largest relative error on the grid moves by
    /// less than one percentage point.
    @Test("The penalty lowers σ_w and keeps the rates", arguments: [3.0, 4.0, 5.0])
    func smallerWeights(voltageScale: Double) throws {
        var penalised = try HodgkinHuxleyFitter.forFidelity(voltageScale: voltageScale)
        penalised.refinesCodes = false
        penalised.fitRange = .published
        penalised.rateWeighting = .uniform
        penalised.driveCompensation = PerChannel(sodium: 0, potassium: 0, leak: 0)
        var plain = penalised
        plain.weightPenalty = 0
        let before = try plain.fit(), after = try penalised.fit()
        #expect(after.timeScales.fromWeights * 3 < before.timeScales.fromWeights)
        #expect(after.weightPenalty == HodgkinHuxleyFitter.fidelityWeightPenalty)
        let q0 = before.quality.gates, q1 = after.quality.gates
        for gate in Gate.allCases {
            for rate in Rate.allCases {
                let change = abs(q1[gate].rates[rate].continuous - q0[gate].rates[rate].continuous)
                #expect(change < 0.01, "\(rate)_\(gate): \(q0[gate].rates[rate].continuous) → \(q1[gate].rates[rate].continuous)")
            }
        }
    }

    @Test("A negative or non-finite penalty is refused", arguments: [-1e-4, .nan, .infinity])
    func invalid(penalty: Double) {
        var fitter = HodgkinHuxleyFitter(voltageScale: 3)
        fitter.weightPenalty = penalty
        #expect(throws: FittingError.self) { _ = try fitter.fit() }
    }

    /// Penalty 0 leaves the reduced problem as it is (no rows appended), so the
    /// fit is the published procedure, which ``ReferenceFitTests`` pins.
    @Test("Penalty 0 leaves the reduced problem unchanged")
    func zeroPenalty() throws {
        let problem = try FitProblem(
            model: HodgkinHuxleyModel.standard.scaled(voltage: 3, time: 1).inSIUnits(),
            biases: .standard, constants: .neuroDyn, step: 0.5e-3, sampling: .exact)
        let (matrix, padding) = FitProblem.penalized(problem.risingBasis, penalty: 0)
        #expect(matrix == problem.risingBasis && padding.isEmpty)
    }
}
