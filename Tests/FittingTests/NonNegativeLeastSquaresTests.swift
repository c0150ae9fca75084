import Foundation
import Testing

import Fitting

/// Deterministic SplitMix64 generator (Steele, Lea & Flood 2014) with uniform and normal draws,
/// so that the random-problem tests are reproducible on every platform.
private struct SplitMix64 {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// Uniform on `[0, 1)` with 53 random bits.
    mutating func uniform() -> Double { Double(next() >> 11) * 0x1.0p-53 }

    /// Standard normal by the Box–Muller transform.
    mutating func normal() -> Double {
        let radius = (-2 * log(1 - uniform())).squareRoot()
        return radius * cos(2 * Double.pi * uniform())
    }
}

/// A random problem shape for the KKT tests.
struct ProblemShape: Sendable, CustomTestStringConvertible {
    let rows: Int
    let columns: Int
    var testDescription: String { "\(rows)×\(columns)" }
}

private func frobeniusNorm(_ matrix: Matrix) -> Double {
    matrix.storage.reduce(0) { $0 + $1 * $1 }.squareRoot()
}

private func euclideanNorm(_ vector: [Double]) -> Double {
    vector.reduce(0) { $0 + $1 * $1 }.squareRoot()
}

/// `b − A x`, computed independently of the solver.
private func residual(_ a: Matrix, _ x: [Double], _ b: [Double]) -> [Double] {
    zip(b, a.multiplied(by: x)).map { $0 - $1 }
}

/// The round-off allowed on the hand-derived problems below, relative to max(1, |value|): every
/// design there has κ₂ ≤ 4.3 and at most 3 rows and columns, its solution and dual are at most 3
/// in size, and ‖r‖ ≤ ‖b‖ ≤ 5, so the least-squares bound (residual ratio ≤ 5) with a factor 3 on
/// the size covers solution, dual and residual norm alike.
private let handTolerance = RoundOff.leastSquares(rows: 3, columns: 3, condition: 4.3, residualRatio: 5) * 3

private func expectClose(_ actual: [Double], _ expected: [Double], tolerance: Double = handTolerance, sourceLocation: SourceLocation = #_sourceLocation) {
    #expect(actual.count == expected.count, sourceLocation: sourceLocation)
    for (a, e) in zip(actual, expected) {
        #expect(abs(a - e) <= tolerance * max(1, abs(e)), "\(actual) vs \(expected)", sourceLocation: sourceLocation)
    }
}

@Suite("Non-negative least squares")
struct NonNegativeLeastSquaresTests {
    let solver = NonNegativeLeastSquares()

    // MARK: Hand-derived solutions

    /// A = [[1,0],[0,1],[1,1]], b = (1,2,4). Normal equations: AᵀA = [[2,1],[1,2]], Aᵀb = (5,6),
    /// so x = (1/3)·[[2,−1],[−1,2]]·(5,6) = (4/3, 7/3) > 0: the OLS solution is feasible and is
    /// the NNLS solution. r = b − Ax = (1,2,4) − (4/3,7/3,11/3) = (−1/3,−1/3,1/3), ‖r‖ = 1/√3, w = Aᵀr = 0.
    @Test func unconstrainedSolutionAlreadyNonNegative() throws {
        let a = try Matrix(rows: [[1, 0], [0, 1], [1, 1]])
        let result = try solver.solve(a, [1, 2, 4])
        expectClose(result.solution, [4.0 / 3, 7.0 / 3])
        #expect(abs(result.residualNorm - 1 / 3.0.squareRoot()) <= handTolerance)
        expectClose(result.dual, [0, 0], tolerance: handTolerance)
        #expect(result.outerIterations == 2)
    }

