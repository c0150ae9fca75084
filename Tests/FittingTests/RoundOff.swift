@testable import Fitting

/// Round-off bounds from backward-error analysis, for tolerances that hold on
/// every machine whatever kernels its BLAS picks (OpenBLAS chooses them by
/// processor, so the last bits of a factorization differ between machines).
///
/// References: N. J. Higham, *Accuracy and Stability of Numerical Algorithms*,
/// 2nd ed., SIAM 2002: γ_k (§3.1); Householder QR is backward stable with
/// ‖ΔA‖_F ≤ γ̃_{mn} ‖A‖_F (Thm 19.4, 20.3); the perturbation theory of
/// least squares (Thm 20.1) turns that into a forward error. γ̃_k is γ_{ck}
/// for "a small integer constant c"; these bounds take c = 4.
enum RoundOff {
    /// The unit round-off u = ε/2.
    static let unit = Double.ulpOfOne / 2

    /// γ_k = k u / (1 − k u).
    static func gamma(_ k: Int) -> Double {
        let ku = Double(k) * unit
        return ku / (1 - ku)
    }

    /// γ̃_{mn} with c = 4: the relative backward error of Householder QR (and
    /// of applying Qᵀ and solving with R) on an m × n problem.
    static func householder(rows m: Int, columns n: Int) -> Double {
        gamma(4 * max(m, 1) * max(n, 1))
    }

    /// A bound on ‖x̂ − x‖₂ / ‖x‖₂ for the least-squares solution computed by
    /// Householder QR, to first order:
    ///
    ///     γ̃_{mn} · (2κ + κ² ‖r‖₂ / (‖A‖₂ ‖x‖₂))
    ///
    /// - Parameters:
    ///   - condition: κ₂(A), or any upper bound such as κ_F = ‖A‖_F ‖A⁺‖_F.
    ///   - residualRatio: ‖r‖₂ / (‖A‖₂ ‖x‖₂) (0 for a consistent system).
    static func leastSquares(rows m: Int, columns n: Int, condition: Double, residualRatio: Double = 0) -> Double {
        householder(rows: m, columns: n) * (2 * condition + condition * condition * residualRatio)
    }

    /// κ_F = ‖A‖_F ‖A⁺‖_F ≥ κ₂(A) of a matrix of full column rank, from its
    /// QR factorization (A = QR: A and R share their singular values, and
    /// R⁻¹ comes from triangular solves). The estimate's own round-off is
    /// second order for the bounds it feeds.
    static func conditionNumber(_ a: Matrix) throws -> Double {
        let (m, n) = (a.rows, a.columns)
        precondition(m >= n && n > 0, "a tall matrix with columns")
        var factor = a.storage
        var tau = [Double](repeating: 0, count: n)
        var workspace = [Double](repeating: 0, count: LAPACK.householderQRWorkspaceSize(rows: m, columns: n))
        LAPACK.householderQR(rows: m, columns: n, matrix: &factor, leadingDimension: m, tau: &tau, workspace: &workspace)
        var normR = 0.0, normInverse = 0.0
        for j in 0..<n {
            for i in 0...j { normR += factor[i + j * m] * factor[i + j * m] }
            var unit = [Double](repeating: 0, count: n)
            unit[j] = 1
            try LAPACK.solveUpperTriangular(order: n, factor: factor, leadingDimension: m, rightHandSide: &unit)
            normInverse += unit.reduce(0) { $0 + $1 * $1 }
        }
        return (normR * normInverse).squareRoot()
    }
}
