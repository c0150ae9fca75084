import NeuroDynChip

/// How well a fit reproduces its target on the fit grid, for the continuous
/// NNLS weights and for the emitted (rounded) codes.
///
/// Rates are compared in target time (the chip's rates times σ_t).
public struct FitQuality: Sendable, Hashable {
    /// One figure for the continuous fit and one for the emitted codes.
    public struct Pair: Sendable, Hashable, Codable {
        public let continuous: Double
        public let quantized: Double
    }

    /// The figures of one gate.
    public struct GateQuality: Sendable, Hashable {
        /// Largest pointwise relative error of α and of β: |fit − r| / r, or,
        /// for a fit weighted by ``HodgkinHuxleyFitter/RateWeighting/totalRate``,
        /// |fit − r| / (α + β) of the target (the errors that move x∞ and τ;
        /// a rate far smaller than its partner counts for little).
        public let rates: PerRate<Pair>
        /// Largest absolute error of x∞ = α / (α + β).
        public let steadyState: Pair
        /// Largest relative error of τ = 1 / (α + β).
        public let timeConstant: Pair
    }

    public let gates: PerGate<GateQuality>

    init(
        problem: FitProblem, continuousWeights: PerGate<PerRate<[Double]>>,
        registers: NeuronRegisters, timeScale: Double, die: MismatchFactors = .none
    ) {
        let quantized = problem.quantizedWeights(registers: registers, timeScale: timeScale, die: die)
        gates = PerGate { gate in
            Self.gateQuality(problem: problem, gate: gate, continuous: continuousWeights[gate], quantized: quantized[gate])
        }
    }

    /// The figures of one gate: the fitted α and β (continuous and from the
    /// codes) are summed from the basis column by column, then compared with
    /// the target's in one pass over the grid.
    private static func gateQuality(
        problem: FitProblem, gate: Gate, continuous: PerRate<[Double]>, quantized: PerRate<[Double]>
    ) -> GateQuality {
        let target = problem.targetRates[gate]
        let rows = problem.grid.count
        let relativeToTotal = problem.rowWeights != nil
        // Fitted rates on the grid: α continuous, α from codes, β continuous, β from codes.
        let fitted = problem.fittedRate(gate, .alpha, weights: continuous.alpha)
            + problem.fittedRate(gate, .alpha, weights: quantized.alpha)
            + problem.fittedRate(gate, .beta, weights: continuous.beta)
            + problem.fittedRate(gate, .beta, weights: quantized.beta)
        // Largest errors: α, β, x∞ and τ, for the continuous fit (c) and the codes (q).
        var alphaC = 0.0, alphaQ = 0.0, betaC = 0.0, betaQ = 0.0
        var steadyC = 0.0, steadyQ = 0.0, tauC = 0.0, tauQ = 0.0
        fitted.withUnsafeBufferPointer { f in
            target.alpha.withUnsafeBufferPointer { ta in
                target.beta.withUnsafeBufferPointer { tb in
                    for i in 0..<rows {
                        let ac = f[i], aq = f[rows + i], bc = f[2 * rows + i], bq = f[3 * rows + i]
                        let a = ta[i], b = tb[i]
                        let targetSteady = steadyState(a, b)
                        let targetTau = 1 / (a + b)
                        let alphaScale = relativeToTotal ? a + b : a, betaScale = relativeToTotal ? a + b : b
                        raise(&alphaC, abs(ac - a), alphaScale)
                        raise(&alphaQ, abs(aq - a), alphaScale)
                        raise(&betaC, abs(bc - b), betaScale)
                        raise(&betaQ, abs(bq - b), betaScale)
                        steadyC = max(steadyC, abs(steadyState(ac, bc) - targetSteady))
                        steadyQ = max(steadyQ, abs(steadyState(aq, bq) - targetSteady))
                        raise(&tauC, abs(1 / (ac + bc) - targetTau), targetTau)
                        raise(&tauQ, abs(1 / (aq + bq) - targetTau), targetTau)
                    }
                }
            }
        }
        return GateQuality(
            rates: PerRate(
                alpha: Pair(continuous: alphaC, quantized: alphaQ),
                beta: Pair(continuous: betaC, quantized: betaQ)),
            steadyState: Pair(continuous: steadyC, quantized: steadyQ),
            timeConstant: Pair(continuous: tauC, quantized: tauQ))
    }

    /// Raises `worst` to `difference / |reference|` if that is larger, dividing
    /// only then. A difference against a zero reference raises it to ∞, as
    /// does an infinite difference; a NaN difference (a rate that is not a
    /// number) raises it to ∞ too.
    @inline(__always)
    private static func raise(_ worst: inout Double, _ difference: Double, _ reference: Double) {
        if difference.isNaN {
            worst = .infinity
        } else if difference > worst * abs(reference) {
            worst = difference / abs(reference)
        }
    }

    /// α / (α + β); 0 where both vanish.
    private static func steadyState(_ alpha: Double, _ beta: Double) -> Double {
        alpha + beta > 0 ? alpha / (alpha + beta) : 0
    }
}