    /// Same A, b = (2,−1,1). OLS: Aᵀb = (3,0) gives x = (2,−1), infeasible. With x₂ = 0 the
    /// objective (x₁−2)² + 1 + (x₁−1)² is minimal at x₁ = 3/2. Check KKT: r = (1/2,−1,−1/2),
    /// w = Aᵀr = (0, −3/2) with w₂ ≤ 0, so x = (3/2, 0) is optimal; ‖r‖ = √(3/2).
    @Test func negativeComponentIsClampedToZero() throws {
        let a = try Matrix(rows: [[1, 0], [0, 1], [1, 1]])
        let result = try solver.solve(a, [2, -1, 1])
        expectClose(result.solution, [1.5, 0])
        #expect(result.solution[1] == 0)
        #expect(abs(result.residualNorm - 1.5.squareRoot()) <= handTolerance)
        expectClose(result.dual, [0, -1.5], tolerance: handTolerance)
    }

    /// A = I₂, b = (3,−2): the problem separates, x = (max(3,0), max(−2,0)) = (3,0), r = (0,−2), w = (0,−2).
    @Test func identityClampsNegativeEntries() throws {
        let a = try Matrix(rows: [[1, 0], [0, 1]])
        let result = try solver.solve(a, [3, -2])
        expectClose(result.solution, [3, 0])
        #expect(result.residualNorm == 2)
        expectClose(result.dual, [0, -2])
    }

    /// A = I₂, b = (−1,−2): w = Aᵀb ≤ 0 at x = 0, so x = 0 with no iteration and ‖r‖ = √5.
    @Test func allNegativeGivesZeroWithoutIterating() throws {
        let a = try Matrix(rows: [[1, 0], [0, 1]])
        let result = try solver.solve(a, [-1, -2])
        #expect(result.solution == [0, 0])
        #expect(result.outerIterations == 0)
        #expect(abs(result.residualNorm - 5.0.squareRoot()) <= handTolerance)
        #expect(result.dual == [-1, -2])
    }

    /// Exercises the feasibility-restoring inner loop. a₁ = (2,2), a₂ = (1,0), b = (1,−1/4).
    /// At x = 0, w = (3/2, 1): a₁ enters with x₁ = (a₁·b)/‖a₁‖² = 3/16, r = (5/8,−5/8), w₂ = 5/8 > 0.
    /// a₂ enters: [a₁ a₂] z = b gives z₁ = −1/8 < 0, z₂ = 5/4, so the step α = x₁/(x₁−z₁) = 3/5
    /// drives x₁ to 0 and a₁ leaves. Refit on a₂ alone: x₂ = 1, r = (0,−1/4), w = (−1/2, 0). Done:
    /// x = (0,1), ‖r‖ = 1/4, two outer iterations.
    @Test func columnEntersAndLeavesThePassiveSet() throws {
        let a = try Matrix(rows: [[2, 1], [2, 0]])
        let result = try solver.solve(a, [1, -0.25])
        expectClose(result.solution, [0, 1])
        #expect(result.solution[0] == 0)
        #expect(abs(result.residualNorm - 0.25) <= handTolerance)
        expectClose(result.dual, [-0.5, 0], tolerance: handTolerance)
        #expect(result.outerIterations == 2)
    }

    // MARK: KKT conditions on random problems

    static let shapes = [
        ProblemShape(rows: 20, columns: 5), ProblemShape(rows: 50, columns: 7),
        ProblemShape(rows: 432, columns: 7), ProblemShape(rows: 5, columns: 10),
        ProblemShape(rows: 7, columns: 7), ProblemShape(rows: 1, columns: 3),
    ]

