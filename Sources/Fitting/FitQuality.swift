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
        /// Largest pointwise relative error |fit − r| / r of α and of β.
        public let rates: PerRate<Pair>
        /// Largest absolute error of x∞ = α / (α + β).
        public let steadyState: Pair
        /// Largest relative error of τ = 1 / (α + β).
        public let timeConstant: Pair
    }

    public let gates: PerGate<GateQuality>

    init(
        problem: FitProblem, continuousWeights: PerGate<PerRate<[Double]>>,
        registers: NeuronRegisters, timeScale: Double
    ) {
        let conversions = problem.conversions
        let perCode = conversions.weightPerCode * conversions.ratePerAmpere * timeScale
        gates = PerGate { gate in
            Self.gateQuality(
                problem: problem, gate: gate, continuous: continuousWeights[gate],
                quantized: PerRate(
                    alpha: registers.splines[gate].alpha.values.map { Double($0) * perCode },
                    beta: registers.splines[gate].beta.values.map { Double($0) * perCode }))
        }
    }

    /// The figures of one gate in a single pass over the grid: at each voltage
    /// the fitted α and β (continuous and from the codes) are summed from the
    /// basis and compared with the target's.
    private static func gateQuality(
        problem: FitProblem, gate: Gate, continuous: PerRate<[Double]>, quantized: PerRate<[Double]>
    ) -> GateQuality {
        let target = problem.targetRates[gate]
        let alphaBasis = problem.basis(for: gate, .alpha).storage
        let betaBasis = problem.basis(for: gate, .beta).storage
        let rows = problem.grid.count, columns = SplineCodes.count
        // Largest errors so far: α, β, x∞ and τ, for the continuous fit (c) and the codes (q).
        var alphaC = 0.0, alphaQ = 0.0, betaC = 0.0, betaQ = 0.0
        var steadyC = 0.0, steadyQ = 0.0, tauC = 0.0, tauQ = 0.0
        for i in 0..<rows {
            var ac = 0.0, aq = 0.0, bc = 0.0, bq = 0.0
            for j in 0..<columns {
                let up = alphaBasis[i + j * rows], down = betaBasis[i + j * rows]
                ac += continuous.alpha[j] * up
                aq += quantized.alpha[j] * up
                bc += continuous.beta[j] * down
                bq += quantized.beta[j] * down
            }
            let ta = target.alpha[i], tb = target.beta[i]
            let targetSteady = ta + tb > 0 ? ta / (ta + tb) : 0
            let targetTau = 1 / (ta + tb)
            alphaC = max(alphaC, relativeError(ac, ta))
            alphaQ = max(alphaQ, relativeError(aq, ta))
            betaC = max(betaC, relativeError(bc, tb))
            betaQ = max(betaQ, relativeError(bq, tb))
            steadyC = max(steadyC, abs(steadyState(ac, bc) - targetSteady))
            steadyQ = max(steadyQ, abs(steadyState(aq, bq) - targetSteady))
            tauC = max(tauC, relativeError(1 / (ac + bc), targetTau))
            tauQ = max(tauQ, relativeError(1 / (aq + bq), targetTau))
        }
        return GateQuality(
            rates: PerRate(
                alpha: Pair(continuous: alphaC, quantized: alphaQ),
                beta: Pair(continuous: betaC, quantized: betaQ)),
            steadyState: Pair(continuous: steadyC, quantized: steadyQ),
            timeConstant: Pair(continuous: tauC, quantized: tauQ))
    }

    /// α / (α + β); 0 where both vanish.
    private static func steadyState(_ alpha: Double, _ beta: Double) -> Double {
        alpha + beta > 0 ? alpha / (alpha + beta) : 0
    }

    /// |x − y| / |y|; 0 where both vanish, ∞ where only y does (or x is not finite).
    static func relativeError(_ x: Double, _ y: Double) -> Double {
        let error = y != 0 ? abs(x - y) / abs(y) : (x == 0 ? 0 : Double.infinity)
        return error.isNaN ? .infinity : error
    }
}
