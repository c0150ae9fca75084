/// Householder QR factorization of the passive columns of a non-negative least-squares problem,
/// used to solve the unconstrained subproblem `min ‖A_P z − b‖₂` of the Lawson–Hanson algorithm.
///
/// As in Lawson and Hanson's own implementation, one `m × (n + 1)` buffer holds the whole system
/// `[A | b]` with its columns permuted so that the `p` passive columns come first, transformed
/// by their Householder reflectors: `T = Qᵀ [A_P | A_Z | b]`. Its first `p` columns hold `R` (on
/// and above the diagonal) and the reflector vectors (below it), exactly as `dgeqrf` leaves them.
/// - ``propose(column:)`` moves a candidate to position `p`, tests its transformed trailing part
///   for dependence and, if independent, factors it in place (one-column `dgeqrf`), applies the
///   new reflector to a copy of `Qᵀb` (`dormqr`) and solves `R z = Qᵀb` (`dtrtrs`). Tentative:
///   the candidate's column is saved and restored if the proposal is dropped.
/// - ``acceptProposal()`` applies the new reflector to the remaining columns and `b` (`dormqr`).
/// - ``removeColumns(where:)`` refactors the remaining passive columns from `[A | b]`.
///
/// Work per outer iteration is `O(m·n)` in a fixed number of LAPACK calls. All buffers are
/// allocated once in ``init(design:rows:columns:columnNorms:rightHandSide:)``, where the LAPACK
/// workspace is also sized, by one query per routine for the largest call that can occur.
struct PassiveSetFactorization {
    /// Outcome of ``propose(column:)``.
    enum Proposal: Equatable {
        /// The column is numerically in the span of the passive columns (or there are already as
        /// many passive columns as rows); nothing changed.
        case dependent
        /// The enlarged subproblem was solved; ``solution`` holds `z`, the candidate being last.
        case solved
    }

    let rows: Int
    let columns: Int
    /// Number of passive columns `p`.
    private(set) var passiveCount = 0
    /// The subproblem solution `z` in ``passiveColumns`` order (plus the proposed column last,
    /// after a `.solved` proposal). Only the first `p` (or `p + 1`) entries are meaningful.
    private(set) var solution: [Double]

    private let design: [Double]
    private let rightHandSide: [Double]
    private let columnNorms: [Double]
    /// A candidate whose component orthogonal to the passive columns has norm at most
    /// `dependenceRatio · ‖a_t‖` is treated as dependent: `10 · max(m, n) · ε`, i.e. a few units of
    /// the round-off that Householder QR itself commits on a column of that length.
    private let dependenceRatio: Double
    /// `order[k]` is the column of `A` stored at position `k` of `transformed`; `position` is its inverse.
    private var order: [Int]
    private var position: [Int]
    /// `Qᵀ [A | b]` in `order`, column-major `rows × (columns + 1)`; `b` is the last column.
    private var transformed: [Double]
    private var tau: [Double]
    /// `Qᵀb` with the proposed column's reflector applied as well.
    private var proposedRightHandSide: [Double]
    /// The proposed column's transformed values before it was factored in place.
    private var savedColumn: [Double]
    private var workspace: [Double]
    private var hasProposal = false

    /// - Parameters:
    ///   - design: the `rows × columns` matrix `A`, column-major, every entry finite.
    ///   - columnNorms: `‖a_j‖₂` for each column, used by the dependence test.
    ///   - rightHandSide: `b`, `rows` finite entries.
    /// - Precondition: `rows ≥ 1`, `columns ≥ 1` and the buffer sizes match.
    /// Below this many columns the minimal LAPACK workspace is used.
    static let blockingThreshold = 32

    init(design: [Double], rows: Int, columns: Int, columnNorms: [Double], rightHandSide: [Double]) {
        precondition(rows >= 1 && columns >= 1, "PassiveSetFactorization needs a non-empty problem")
        precondition(
            design.count == rows * columns && rightHandSide.count == rows && columnNorms.count == columns,
            "PassiveSetFactorization: buffer sizes do not match \(rows) × \(columns)")
        self.rows = rows
        self.columns = columns
        self.design = design
        self.rightHandSide = rightHandSide
        self.columnNorms = columnNorms
        self.dependenceRatio = 10 * Double(max(rows, columns)) * Double.ulpOfOne
        self.solution = [Double](repeating: 0, count: columns)
        self.order = Array(0..<columns)
        self.position = Array(0..<columns)
        self.transformed = [Double](repeating: 0, count: rows * (columns + 1))
        self.tau = [Double](repeating: 0, count: columns)
        self.proposedRightHandSide = [Double](repeating: 0, count: rows)
        self.savedColumn = [Double](repeating: 0, count: rows)
        let largestRank = min(rows, columns)
        // Blocked QR only pays off for wide problems; below that LAPACK runs
        // its unblocked code whatever the workspace, and the documented minimum
        // (one entry per column) spares zeroing tens of kilobytes per solve.
        let minimum = columns + 1
        self.workspace = [Double](
            repeating: 0,
            count: columns < Self.blockingThreshold ? minimum : max(
                minimum,
                LAPACK.householderQRWorkspaceSize(rows: rows, columns: largestRank),
                LAPACK.applyQTransposeWorkspaceSize(rows: rows, columns: columns + 1, reflectors: largestRank)))
        loadSystem()
    }

