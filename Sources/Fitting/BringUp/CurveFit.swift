/// Nonlinear least squares for the few-parameter curves of bring-up
/// (an I–V curve, a relaxation), by Levenberg–Marquardt on the normal
/// equations.
///
/// Small by design: two to four parameters and hundreds of samples, so the
/// normal equations (k × k, solved by Gaussian elimination with partial
/// pivoting) are well within double precision once the parameters are scaled
/// to order one by the caller.
struct CurveFit {
    /// A model: its value and its gradient with respect to the parameters at
    /// sample `i` (lanes 0 ..< k; the others are not read). A vector, not an
    /// array, so that a sample costs no allocation.
    typealias Model = (_ parameters: [Double], _ sample: Int) -> (value: Double, gradient: SIMD4<Double>)

    /// The fitted parameters, their standard errors (from s² (JᵀJ)⁻¹ with
    /// s² = RSS / (n − k); 0 when the residual vanishes) and the RMS residual.
    struct Result {
        var parameters: [Double]
        var standardErrors: [Double]
        var residualRMS: Double
    }

    /// Fits `model` to `observations` from `start`.
    ///
    /// - Returns: nil when the normal equations are singular at the solution
    ///   or the fit does not produce finite parameters.
    static func fit(
        observations: [Double], start: [Double], maximumIterations: Int = 100, model: Model
    ) -> Result? {
        let n = observations.count, k = start.count
        precondition(k <= 4, "CurveFit fits at most four parameters")
        guard n > k else { return nil }
        func residuals(_ p: [Double]) -> (sum: Double, jtj: [[Double]], jtr: [Double]) {
            var sum = 0.0
            var jtj = [[Double]](repeating: [Double](repeating: 0, count: k), count: k)
            var jtr = [Double](repeating: 0, count: k)
            for i in 0..<n {
                let (value, gradient) = model(p, i)
                let r = observations[i] - value
                sum += r * r
                for a in 0..<k {
                    jtr[a] += gradient[a] * r
                    for b in 0...a { jtj[a][b] += gradient[a] * gradient[b] }
                }
            }
            for a in 0..<k { for b in 0..<a { jtj[b][a] = jtj[a][b] } }
            return (sum, jtj, jtr)
        }
        var p = start
        var current = residuals(p)
        var lambda = 1e-3
        for _ in 0..<maximumIterations {
            // Converged once the residual is orthogonal to every column of J
            // to within 1e-10 (cosine): the optimum is then located to about
            // 1e-10 of a standard error per √n, far below any noise.
            let orthogonal = (0..<k).allSatisfy { a in
                abs(current.jtr[a]) <= 1e-10 * (current.jtj[a][a] * current.sum).squareRoot()
            }
            if orthogonal { break }
            var damped = current.jtj
            for a in 0..<k { damped[a][a] += lambda * max(current.jtj[a][a], 1e-300) }
            guard let step = solve(damped, current.jtr) else { return nil }
            let trial = zip(p, step).map { $0 + $1 }
            guard trial.allSatisfy(\.isFinite) else { lambda *= 10; continue }
            let next = residuals(trial)
            let relative = zip(step, trial).map { abs($0) / max(abs($1), 1e-300) }.max() ?? 0
            if next.sum <= current.sum {
                p = trial
                current = next
                lambda = max(lambda / 10, 1e-12)
                if relative < 1e-12 || current.sum == 0 { break }
            } else {
                // A step this small that does not lower the sum is rounding
                // at the minimum: damping it further would not move p.
                if relative < 1e-12 { break }
                lambda *= 10
                if lambda > 1e12 { break }
            }
        }
        guard p.allSatisfy(\.isFinite) else { return nil }
        let variance = current.sum / Double(n - k)
        var errors = [Double](repeating: 0, count: k)
        for a in 0..<k {
            var unit = [Double](repeating: 0, count: k)
            unit[a] = 1
            guard let column = solve(current.jtj, unit) else { return nil }
            errors[a] = (max(column[a], 0) * variance).squareRoot()
        }
        return Result(parameters: p, standardErrors: errors, residualRMS: (current.sum / Double(n)).squareRoot())
    }

    /// Solves a x = b by Gaussian elimination with partial pivoting; nil when singular.
    static func solve(_ a: [[Double]], _ b: [Double]) -> [Double]? {
        var a = a, b = b
        let k = b.count
        for column in 0..<k {
            var pivot = column
            for row in column..<k where abs(a[row][column]) > abs(a[pivot][column]) { pivot = row }
            guard abs(a[pivot][column]) > 0, a[pivot][column].isFinite else { return nil }
            a.swapAt(column, pivot)
            b.swapAt(column, pivot)
            for row in (column + 1)..<k {
                let factor = a[row][column] / a[column][column]
                for c in column..<k { a[row][c] -= factor * a[column][c] }
                b[row] -= factor * b[column]
            }
        }
        var x = [Double](repeating: 0, count: k)
        for row in stride(from: k - 1, through: 0, by: -1) {
            var sum = b[row]
            for c in (row + 1)..<k { sum -= a[row][c] * x[c] }
            x[row] = sum / a[row][row]
        }
        return x
    }
}
