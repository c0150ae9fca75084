import NeuroDynChip

/// Integer refinement of spline codes: instead of rounding each weight once,
/// the codes of a rate are moved, one code at a time by the best whole number
/// of LSBs, while that lowers the rate's relative error over the fit grid,
/// Σ_i ((Σ_j A_ij d_j q − r_i) / r_i)², with q the rate of one LSB.
///
/// Rounding loses the slow rates (a few LSB each) wholesale; minimising their
/// relative error keeps their shape where it matters, near rest. Each pass
/// keeps the best single move over all codes; it stops when no move helps, so
/// the result is never worse than the rounded codes.
enum CodeRefinement {
    /// Refined codes for one rate.
    ///
    /// - Parameters:
    ///   - codes: the rounded codes, each in 0…1023.
    ///   - basis: grid × 7, column-major.
    ///   - target: the rate on the grid (1/s), every entry > 0 counted.
    ///   - perCode: the rate of one LSB (1/s).
    ///   - weights: each row's weight in the error (default 1/target: relative error).
    static func refine(codes: [Int], basis: Matrix, target: [Double], perCode: Double, weights: [Double]? = nil) -> [Int] {
        let rows = basis.rows, columns = basis.columns
        var codes = codes
        // Residual relative to the target, and each column's relative step.
        var residual = [Double](repeating: 0, count: rows)
        var steps = [Double](repeating: 0, count: rows * columns)
        let weights = weights ?? target.map { $0 > 0 ? 1 / $0 : 0 }
        basis.storage.withUnsafeBufferPointer { a in
            for i in 0..<rows {
                var fitted = 0.0
                for j in 0..<columns {
                    fitted += a[i + j * rows] * Double(codes[j]) * perCode
                    steps[i + j * rows] = a[i + j * rows] * perCode * weights[i]
                }
                residual[i] = (fitted - target[i]) * weights[i]
            }
        }
        // Change of Σ residual² when code j moves by δ: 2δ⟨r, s_j⟩ + δ²⟨s_j, s_j⟩,
        // smallest at δ* = −⟨r, s_j⟩/⟨s_j, s_j⟩: each move takes the best whole
        // number of LSBs along one code (an exact line search on the integers).
        for _ in 0..<(64 * columns) {
            var bestGain = 0.0, bestColumn = -1, bestDelta = 0
            for j in 0..<columns {
                var dot = 0.0, norm = 0.0
                for i in 0..<rows {
                    let s = steps[i + j * rows]
                    dot += residual[i] * s
                    norm += s * s
                }
                guard norm > 0 else { continue }
                let ideal = (-dot / norm).rounded()
                let lowest = Double(DigitalCode.range.lowerBound - codes[j])
                let highest = Double(DigitalCode.range.upperBound - codes[j])
                let delta = min(max(ideal, lowest), highest)
                guard delta != 0 else { continue }
                let gain = -(2 * delta * dot + delta * delta * norm)
                if gain > bestGain * (1 + 1e-12) + 1e-300 {
                    bestGain = gain
                    bestColumn = j
                    bestDelta = Int(delta)
                }
            }
            guard bestColumn >= 0 else { break }
            codes[bestColumn] += bestDelta
            for i in 0..<rows { residual[i] += Double(bestDelta) * steps[i + bestColumn * rows] }
        }
        return codes
    }
}
