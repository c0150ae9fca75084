/// The solution of a non-negative least-squares problem `min ‖A x − b‖₂ subject to x ≥ 0`,
/// as returned by ``NonNegativeLeastSquares/solve(_:_:)``.
///
/// Units: `solution` has the units of `b` divided by those of `A`; `residualNorm` has the units of
/// `b`; `dual` and `dualTolerance` have the units of `A` times `b`.
///
/// Postconditions (Karush–Kuhn–Tucker conditions, with `tol = dualTolerance`):
/// - every `solution[j] ≥ 0` (exactly; no negative zero or round-off below zero);
/// - `dual[j] ≤ tol` wherever `solution[j] == 0`;
/// - `|dual[j]| ≤ tol` wherever `solution[j] > 0`, up to round-off in `dual` itself, which for
///   the default tolerance stays below `tol` unless the selected columns are ill-conditioned
///   (roughly, unless `‖A‖·‖x‖ ≫ ‖b‖`).
public struct NNLSResult: Equatable, Sendable {
    /// The minimiser `x`, one entry per column of `A`; every entry is `≥ 0`. Empty for a matrix
    /// with no columns.
    public let solution: [Double]
    /// The residual norm `‖A x − b‖₂` at ``solution``, `≥ 0`; equals `‖b‖₂` when `x = 0`.
    public let residualNorm: Double
    /// Number of outer Lawson–Hanson iterations, i.e. columns moved into the passive set
    /// (`0` when `x = 0` is already optimal).
    public let outerIterations: Int
    /// The dual (negative gradient of `½‖A x − b‖²`) vector `w = Aᵀ(b − A x)`, one entry per
    /// column of `A`, evaluated at ``solution``. Useful for checking the optimality conditions.
    public let dual: [Double]
    /// The tolerance used in the optimality test `w[j] ≤ dualTolerance`, `≥ 0`, in units of
    /// `A` times `b`: either the caller's value or the default
    /// `10 · max(rows, columns) · ε · ‖A‖_F · ‖b‖₂` (see ``NonNegativeLeastSquares``).
    public let dualTolerance: Double

    /// Creates a result from its parts; no consistency checks are made.
    public init(solution: [Double], residualNorm: Double, outerIterations: Int, dual: [Double], dualTolerance: Double) {
        self.solution = solution
        self.residualNorm = residualNorm
        self.outerIterations = outerIterations
        self.dual = dual
        self.dualTolerance = dualTolerance
    }
}
