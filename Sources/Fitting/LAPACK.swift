internal import CLapack

/// Thin, checked wrappers over the LAPACKE routines used by the `Fitting` module.
///
/// Conventions shared by every wrapper:
/// - All matrices are column-major (`LAPACK_COL_MAJOR`); a matrix with leading dimension `ld`
///   stores element `(i, j)` at `buffer[offset + i + j * ld]`.
/// - The `_work` variants are called so that no routine allocates; callers size the workspace
///   once with the matching `…WorkspaceSize` query and reuse it.
/// - Buffer sizes and dimensions are checked with `precondition` before the call: a violation is a
///   bug in this module, never a consequence of user input (user input is validated earlier).
/// - LAPACK's `info < 0` (an illegal argument) is likewise a bug and ends in `preconditionFailure`.
///   `info > 0` is a numerical outcome and is returned to the caller as a Swift error.
internal enum LAPACK {
    /// LAPACK's integer type as imported from `lapacke.h` on this platform (32-bit LP64 build).
    typealias Integer = Int32

    /// Largest dimension the linked LAPACK can address.
    static let maximumDimension = Int(Integer.max)

    /// `dtrtrs` found an exactly zero diagonal entry in a triangular factor.
    struct SingularTriangularFactor: Error, Equatable {
        /// Zero-based index of the first zero diagonal entry.
        let diagonalIndex: Int
    }

    private static let columnMajor = LAPACK_COL_MAJOR
    private static func character(_ ascii: Unicode.Scalar) -> CChar {
        CChar(truncatingIfNeeded: UInt8(ascii: ascii))
    }

    private static func integer(_ value: Int) -> Integer {
        precondition(value >= 0 && value <= maximumDimension, "LAPACK dimension \(value) is outside 0...\(maximumDimension)")
        return Integer(value)
    }

    private static func check(_ info: Integer, routine: StaticString) {
        if info < 0 {
            preconditionFailure("\(routine): argument \(-info) had an illegal value (bug in Fitting)")
        }
    }

    /// Optimal workspace length for ``householderQR(rows:columns:matrix:offset:leadingDimension:tau:tauOffset:workspace:)``
    /// on a `rows × columns` matrix; always at least the documented minimum `max(1, columns)`.
    static func householderQRWorkspaceSize(rows: Int, columns: Int) -> Int {
        guard rows > 0, columns > 0 else { return 1 }
        // A workspace query reads only the dimensions, so one-element placeholders suffice.
        var matrix = [Double](repeating: 0, count: 1)
        var tau = [Double](repeating: 0, count: 1)
        var query = [Double](repeating: 0, count: 1)
        let info = LAPACKE_dgeqrf_work(
            columnMajor, integer(rows), integer(columns), &matrix, integer(rows), &tau, &query, -1)
        check(info, routine: "dgeqrf (workspace query)")
        return max(1, columns, Int(query[0].rounded(.up)))
    }

    /// Householder QR factorization `A = Q R` of the `rows × columns` block starting at `offset`
    /// (LAPACK `dgeqrf`). On return the block holds `R` on and above the diagonal and the
    /// Householder vectors below it; `tau[tauOffset ..< tauOffset + min(rows, columns)]` holds the
    /// reflector scalars. Never fails numerically.
    static func householderQR(
        rows: Int, columns: Int,
        matrix: inout [Double], offset: Int = 0, leadingDimension: Int,
        tau: inout [Double], tauOffset: Int = 0,
        workspace: inout [Double]
    ) {
        guard rows > 0, columns > 0 else { return }
        precondition(leadingDimension >= rows, "dgeqrf: leading dimension \(leadingDimension) < rows \(rows)")
        precondition(offset >= 0 && offset + leadingDimension * (columns - 1) + rows <= matrix.count, "dgeqrf: matrix buffer too small")
        precondition(tauOffset >= 0 && tauOffset + min(rows, columns) <= tau.count, "dgeqrf: tau buffer too small")
        precondition(workspace.count >= columns, "dgeqrf: workspace smaller than the minimum \(columns)")
        let info = matrix.withUnsafeMutableBufferPointer { a in
            tau.withUnsafeMutableBufferPointer { t in
                workspace.withUnsafeMutableBufferPointer { w in
                    LAPACKE_dgeqrf_work(
                        columnMajor, integer(rows), integer(columns),
                        a.baseAddress! + offset, integer(leadingDimension),
                        t.baseAddress! + tauOffset, w.baseAddress!, integer(w.count))
                }
            }
        }
        check(info, routine: "dgeqrf")
    }