    /// The passive columns of `A`, in factorization order (the order of ``solution``).
    var passiveColumns: ArraySlice<Int> { order[0..<passiveCount] }

    /// Tentatively appends column `column` to the passive set and solves the enlarged subproblem.
    ///
    /// On `.solved`, ``solution`` holds `z` for ``passiveColumns`` followed by the candidate; call
    /// ``acceptProposal()`` to keep it. On `.dependent` nothing changed. A later `propose` (or
    /// `removeColumns`) without `acceptProposal()` undoes the proposal first.
    mutating func propose(column: Int) -> Proposal {
        precondition(column >= 0 && column < columns && position[column] >= passiveCount, "Column \(column) is not a candidate")
        withdrawProposal()
        let p = passiveCount
        guard p < rows else { return .dependent }
        let source = position[column]
        let trailingNorm = transformed.withUnsafeBufferPointer { t in
            let trailing = UnsafeBufferPointer(rebasing: t[(source * rows + p)..<((source + 1) * rows)])
            return ActiveSetIterate.dot(trailing, trailing).squareRoot()
        }
        guard trailingNorm > dependenceRatio * columnNorms[column] else { return .dependent }

        moveCandidate(from: source, to: p)
        hasProposal = true
        let diagonal = p * rows + p
        LAPACK.householderQR(
            rows: rows - p, columns: 1, matrix: &transformed, offset: diagonal,
            leadingDimension: rows, tau: &tau, tauOffset: p, workspace: &workspace)
        Self.copy(transformed, from: columns * rows, count: rows, into: &proposedRightHandSide, at: 0)
        LAPACK.applyQTranspose(
            rows: rows - p, reflectors: 1, factored: transformed, factoredOffset: diagonal,
            leadingDimension: rows, tau: tau, tauOffset: p,
            matrix: &proposedRightHandSide, matrixOffset: p, matrixLeadingDimension: rows - p,
            workspace: &workspace)
        Self.copy(proposedRightHandSide, from: 0, count: p + 1, into: &solution, at: 0)
        do {
            try LAPACK.solveUpperTriangular(
                order: p + 1, factor: transformed, leadingDimension: rows, rightHandSide: &solution)
        } catch {
            // Unreachable in practice: the new diagonal is ±(trailing norm) > 0 and the committed
            // diagonals were non-zero. Treat an exact zero like any other dependent column.
            withdrawProposal()
            return .dependent
        }
        return .solved
    }

    /// Commits the column of the last `.solved` ``propose(column:)`` to the passive set and applies
    /// its reflector to the columns after it and to `b`.
    mutating func acceptProposal() {
        precondition(hasProposal, "acceptProposal() called without a solved proposal")
        let p = passiveCount
        LAPACK.applyQTransposeInPlace(
            rows: rows - p, columns: columns - p, reflectors: 1,
            buffer: &transformed, factoredOffset: p * rows + p, leadingDimension: rows,
            tau: tau, tauOffset: p,
            matrixOffset: (p + 1) * rows + p, matrixLeadingDimension: rows,
            workspace: &workspace)
        passiveCount += 1
        hasProposal = false
    }