    /// 200 random problems per shape. `A` is standard normal times a random scale 10^[−3, 3];
    /// `b = A x* + noise` with half of `x*` negative (so both passive and active columns occur),
    /// times an independent scale 10^[−3, 3], to check that the tolerance follows the data scale.
    ///
    /// KKT tolerance: the solver's documented default, `tol = 10·max(m,n)·ε·‖A‖_F·‖b‖₂`. It bounds
    /// the round-off of `w = Aᵀ(b − Ax)` (length-m dot products of terms of size ‖A‖·‖b‖), so a
    /// correct solver meets it on these well-conditioned problems. The independent recomputation
    /// of `w` in the test carries the same kind of error, hence the factor 2 in that comparison.
    @Test(arguments: shapes)
    func karushKuhnTuckerConditionsHold(shape: ProblemShape) throws {
        let (m, n) = (shape.rows, shape.columns)
        for seed in 0..<200 {
            var random = SplitMix64(seed: UInt64(seed) &* 1_000_003 &+ UInt64(m * 100 + n))
            let scaleA = pow(10, 6 * random.uniform() - 3)
            let scaleB = pow(10, 6 * random.uniform() - 3)
            var a = Matrix(rows: m, columns: n)
            for j in 0..<n { for i in 0..<m { a[i, j] = scaleA * random.normal() } }
            let truth = (0..<n).map { _ in random.normal() }
            let b = zip(a.multiplied(by: truth), (0..<m).map { _ in random.normal() })
                .map { scaleB * ($0 / scaleA + 0.1 * $1) }

            let result = try solver.solve(a, b)
            let tol = 10 * Double(max(m, n)) * Double.ulpOfOne * frobeniusNorm(a) * euclideanNorm(b)
            #expect(abs(result.dualTolerance - tol) <= 1e-12 * tol, "seed \(seed)")
            #expect(result.solution.count == n && result.dual.count == n)
            #expect(result.outerIterations <= 3 * n)

            let independentDual = a.transposeMultiplied(by: residual(a, result.solution, b))
            for j in 0..<n {
                let (x, w) = (result.solution[j], result.dual[j])
                #expect(x >= 0, "seed \(seed): x[\(j)] = \(x)")
                if x == 0 {
                    #expect(w <= tol, "seed \(seed): active w[\(j)] = \(w) > tol \(tol)")
                } else {
                    #expect(abs(w) <= tol, "seed \(seed): passive |w[\(j)]| = \(abs(w)) > tol \(tol)")
                }
                #expect(abs(independentDual[j] - w) <= 2 * tol, "seed \(seed): dual mismatch at \(j)")
            }
            let independentResidual = euclideanNorm(residual(a, result.solution, b))
            // Both residual norms carry round-off of at most γ̃_{mn}(‖A‖‖x‖ + ‖b‖) each, with no
            // condition number (the residual norm is well conditioned).
            let residualRoundOff = RoundOff.householder(rows: m, columns: n)
                * (frobeniusNorm(a) * euclideanNorm(result.solution) + euclideanNorm(b))
            #expect(abs(result.residualNorm - independentResidual) <= 2 * residualRoundOff, "seed \(seed)")
            #expect(result.residualNorm <= euclideanNorm(b) + residualRoundOff, "x = 0 is feasible, so ‖r‖ ≤ ‖b‖")
        }
    }

