/// The state of one Lawson–Hanson NNLS run on an already validated and scaled problem:
/// iterate `x`, residual `r = b − A x`, dual `w = Aᵀ r` and the passive-set bookkeeping.
///
/// ``NonNegativeLeastSquares`` validates the input, scales `A` and `b` by powers of two so that
/// their largest magnitudes lie in `[1, 2)`, runs this, and scales the results back. Every buffer
/// is allocated in ``init(design:rows:columns:rightHandSide:)`` or when the factorization is set
/// up; the iterations themselves do not allocate.
struct ActiveSetIterate {
    let rows: Int
    let columns: Int
    /// Current iterate `x`, `≥ 0`, exactly `0` outside the passive set.
    private(set) var x: [Double]
    /// `r = b − A x` at ``x`` (valid after ``run(tolerance:outerIterationLimit:)``).
    private(set) var residual: [Double]
    /// `w = Aᵀ r` at ``x`` (valid after ``run(tolerance:outerIterationLimit:)``).
    private(set) var dual: [Double]
    /// Columns moved into the passive set so far.
    private(set) var outerIterations = 0
    /// `‖A‖_F` of the (scaled) design matrix.
    let designNorm: Double
    /// `‖b‖₂` of the (scaled) right-hand side.
    let rightHandSideNorm: Double

    private let design: [Double]
    private let rightHandSide: [Double]
    private let columnNorms: [Double]

    /// - Parameters:
    ///   - design: `A`, `rows × columns`, column-major, finite, largest magnitude of order 1.
    ///   - rightHandSide: `b`, `rows` finite entries, largest magnitude of order 1.
    init(design: [Double], rows: Int, columns: Int, rightHandSide: [Double]) {
        precondition(design.count == rows * columns && rightHandSide.count == rows, "ActiveSetIterate: buffer sizes do not match \(rows) × \(columns)")
        self.rows = rows
        self.columns = columns
        self.design = design
        self.rightHandSide = rightHandSide
        self.x = [Double](repeating: 0, count: columns)
        self.residual = rightHandSide
        self.dual = [Double](repeating: 0, count: columns)
        var norms = [Double](repeating: 0, count: columns)
        design.withUnsafeBufferPointer { a in
            for j in 0..<columns {
                let column = UnsafeBufferPointer(rebasing: a[(j * rows)..<((j + 1) * rows)])
                norms[j] = Self.dot(column, column).squareRoot()
            }
        }
        self.columnNorms = norms
        self.designNorm = norms.reduce(0) { $0 + $1 * $1 }.squareRoot()
        self.rightHandSideNorm = rightHandSide.withUnsafeBufferPointer { Self.dot($0, $0).squareRoot() }
    }

    /// `‖b − A x‖₂` at the current iterate.
    var residualNorm: Double {
        residual.withUnsafeBufferPointer { Self.dot($0, $0).squareRoot() }
    }

    /// Runs Lawson–Hanson steps 2–12 until every non-passive dual value is `≤ tolerance`.
    /// On return ``x``, ``residual`` and ``dual`` are mutually consistent, the last two computed
    /// explicitly from `A`, `b` and `x`.
    ///
    /// During the iterations the dual of the non-passive columns is read off the transformed
    /// system instead, as Lawson and Hanson do: with `x` the least-squares solution on the passive
    /// set and `T = Qᵀ[A | b]`, `r = Q (0, (Qᵀb)[p...])` so `w_j = Σ_{i ≥ p} T[i, j] · (Qᵀb)[i]`.
    ///
    /// - Throws: ``FittingError/iterationLimitReached(limit:)`` if a further column would have to
    ///   enter after `outerIterationLimit` have; ``FittingError/rankDeficient(column:)`` as
    ///   documented on ``PassiveSetFactorization/removeColumns(where:)``.
    mutating func run(tolerance: Double, outerIterationLimit: Int) throws(FittingError) {
        updateResidualAndDual(passive: [])
        guard rows > 0, dual.contains(where: { $0 > tolerance }) else { return }
        var factorization = PassiveSetFactorization(
            design: design, rows: rows, columns: columns, columnNorms: columnNorms, rightHandSide: rightHandSide)
        var isPassive = [Bool](repeating: false, count: columns)
        var isRejected = [Bool](repeating: false, count: columns)
        while true {
            // Steps 3–6: move the best acceptable candidate into the passive set. A candidate is
            // rejected (for this outer iteration only) if it is numerically dependent on the
            // passive columns or its new coefficient is not positive; see NonNegativeLeastSquares.
            for j in 0..<columns { isRejected[j] = false }
            var entered = false
            while !entered {
                var candidate = -1
                var largestDual = tolerance
                for j in 0..<columns where !isPassive[j] && !isRejected[j] && dual[j] > largestDual {
                    candidate = j
                    largestDual = dual[j]
                }
                guard candidate >= 0 else {
                    // Optimality conditions hold within tolerance; report r and w explicitly.
                    updateResidualAndDual(passive: factorization.passiveColumns)
                    return
                }
                guard outerIterations < outerIterationLimit else {
                    throw .iterationLimitReached(limit: outerIterationLimit)
                }
                let newPosition = factorization.passiveCount
                if factorization.propose(column: candidate) == .solved, factorization.solution[newPosition] > 0 {
                    factorization.acceptProposal()
                    isPassive[candidate] = true
                    outerIterations += 1
                    entered = true
                } else {
                    isRejected[candidate] = true
                }
            }
            // Steps 7–11: while the subproblem solution z has entries ≤ 0, move from x towards z
            // until the first passive entry reaches 0 and drop it. Each pass drops at least one
            // column, so this loop ends.
            while true {
                let passiveCount = factorization.passiveCount
                var step = Double.infinity
                var blockingColumn = -1
                for k in 0..<passiveCount where factorization.solution[k] <= 0 {
                    let j = factorization.passiveColumns[k]
                    // x[j] > 0 for every passive column but the one that just entered, which has
                    // z > 0; so the denominator is positive and 0 ≤ ratio ≤ 1.
                    let ratio = x[j] / (x[j] - factorization.solution[k])
                    if ratio < step {
                        step = ratio
                        blockingColumn = j
                    }
                }
                guard blockingColumn >= 0 else {
                    for k in 0..<passiveCount { x[factorization.passiveColumns[k]] = factorization.solution[k] }
                    break
                }
                for k in 0..<passiveCount {
                    let j = factorization.passiveColumns[k]
                    x[j] += step * (factorization.solution[k] - x[j])
                }
                x[blockingColumn] = 0
                for j in 0..<columns where isPassive[j] && !(x[j] > 0) {
                    x[j] = 0
                    isPassive[j] = false
                }
                try factorization.removeColumns(where: { !isPassive[$0] })
            }
            factorization.candidateDuals(into: &dual)
        }
    }