    /// Removes the passive columns matching `shouldRemove`, refactors the remaining ones (keeping
    /// their order) and solves the reduced subproblem into ``solution``.
    ///
    /// - Throws: ``FittingError/rankDeficient(column:)`` if the refactored triangle has an exactly
    ///   zero diagonal. A subset of columns that passed the dependence test cannot be dependent in
    ///   exact arithmetic, so this only reports pathological round-off.
    mutating func removeColumns(where shouldRemove: (Int) -> Bool) throws(FittingError) {
        hasProposal = false  // The buffer is rebuilt from [A | b] below.
        // Partition the passive prefix: kept columns first, in their order; removed ones after.
        var kept = 0
        for k in 0..<passiveCount where !shouldRemove(order[k]) {
            order.swapAt(kept, k)
            kept += 1
        }
        passiveCount = kept
        for k in 0..<columns { position[order[k]] = k }
        loadSystem()
        guard kept > 0 else { return }
        LAPACK.householderQR(
            rows: rows, columns: kept, matrix: &transformed, leadingDimension: rows, tau: &tau, workspace: &workspace)
        LAPACK.applyQTransposeInPlace(
            rows: rows, columns: columns + 1 - kept, reflectors: kept,
            buffer: &transformed, factoredOffset: 0, leadingDimension: rows,
            tau: tau, matrixOffset: kept * rows, matrixLeadingDimension: rows,
            workspace: &workspace)
        Self.copy(transformed, from: columns * rows, count: kept, into: &solution, at: 0)
        do {
            try LAPACK.solveUpperTriangular(
                order: kept, factor: transformed, leadingDimension: rows, rightHandSide: &solution)
        } catch {
            throw .rankDeficient(column: order[error.diagonalIndex])
        }
    }

    /// Writes `w_j = a_jᵀ r` for every non-passive column `j` into `dual[j]`, where `r` is the
    /// residual of the least-squares solution on the passive set, using the transformed system:
    /// `w_j = Σ_{i ≥ p} (Qᵀa_j)[i] · (Qᵀb)[i]` (Lawson & Hanson, ch. 23). Passive entries are untouched.
    ///
    /// - Precondition: no proposal is pending.
    func candidateDuals(into dual: inout [Double]) {
        precondition(!hasProposal, "candidateDuals(into:) called with a pending proposal")
        precondition(dual.count == columns, "candidateDuals(into:): dual has \(dual.count) entries, expected \(columns)")
        let p = passiveCount
        transformed.withUnsafeBufferPointer { t in
            let transformedRightHandSide = UnsafeBufferPointer(rebasing: t[(columns * rows + p)..<((columns + 1) * rows)])
            for k in p..<columns {
                let column = UnsafeBufferPointer(rebasing: t[(k * rows + p)..<((k + 1) * rows)])
                dual[order[k]] = ActiveSetIterate.dot(column, transformedRightHandSide)
            }
        }
    }

    /// Undoes the in-place factorization of a proposed but not accepted column.
    private mutating func withdrawProposal() {
        guard hasProposal else { return }
        Self.copy(savedColumn, from: 0, count: rows, into: &transformed, at: passiveCount * rows)
        hasProposal = false
    }

    /// Fills `transformed` with `[A | b]` in the current column `order` (no reflectors applied).
    private mutating func loadSystem() {
        for k in 0..<columns {
            Self.copy(design, from: order[k] * rows, count: rows, into: &transformed, at: k * rows)
        }
        Self.copy(rightHandSide, from: 0, count: rows, into: &transformed, at: columns * rows)
    }

    /// Exchanges positions `source` and `target` of `transformed` and of the column bookkeeping,
    /// leaving the candidate's (formerly at `source`) values in `savedColumn` as well.
    private mutating func moveCandidate(from source: Int, to target: Int) {
        Self.copy(transformed, from: source * rows, count: rows, into: &savedColumn, at: 0)
        guard source != target else { return }
        let rows = rows
        transformed.withUnsafeMutableBufferPointer { t in
            _ = UnsafeMutableBufferPointer(rebasing: t[(source * rows)..<((source + 1) * rows)])
                .update(fromContentsOf: t[(target * rows)..<((target + 1) * rows)])
        }
        Self.copy(savedColumn, from: 0, count: rows, into: &transformed, at: target * rows)
        order.swapAt(source, target)
        position[order[source]] = source
        position[order[target]] = target
    }

    /// Copies `source[sourceOffset ..< sourceOffset + count]` to `destination[destinationOffset...]`
    /// in one block move, without per-element uniqueness and bounds checks.
    private static func copy(
        _ source: [Double], from sourceOffset: Int, count: Int, into destination: inout [Double], at destinationOffset: Int
    ) {
        source.withUnsafeBufferPointer { from in
            destination.withUnsafeMutableBufferPointer { to in
                _ = UnsafeMutableBufferPointer(rebasing: to[destinationOffset..<(destinationOffset + count)])
                    .update(fromContentsOf: from[sourceOffset..<(sourceOffset + count)])
            }
        }
    }
}