    /// A realistic, ill-conditioned design: 432 samples of 7 overlapping logistic curves (like the
    /// gating-variable bases fitted on the chip). Columns are nearly collinear, so only the
    /// sign conditions of KKT are asserted strictly; the passive-set stationarity is checked with
    /// the extra `‖A‖·‖x‖` term that round-off in `b − Ax` carries when `‖A‖‖x‖ ≫ ‖b‖`.
    @Test func logisticBasisProblemsSatisfyKKT() throws {
        let m = 432, n = 7
        var a = Matrix(rows: m, columns: n)
        for j in 0..<n {
            for i in 0..<m {
                let voltage = -1.0 + 2.0 * Double(i) / Double(m - 1)
                a[i, j] = 1 / (1 + exp(-(voltage - (-0.6 + 0.2 * Double(j))) / 0.1))
            }
        }
        for seed in 0..<50 {
            var random = SplitMix64(seed: UInt64(seed))
            let b = (0..<m).map { i in sin(Double(i) / 40 + random.uniform()) + 0.01 * random.normal() }
            let result = try solver.solve(a, b)
            let tol = result.dualTolerance
            let roundOff = tol * (1 + frobeniusNorm(a) * euclideanNorm(result.solution) / euclideanNorm(b))
            for j in 0..<n {
                let (x, w) = (result.solution[j], result.dual[j])
                #expect(x >= 0)
                if x == 0 { #expect(w <= tol, "seed \(seed): active w[\(j)] = \(w)") }
                else { #expect(abs(w) <= roundOff, "seed \(seed): passive |w[\(j)]| = \(abs(w)) > \(roundOff)") }
            }
        }
    }

    // MARK: Degenerate problems

    @Test func zeroColumnGetsZeroCoefficient() throws {
        let a = try Matrix(rows: [[1, 0], [2, 0], [3, 0]])
        let result = try solver.solve(a, [1, 2, 3])
        expectClose(result.solution, [1, 0])
        #expect(result.solution[1] == 0 && result.dual[1] == 0)
        #expect(result.residualNorm <= handTolerance)
    }

    @Test func zeroRightHandSideGivesZeroSolution() throws {
        let a = try Matrix(rows: [[1, 2], [3, 4], [5, 6]])
        let result = try solver.solve(a, [0, 0, 0])
        #expect(result.solution == [0, 0])
        #expect(result.residualNorm == 0 && result.outerIterations == 0 && result.dual == [0, 0])
    }

    @Test func zeroMatrixGivesZeroSolution() throws {
        let result = try solver.solve(Matrix(rows: 2, columns: 3), [3, 4])
        #expect(result.solution == [0, 0, 0])
        #expect(result.residualNorm == 5)
    }

    /// A 1×3 row (1, 1, −1), b = 2: ties at w = (2, 2, −2) resolve to the first column; x = (2, 0, 0)
    /// is exact. With more columns than rows the passive set never exceeds the row count.
    @Test func moreColumnsThanRows() throws {
        let a = try Matrix(rows: [[1, 1, -1]])
        let result = try solver.solve(a, [2])
        #expect(result.solution == [2, 0, 0])
        #expect(result.residualNorm == 0)
        #expect(result.solution.filter { $0 > 0 }.count <= a.rows)
    }

    /// Columns 0 and 1 are identical (rank 2 of 3); b = a₀ + a₂ = (1, 2, 1). The minimiser is not
    /// unique (x₀ + x₁ = 1 is all that matters). Documented behaviour: the duplicate that is chosen
    /// second is rejected by the dependence test, so exactly one of them carries the weight and
    /// the result is x = (1, 0, 1) with zero residual. With `dualTolerance: 0` the duplicate's
    /// round-off-sized dual may exceed the tolerance and be proposed; the dependence test must
    /// still reject it instead of producing huge cancelling coefficients.
    @Test(arguments: [nil, 0.0])
    func duplicateColumnsAreRecoveredFrom(dualTolerance: Double?) throws {
        let a = try Matrix(rows: [[1, 1, 0], [1, 1, 1], [0, 0, 1]])
        let result = try NonNegativeLeastSquares(dualTolerance: dualTolerance).solve(a, [1, 2, 1])
        expectClose(result.solution, [1, 0, 1])
        #expect(result.solution[1] == 0)
        #expect(result.residualNorm <= handTolerance)
    }

    @Test func noColumnsGivesEmptySolutionAndNormOfB() throws {
        let result = try solver.solve(Matrix(rows: 3, columns: 0), [3, 4, 0])
        #expect(result.solution.isEmpty && result.dual.isEmpty)
        #expect(result.residualNorm == 5 && result.outerIterations == 0)
    }

    @Test func noRowsGivesZeroSolution() throws {
        let result = try solver.solve(Matrix(rows: 0, columns: 2), [])
        #expect(result.solution == [0, 0] && result.dual == [0, 0] && result.residualNorm == 0)
    }

    /// The answer must not depend on the units: scaling A by s and b by t scales x by t/s,
    /// w by s·t and ‖r‖ by t, including scales whose squares would overflow or underflow.
    @Test(arguments: [(1e150, 1e150), (1e-150, 1e-150), (1e-200, 1e100), (3.0, 1e-300)])
    func resultIsScaleInvariant(scaleA: Double, scaleB: Double) throws {
        let rows: [[Double]] = [[2, 1], [2, 0]]
        let a = try Matrix(rows: rows.map { $0.map { $0 * scaleA } })
        let result = try solver.solve(a, [1 * scaleB, -0.25 * scaleB])
        expectClose(result.solution, [0, scaleB / scaleA])
        #expect(abs(result.residualNorm - 0.25 * scaleB) <= handTolerance * scaleB)
        #expect(abs(result.dual[0] - (-0.5 * scaleA * scaleB)) <= handTolerance * scaleA * scaleB)
    }

    // MARK: Errors

    @Test func nanInMatrixIsReportedWithItsLocation() throws {
        var a = Matrix(rows: 3, columns: 4, repeating: 1)
        a[1, 2] = .nan
        a[2, 3] = .infinity
        #expect(throws: FittingError.nonFiniteMatrixEntry(row: 1, column: 2)) {
            try solver.solve(a, [1, 2, 3])
        }
    }

    @Test(arguments: [Double.infinity, -Double.infinity, Double.nan])
    func nonFiniteRightHandSideIsReportedWithItsIndex(value: Double) throws {
        let a = Matrix(rows: 4, columns: 2, repeating: 1)
        #expect(throws: FittingError.nonFiniteRightHandSide(index: 3)) {
            try solver.solve(a, [1, 2, 3, value])
        }
    }

