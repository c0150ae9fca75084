/// Non-negative least squares: minimise `‖A x − b‖₂` subject to `x ≥ 0` (componentwise).
///
/// Implements the active-set algorithm NNLS of Lawson & Hanson, *Solving Least Squares Problems*
/// (1974), chapter 23. Columns move from the active set (`x[j]` held at 0) to the passive set
/// (`x[j]` free) one at a time, chosen by the largest dual value `w[j] = (Aᵀ(b − A x))[j]`; each
/// passive-set subproblem is an unconstrained least-squares problem solved by Householder QR
/// through LAPACK (`dgeqrf`, `dormqr`, `dtrtrs`); when its solution has non-positive entries the
/// iterate moves back along the segment towards it until the first entry reaches 0, which then
/// returns to the active set.
///
/// Numerical safeguards, all following Lawson & Hanson's own implementation:
/// - A candidate column that is numerically a linear combination of the passive columns (its
///   component orthogonal to them is at most `10 · max(m, n) · ε` times its norm), or whose
///   subproblem coefficient comes out `≤ 0` (impossible in exact arithmetic), is *rejected* for
///   that outer iteration and the next-best candidate is tried. Rank deficiency is thus recovered
///   from, not reported: of several dependent columns (e.g. duplicates) only the first one chosen
///   gets a non-zero coefficient. Such a column's dual value is itself round-off-sized, since the
///   residual is orthogonal to the passive columns spanning it.
/// - `A` and `b` are scaled internally by powers of two (exact) so that intermediate norms cannot
///   overflow or underflow; results are scaled back.
///
/// The default dual tolerance is `tol = 10 · max(m, n) · ε · ‖A‖_F · ‖b‖₂` (`ε` = `Double.ulpOfOne`).
/// Rationale: `w = Aᵀ r` has magnitude at most `‖A‖ · ‖b‖` (the optimal residual is no longer than
/// `b`), and computing `r` and then `Aᵀ r` by length-`m` sums perturbs each `w[j]` by a few
/// `m · ε · ‖A‖ · ‖b‖` for well-conditioned passive columns. Values below `tol` are round-off
/// and are not allowed to enter the passive set, which prevents cycling on noise.
///
/// Why Householder QR through `dgeqrf` + `dormqr` + `dtrtrs` rather than one `dgels` or `dgelsd`
/// call per subproblem: the passive set changes by one column at a time, and the separate
/// routines let the factorization be *updated* when a column enters (one reflector, as Lawson and
/// Hanson do) instead of recomputed; they expose the would-be diagonal `|R_pp|` of an entering
/// column *before* the triangular solve, which is the dependence test above (`dgels` only reports
/// an exactly zero diagonal, and would otherwise return huge cancelling coefficients for nearly
/// dependent columns); and the transformed right-hand side yields the dual values of the
/// candidates directly. `dgelsd` (SVD) is rank-revealing but several times costlier, cannot be
/// updated, and spreads weight over dependent columns instead of excluding them.
///
/// Performance: per call, one scaled copy of `A` and `b`, one `m × (n + 1)` factorization
/// buffer and the LAPACK workspace (sized by one query per routine) are allocated; the iterations
/// allocate nothing. An outer iteration costs `O(m·n)` in four LAPACK calls; a column leaving the
/// passive set costs a refactorization, `O(m·n·p)`.
public struct NonNegativeLeastSquares: Sendable {
    /// Maximum number of outer iterations (columns entering the passive set), `≥ 0`;
    /// `nil` means `3 · columns`, the default of SciPy's `nnls`.
    public var maximumOuterIterations: Int?
    /// Dual tolerance in units of `A` times `b`, finite and `≥ 0`; `nil` means the scale-aware
    /// default `10 · max(rows, columns) · ε · ‖A‖_F · ‖b‖₂`.
    public var dualTolerance: Double?