    /// Optimal workspace length for ``applyQTranspose(rows:columns:reflectors:factored:factoredOffset:leadingDimension:tau:tauOffset:matrix:matrixOffset:matrixLeadingDimension:workspace:)``
    /// with `reflectors` reflectors applied to a `rows × columns` block; at least 1.
    static func applyQTransposeWorkspaceSize(rows: Int, columns: Int, reflectors: Int) -> Int {
        guard rows > 0, columns > 0, reflectors > 0 else { return 1 }
        // A workspace query reads only the dimensions, so one-element placeholders suffice.
        var factored = [Double](repeating: 0, count: 1)
        var tau = [Double](repeating: 0, count: 1)
        var block = [Double](repeating: 0, count: 1)
        var query = [Double](repeating: 0, count: 1)
        let info = LAPACKE_dormqr_work(
            columnMajor, character("L"), character("T"), integer(rows), integer(columns), integer(reflectors),
            &factored, integer(rows), &tau, &block, integer(rows), &query, -1)
        check(info, routine: "dormqr (workspace query)")
        return max(1, columns, Int(query[0].rounded(.up)))
    }

    /// Overwrites the `rows × columns` block of `matrix` starting at `matrixOffset` (leading
    /// dimension `matrixLeadingDimension`) with `Qᵀ` times itself, where `Q` is the product of the
    /// first `reflectors` Householder reflectors stored by
    /// ``householderQR(rows:columns:matrix:offset:leadingDimension:tau:tauOffset:workspace:)`` in
    /// the `rows`-row block of `factored` starting at `factoredOffset`, with scalars starting at
    /// `tau[tauOffset]` (LAPACK `dormqr`, side L, trans T). Never fails numerically.
    ///
    /// - Precondition: `reflectors ≤ rows`, `workspace.count ≥ columns`, and every buffer is large
    ///   enough for the block it is given.
    static func applyQTranspose(
        rows: Int, columns: Int = 1, reflectors: Int,
        factored: [Double], factoredOffset: Int = 0, leadingDimension: Int,
        tau: [Double], tauOffset: Int = 0,
        matrix: inout [Double], matrixOffset: Int = 0, matrixLeadingDimension: Int,
        workspace: inout [Double]
    ) {
        guard rows > 0, columns > 0, reflectors > 0 else { return }
        checkReflectorBlock(rows: rows, reflectors: reflectors, count: factored.count, offset: factoredOffset, leadingDimension: leadingDimension)
        factored.withUnsafeBufferPointer { a in
            matrix.withUnsafeMutableBufferPointer { c in
                multiplyByQTranspose(
                    rows: rows, columns: columns, reflectors: reflectors,
                    reflectorBlock: a.baseAddress! + factoredOffset, leadingDimension: leadingDimension,
                    tau: tau, tauOffset: tauOffset,
                    matrix: c, matrixOffset: matrixOffset, matrixLeadingDimension: matrixLeadingDimension,
                    workspace: &workspace)
            }
        }
    }

    /// Like ``applyQTranspose(rows:columns:reflectors:factored:factoredOffset:leadingDimension:tau:tauOffset:matrix:matrixOffset:matrixLeadingDimension:workspace:)``,
    /// for reflectors stored in the same buffer as the block they are applied to, as in a
    /// factorization updated in place.
    ///
    /// - Precondition: the reflector block ends before the target block starts
    ///   (`factoredOffset + leadingDimension · (reflectors − 1) + rows ≤ matrixOffset`).
    static func applyQTransposeInPlace(
        rows: Int, columns: Int, reflectors: Int,
        buffer: inout [Double], factoredOffset: Int, leadingDimension: Int,
        tau: [Double], tauOffset: Int = 0,
        matrixOffset: Int, matrixLeadingDimension: Int,
        workspace: inout [Double]
    ) {
        guard rows > 0, columns > 0, reflectors > 0 else { return }
        checkReflectorBlock(rows: rows, reflectors: reflectors, count: buffer.count, offset: factoredOffset, leadingDimension: leadingDimension)
        precondition(
            factoredOffset + leadingDimension * (reflectors - 1) + rows <= matrixOffset,
            "dormqr: reflectors and target block overlap")
        buffer.withUnsafeMutableBufferPointer { c in
            multiplyByQTranspose(
                rows: rows, columns: columns, reflectors: reflectors,
                reflectorBlock: UnsafePointer(c.baseAddress! + factoredOffset), leadingDimension: leadingDimension,
                tau: tau, tauOffset: tauOffset,
                matrix: c, matrixOffset: matrixOffset, matrixLeadingDimension: matrixLeadingDimension,
                workspace: &workspace)
        }
    }

