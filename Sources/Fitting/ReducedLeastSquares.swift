/// Least-squares problems that share one tall matrix A (m × n, m ≥ n),
/// reduced once to n × n by a Householder QR: with A = QR,
/// ‖Ax − b‖² = ‖Rx − (Qᵀb)₁..ₙ‖² + ‖(Qᵀb)ₙ₊₁..ₘ‖², for every x. So a constrained
/// problem on (A, b), such as NNLS, has the same solutions as the n × n problem
/// on (R, (Qᵀb)₁..ₙ), and the QR is backward stable: no normal equations.
///
/// The fit uses it for its two sigmoid bases, each shared by three rates: two
/// factorizations and six 7 × 7 NNLS problems instead of six 432 × 7 ones.
struct ReducedLeastSquares {
    let rows: Int
    let columns: Int
    /// Householder vectors and R, as `dgeqrf` leaves them (column-major, m × n).
    private let factored: [Double]
    private let tau: [Double]
    /// R, the upper n × n triangle.
    let triangular: Matrix

    /// Factors `a`.
    /// - Precondition: `a.rows ≥ a.columns` and every entry finite (callers validate).
    init(_ a: Matrix) {
        precondition(a.rows >= a.columns, "the reduction needs at least as many rows as columns")
        rows = a.rows
        columns = a.columns
        var storage = a.storage
        var tau = [Double](repeating: 0, count: max(1, a.columns))
        // Narrow bases factor unblocked: the minimal workspace is enough.
        var workspace = [Double](repeating: 0, count: max(1, columns))
        LAPACK.householderQR(
            rows: rows, columns: columns, matrix: &storage, leadingDimension: rows, tau: &tau,
            workspace: &workspace)
        var r = Matrix(rows: columns, columns: columns)
        for j in 0..<columns {
            for i in 0...j { r[i, j] = storage[i + j * rows] }
        }
        factored = storage
        self.tau = tau
        triangular = r
    }

    /// Qᵀb for each right-hand side: the first n entries (the reduced
    /// right-hand side) and the norm of the rest (the part no x can fit).
    ///
    /// - Precondition: every `b` has `rows` entries.
    func reduce(_ rightHandSides: [[Double]]) -> [(reduced: [Double], orthogonalNorm: Double)] {
        guard !rightHandSides.isEmpty, columns > 0 else {
            return rightHandSides.map { ($0.prefix(columns).map { $0 }, 0) }
        }
        precondition(rightHandSides.allSatisfy { $0.count == rows }, "right-hand sides need one entry per row")
        var block = rightHandSides.flatMap { $0 }
        var workspace = [Double](repeating: 0, count: max(1, rightHandSides.count))
        LAPACK.applyQTranspose(
            rows: rows, columns: rightHandSides.count, reflectors: columns, factored: factored,
            leadingDimension: rows, tau: tau, matrix: &block, matrixLeadingDimension: rows,
            workspace: &workspace)
        return (0..<rightHandSides.count).map { k in
            let start = k * rows
            let reduced = Array(block[start..<start + columns])
            var tail = 0.0
            for i in start + columns..<start + rows { tail += block[i] * block[i] }
            return (reduced, tail.squareRoot())
        }
    }
}