    /// Creates a solver. Parameters are validated by ``solve(_:_:)``, not here.
    ///
    /// - Parameters:
    ///   - maximumOuterIterations: outer-iteration cap, `≥ 0`; `nil` for `3 · columns`.
    ///   - dualTolerance: tolerance of the optimality test, in units of `A` times `b`; `nil` for
    ///     the scale-aware default described in the type documentation.
    public init(maximumOuterIterations: Int? = nil, dualTolerance: Double? = nil) {
        self.maximumOuterIterations = maximumOuterIterations
        self.dualTolerance = dualTolerance
    }

    /// Solves `min ‖A x − b‖₂ subject to x ≥ 0`.
    ///
    /// - Parameters:
    ///   - a: the `m × n` design matrix `A`; any shape, including `m < n` and zero columns.
    ///   - b: the right-hand side, `m` entries.
    /// - Returns: the minimiser and diagnostics; see ``NNLSResult`` for its postconditions.
    ///   With `n = 0` the solution is `[]` and the residual is `‖b‖₂`; with `b = 0` (or `A = 0`)
    ///   it is `x = 0`. When `A` has dependent columns the minimiser `x` is not unique (the
    ///   residual is); the one returned uses linearly independent columns only.
    /// - Throws: ``FittingError/invalidIterationLimit(_:)`` or ``FittingError/invalidTolerance(_:)``
    ///   for bad parameters; ``FittingError/dimensionMismatch(expectedCount:actualCount:)`` if
    ///   `b.count != a.rows`; ``FittingError/nonFiniteMatrixEntry(row:column:)`` or
    ///   ``FittingError/nonFiniteRightHandSide(index:)`` naming the first NaN/infinite entry
    ///   (`A` is scanned column by column, before `b`; no LAPACK routine is called on bad input);
    ///   ``FittingError/dimensionExceedsLAPACKLimit(dimension:limit:)`` for gigantic shapes;
    ///   ``FittingError/iterationLimitReached(limit:)`` if more outer iterations are needed;
    ///   ``FittingError/rankDeficient(column:)`` only if round-off makes a refactored subproblem
    ///   exactly singular despite the dependence test.
    public func solve(_ a: Matrix, _ b: [Double]) throws(FittingError) -> NNLSResult {
        let (largestInA, largestInB) = try validate(a, b)
        let rows = a.rows, columns = a.columns
        guard columns > 0 else {
            return NNLSResult(
                solution: [], residualNorm: Self.scaledNorm(b), outerIterations: 0, dual: [],
                dualTolerance: dualTolerance ?? 0)
        }
        let exponentA = Self.binaryExponent(largestInA), exponentB = Self.binaryExponent(largestInB)
        var iterate = ActiveSetIterate(
            design: Self.scaledByPowerOfTwo(a.storage, exponent: -exponentA), rows: rows, columns: columns,
            rightHandSide: Self.scaledByPowerOfTwo(b, exponent: -exponentB))
        let tolerance = dualTolerance.map { Self.scaled($0, by: -exponentA - exponentB) }
            ?? 10 * Double(max(rows, columns)) * Double.ulpOfOne * iterate.designNorm * iterate.rightHandSideNorm
        try iterate.run(tolerance: tolerance, outerIterationLimit: maximumOuterIterations ?? 3 * columns)
        return NNLSResult(
            solution: iterate.x.map { Self.scaled($0, by: exponentB - exponentA) },
            residualNorm: Self.scaled(iterate.residualNorm, by: exponentB),
            outerIterations: iterate.outerIterations,
            dual: iterate.dual.map { Self.scaled($0, by: exponentA + exponentB) },
            dualTolerance: Self.scaled(tolerance, by: exponentA + exponentB))
    }