    /// Recomputes `r = b − A x` from the passive columns (the only ones with `x[j] ≠ 0`) and `w = Aᵀ r`.
    private mutating func updateResidualAndDual(passive: ArraySlice<Int>) {
        Self.residual(design: design, rows: rows, rightHandSide: rightHandSide, x: x, passive: passive, into: &residual)
        Self.dual(design: design, rows: rows, columns: columns, residual: residual, into: &dual)
    }

    private static func residual(
        design: [Double], rows: Int, rightHandSide: [Double], x: [Double], passive: ArraySlice<Int>,
        into residual: inout [Double]
    ) {
        design.withUnsafeBufferPointer { a in
            residual.withUnsafeMutableBufferPointer { r in
                _ = r.update(fromContentsOf: rightHandSide)
                for j in passive {
                    subtract(UnsafeBufferPointer(rebasing: a[(j * rows)..<((j + 1) * rows)]), times: x[j], from: r)
                }
            }
        }
    }

    private static func dual(design: [Double], rows: Int, columns: Int, residual: [Double], into dual: inout [Double]) {
        design.withUnsafeBufferPointer { a in
            residual.withUnsafeBufferPointer { r in
                for j in 0..<columns {
                    dual[j] = dot(UnsafeBufferPointer(rebasing: a[(j * rows)..<((j + 1) * rows)]), r)
                }
            }
        }
    }

    /// `r[i] −= c·u[i]` for every `i`, four lanes at a time (the compiler does not vectorise the
    /// scalar loop because of overflow checks on the index arithmetic).
    static func subtract(_ u: UnsafeBufferPointer<Double>, times c: Double, from r: UnsafeMutableBufferPointer<Double>) {
        precondition(u.count == r.count, "subtract: lengths \(u.count) and \(r.count) differ")
        let scale = SIMD4<Double>(repeating: c)
        var i = 0
        while i + 4 <= u.count {
            let column = SIMD4<Double>(u[i], u[i + 1], u[i + 2], u[i + 3])
            let updated = SIMD4<Double>(r[i], r[i + 1], r[i + 2], r[i + 3]) - scale * column
            r[i] = updated[0]
            r[i + 1] = updated[1]
            r[i + 2] = updated[2]
            r[i + 3] = updated[3]
            i += 4
        }
        while i < u.count {
            r[i] -= c * u[i]
            i += 1
        }
    }

    /// `Σ u[i]·v[i]` with eight interleaved partial sums, which breaks the addition dependency
    /// chain (several times faster for the 432-row columns of the target use); the summation
    /// order differs from a plain loop only by round-off.
    static func dot(_ u: UnsafeBufferPointer<Double>, _ v: UnsafeBufferPointer<Double>) -> Double {
        precondition(u.count == v.count, "dot: lengths \(u.count) and \(v.count) differ")
        var low = SIMD4<Double>()
        var high = SIMD4<Double>()
        var i = 0
        while i + 8 <= u.count {
            // Multiply and add separately: `addProduct` becomes a libm `fma` call on baseline x86-64.
            let leftLow = SIMD4<Double>(u[i], u[i + 1], u[i + 2], u[i + 3])
            let rightLow = SIMD4<Double>(v[i], v[i + 1], v[i + 2], v[i + 3])
            let leftHigh = SIMD4<Double>(u[i + 4], u[i + 5], u[i + 6], u[i + 7])
            let rightHigh = SIMD4<Double>(v[i + 4], v[i + 5], v[i + 6], v[i + 7])
            low += leftLow * rightLow
            high += leftHigh * rightHigh
            i += 8
        }
        var tail = 0.0
        while i < u.count {
            tail += u[i] * v[i]
            i += 1
        }
        let sums = low + high
        return (sums[0] + sums[1]) + (sums[2] + sums[3]) + tail
    }
}