    private static func checkReflectorBlock(rows: Int, reflectors: Int, count: Int, offset: Int, leadingDimension: Int) {
        precondition(reflectors <= rows, "dormqr: \(reflectors) reflectors exceed \(rows) rows")
        precondition(leadingDimension >= rows, "dormqr: leading dimension \(leadingDimension) < rows \(rows)")
        precondition(offset >= 0 && offset + leadingDimension * (reflectors - 1) + rows <= count, "dormqr: factor buffer too small")
    }

    /// The `dormqr` call shared by both entry points; `reflectorBlock` is already validated.
    private static func multiplyByQTranspose(
        rows: Int, columns: Int, reflectors: Int,
        reflectorBlock: UnsafePointer<Double>, leadingDimension: Int,
        tau: [Double], tauOffset: Int,
        matrix: UnsafeMutableBufferPointer<Double>, matrixOffset: Int, matrixLeadingDimension: Int,
        workspace: inout [Double]
    ) {
        precondition(matrixLeadingDimension >= rows, "dormqr: block leading dimension \(matrixLeadingDimension) < rows \(rows)")
        precondition(tauOffset >= 0 && tauOffset + reflectors <= tau.count, "dormqr: tau buffer too small")
        precondition(
            matrixOffset >= 0 && matrixOffset + matrixLeadingDimension * (columns - 1) + rows <= matrix.count,
            "dormqr: block buffer too small")
        precondition(workspace.count >= columns, "dormqr: workspace smaller than the minimum \(columns)")
        let info = tau.withUnsafeBufferPointer { t in
            workspace.withUnsafeMutableBufferPointer { w in
                LAPACKE_dormqr_work(
                    columnMajor, character("L"), character("T"),
                    integer(rows), integer(columns), integer(reflectors),
                    reflectorBlock, integer(leadingDimension), t.baseAddress! + tauOffset,
                    matrix.baseAddress! + matrixOffset, integer(matrixLeadingDimension),
                    w.baseAddress!, integer(w.count))
            }
        }
        check(info, routine: "dormqr")
    }

    /// Solves `R y = rhs` in place for the upper-triangular, non-unit `order × order` factor `R`
    /// stored in `factor` (LAPACK `dtrtrs`); the first `order` entries of `rightHandSide` become `y`.
    ///
    /// - Throws: ``SingularTriangularFactor`` if a diagonal entry of `R` is exactly zero (`info > 0`);
    ///   `rightHandSide` is then unchanged. Tiny but non-zero diagonals are not detected here.
    static func solveUpperTriangular(
        order: Int, factor: [Double], leadingDimension: Int, rightHandSide: inout [Double]
    ) throws(SingularTriangularFactor) {
        guard order > 0 else { return }
        precondition(leadingDimension >= order, "dtrtrs: leading dimension \(leadingDimension) < order \(order)")
        precondition(leadingDimension * (order - 1) + order <= factor.count, "dtrtrs: factor buffer too small")
        precondition(order <= rightHandSide.count, "dtrtrs: right-hand side shorter than \(order)")
        let info = LAPACKE_dtrtrs_work(
            columnMajor, character("U"), character("N"), character("N"), integer(order), 1,
            factor, integer(leadingDimension), &rightHandSide, integer(max(1, rightHandSide.count)))
        check(info, routine: "dtrtrs")
        if info > 0 {
            throw SingularTriangularFactor(diagonalIndex: Int(info) - 1)
        }
    }
}
