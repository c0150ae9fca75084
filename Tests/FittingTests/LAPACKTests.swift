import Testing

@testable import Fitting

/// The thin LAPACK wrappers build, link and compute what they claim on systems solved by hand.
@Suite("LAPACK wrappers")
struct LAPACKTests {
    /// A = [[2,1,1],[1,3,2],[1,0,0]], x = (1,2,3), b = A x = (7,13,1): Householder QR, `Qᵀb` and
    /// the triangular solve reproduce x within the backward-stability bound. det A = −1 and
    /// A⁻¹ = [[0,0,1],[−2,1,3],[3,−1,−5]], so κ_F = ‖A‖_F ‖A⁻¹‖_F = √21 · √50 ≈ 32.4 ≥ κ₂.
    @Test func householderQRSolvesSquareSystem() throws {
        let a = try Matrix(rows: [[2, 1, 1], [1, 3, 2], [1, 0, 0]])
        var factor = a.storage
        var tau = [Double](repeating: 0, count: 3)
        var workspace = [Double](repeating: 0, count: max(
            LAPACK.householderQRWorkspaceSize(rows: 3, columns: 3),
            LAPACK.applyQTransposeWorkspaceSize(rows: 3, columns: 1, reflectors: 3)))
        var rightHandSide: [Double] = [7, 13, 1]
        LAPACK.householderQR(rows: 3, columns: 3, matrix: &factor, leadingDimension: 3, tau: &tau, workspace: &workspace)
        LAPACK.applyQTranspose(
            rows: 3, reflectors: 3, factored: factor, leadingDimension: 3, tau: tau,
            matrix: &rightHandSide, matrixLeadingDimension: 3, workspace: &workspace)
        try LAPACK.solveUpperTriangular(order: 3, factor: factor, leadingDimension: 3, rightHandSide: &rightHandSide)
        let expected = [1.0, 2, 3]
        let error = zip(rightHandSide, expected).reduce(0) { $0 + ($1.0 - $1.1) * ($1.0 - $1.1) }.squareRoot()
        let bound = RoundOff.leastSquares(rows: 3, columns: 3, condition: (21.0 * 50).squareRoot()) * 14.0.squareRoot()
        #expect(error <= bound, "‖x̂ − x‖ = \(error), bound \(bound)")
    }

    /// Over-determined, factored in place in one `[A | b]` buffer as the NNLS solver does:
    /// A = [[1,0],[0,1],[1,1]], b = (1,2,4). Normal equations [[2,1],[1,2]] x = (5,6) give
    /// x = (4/3, 7/3); the residual norm 1/√3 is the norm of the last entry of `Qᵀb`.
    /// AᵀA has eigenvalues 3 and 1, so κ₂ = √3 and ‖A‖₂ = √3; ‖x‖ = √65 / 3.
    @Test func inPlaceQRSolvesLeastSquares() throws {
        var system: [Double] = [1, 0, 1, 0, 1, 1, 1, 2, 4]  // columns a₁, a₂, b
        var tau = [Double](repeating: 0, count: 2)
        var workspace = [Double](repeating: 0, count: max(
            LAPACK.householderQRWorkspaceSize(rows: 3, columns: 2),
            LAPACK.applyQTransposeWorkspaceSize(rows: 3, columns: 1, reflectors: 2)))
        LAPACK.householderQR(rows: 3, columns: 2, matrix: &system, leadingDimension: 3, tau: &tau, workspace: &workspace)
        LAPACK.applyQTransposeInPlace(
            rows: 3, columns: 1, reflectors: 2, buffer: &system, factoredOffset: 0, leadingDimension: 3,
            tau: tau, matrixOffset: 6, matrixLeadingDimension: 3, workspace: &workspace)
        var solution = Array(system[6..<8])
        try LAPACK.solveUpperTriangular(order: 2, factor: system, leadingDimension: 3, rightHandSide: &solution)
        let norm = 65.0.squareRoot() / 3, residual = 1 / 3.0.squareRoot()
        let bound = RoundOff.leastSquares(
            rows: 3, columns: 2, condition: 3.0.squareRoot(), residualRatio: residual / (3.0.squareRoot() * norm)) * norm
        let error = ((solution[0] - 4.0 / 3) * (solution[0] - 4.0 / 3) + (solution[1] - 7.0 / 3) * (solution[1] - 7.0 / 3)).squareRoot()
        #expect(error <= bound, "‖x̂ − x‖ = \(error), bound \(bound)")
        // |‖r̂‖ − ‖r‖| ≤ ‖ΔA‖‖x‖ + ‖Δb‖ to first order: no condition number.
        let residualBound = RoundOff.householder(rows: 3, columns: 2) * (3.0.squareRoot() * norm + 21.0.squareRoot())
        #expect(abs(abs(system[8]) - residual) <= residualBound)
    }

    /// `dtrtrs` reports an exactly zero diagonal as `info > 0`, mapped to a Swift error naming the
    /// zero-based diagonal index, and leaves the right-hand side untouched.
    @Test func triangularSolveReportsExactSingularity() {
        let upper: [Double] = [1, 0, 5, 0]  // column-major [[1, 5], [0, 0]]
        var rightHandSide: [Double] = [1, 1]
        #expect(throws: LAPACK.SingularTriangularFactor(diagonalIndex: 1)) {
            try LAPACK.solveUpperTriangular(order: 2, factor: upper, leadingDimension: 2, rightHandSide: &rightHandSide)
        }
        #expect(rightHandSide == [1, 1])
    }

    @Test func workspaceQueriesReturnAtLeastTheMinimum() {
        #expect(LAPACK.householderQRWorkspaceSize(rows: 432, columns: 7) >= 7)
        #expect(LAPACK.applyQTransposeWorkspaceSize(rows: 432, columns: 8, reflectors: 7) >= 8)
        #expect(LAPACK.householderQRWorkspaceSize(rows: 0, columns: 3) == 1)
    }
}