    @Test func shapeMismatchIsReported() throws {
        let a = Matrix(rows: 3, columns: 2, repeating: 1)
        #expect(throws: FittingError.dimensionMismatch(expectedCount: 3, actualCount: 2)) {
            try solver.solve(a, [1, 2])
        }
    }

    @Test func iterationLimitIsATypedErrorNotAHang() throws {
        let a = try Matrix(rows: [[2, 1], [2, 0]])
        #expect(throws: FittingError.iterationLimitReached(limit: 1)) {
            try NonNegativeLeastSquares(maximumOuterIterations: 1).solve(a, [1, -0.25])
        }
        #expect(try NonNegativeLeastSquares(maximumOuterIterations: 2).solve(a, [1, -0.25]).outerIterations == 2)
    }

    @Test func invalidParametersAreRejected() throws {
        let a = Matrix(rows: 1, columns: 1, repeating: 1)
        #expect(throws: FittingError.invalidIterationLimit(-1)) {
            try NonNegativeLeastSquares(maximumOuterIterations: -1).solve(a, [1])
        }
        #expect(throws: FittingError.invalidTolerance(-1e-3)) {
            try NonNegativeLeastSquares(dualTolerance: -1e-3).solve(a, [1])
        }
        let nanError = #expect(throws: FittingError.self) {
            try NonNegativeLeastSquares(dualTolerance: .nan).solve(a, [1])
        }
        guard case .invalidTolerance(let value)? = nanError else {
            Issue.record("expected invalidTolerance, got \(String(describing: nanError))")
            return
        }
        #expect(value.isNaN)
    }

    @Test func errorDescriptionsAreSingleSentencesNamingTheValue() {
        let errors: [(FittingError, String)] = [
            (.nonFiniteMatrixEntry(row: 4, column: 2), "row 4, column 2"),
            (.nonFiniteRightHandSide(index: 7), "index 7"),
            (.dimensionMismatch(expectedCount: 432, actualCount: 431), "431"),
            (.raggedRows(row: 2, expectedColumns: 3, actualColumns: 1), "Row 2"),
            (.dimensionExceedsLAPACKLimit(dimension: 5_000_000_000, limit: 2_147_483_647), "5000000000"),
            (.rankDeficient(column: 3), "column 3"),
            (.iterationLimitReached(limit: 21), "21"),
            (.invalidIterationLimit(-1), "-1"),
            (.invalidTolerance(-0.5), "-0.5"),
        ]
        for (error, fragment) in errors {
            #expect(error.description.contains(fragment), "\(error.description)")
            #expect(error.description.hasSuffix("."))
            #expect(error.description.filter { $0 == "." }.count <= 2, "one sentence: \(error.description)")
        }
    }
}