    /// Checks parameters, shape and finiteness, in that order, before any arithmetic.
    ///
    /// - Returns: the largest magnitudes in `A` and in `b`, needed for scaling.
    private func validate(_ a: Matrix, _ b: [Double]) throws(FittingError) -> (matrix: Double, rightHandSide: Double) {
        if let limit = maximumOuterIterations, limit < 0 { throw .invalidIterationLimit(limit) }
        if let tolerance = dualTolerance, !(tolerance.isFinite && tolerance >= 0) { throw .invalidTolerance(tolerance) }
        guard b.count == a.rows else { throw .dimensionMismatch(expectedCount: a.rows, actualCount: b.count) }
        guard let largestInA = Self.largestMagnitudeIfFinite(a.storage) else {
            let index = a.storage.firstIndex { !$0.isFinite } ?? 0
            throw .nonFiniteMatrixEntry(row: index % a.rows, column: index / a.rows)
        }
        guard let largestInB = Self.largestMagnitudeIfFinite(b) else {
            throw .nonFiniteRightHandSide(index: b.firstIndex { !$0.isFinite } ?? 0)
        }
        let largestDimension = max(a.rows, a.columns)
        guard largestDimension <= LAPACK.maximumDimension else {
            throw .dimensionExceedsLAPACKLimit(dimension: largestDimension, limit: LAPACK.maximumDimension)
        }
        return (largestInA, largestInB)
    }

    /// The largest `|v|` over `values` (0 if empty), or `nil` if some entry is NaN or infinite.
    ///
    /// One pass over the bit patterns with the sign bit cleared: for such patterns unsigned
    /// integer order is the order of the magnitudes, and every NaN or infinity compares at or
    /// above the pattern of `+∞`. Four independent maxima keep the loop from stalling.
    private static func largestMagnitudeIfFinite(_ values: [Double]) -> Double? {
        let magnitudeMask: UInt64 = ~(1 << 63)
        let largestBits = values.withUnsafeBufferPointer { p -> UInt64 in
            var (m0, m1, m2, m3): (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)
            var i = 0
            while i + 4 <= p.count {
                m0 = max(m0, p[i].bitPattern & magnitudeMask)
                m1 = max(m1, p[i + 1].bitPattern & magnitudeMask)
                m2 = max(m2, p[i + 2].bitPattern & magnitudeMask)
                m3 = max(m3, p[i + 3].bitPattern & magnitudeMask)
                i += 4
            }
            while i < p.count {
                m0 = max(m0, p[i].bitPattern & magnitudeMask)
                i += 1
            }
            return max(max(m0, m1), max(m2, m3))
        }
        return largestBits < Double.infinity.bitPattern ? Double(bitPattern: largestBits) : nil
    }

    /// The binary exponent `e` of `largest` (0 for 0), so that dividing by `2^e` brings it into `[1, 2)` exactly.
    private static func binaryExponent(_ largest: Double) -> Int {
        largest == 0 ? 0 : Int(largest.exponent)
    }

    /// `value · 2^exponent`, correctly rounded, without overflow of an intermediate factor.
    private static func scaled(_ value: Double, by exponent: Int) -> Double {
        Double(sign: .plus, exponent: exponent, significand: value)
    }

    /// `values` times `2^exponent`, exact unless a product is subnormal.
    ///
    /// `exponent` is minus the ``binaryExponent(_:)`` of finite data, so it lies in `-1023...1074`;
    /// `2^exponent` is representable (possibly subnormal) up to 1023, beyond that two factors are used.
    private static func scaledByPowerOfTwo(_ values: [Double], exponent: Int) -> [Double] {
        let inRange = exponent <= Double.greatestFiniteMagnitude.exponent
        let first = scaled(1, by: inRange ? exponent : exponent / 2)
        let second = inRange ? 1 : scaled(1, by: exponent - exponent / 2)
        return [Double](unsafeUninitializedCapacity: values.count) { buffer, initializedCount in
            values.withUnsafeBufferPointer { source in
                for i in source.indices { buffer[i] = source[i] * first * second }
            }
            initializedCount = values.count
        }
    }

    /// Euclidean norm, robust against overflow and underflow of the squares.
    private static func scaledNorm(_ values: [Double]) -> Double {
        let exponent = binaryExponent(values.reduce(0) { max($0, abs($1)) })
        let normalised = scaledByPowerOfTwo(values, exponent: -exponent)
        return scaled(normalised.reduce(0) { $0 + $1 * $1 }.squareRoot(), by: exponent)
    }
}
