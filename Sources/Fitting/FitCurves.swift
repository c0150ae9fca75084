import NeuroDynChip

/// The curves behind ``FitQuality``: the target's α and β, the continuous
/// NNLS fit's and the emitted codes', sampled on the fit grid, with the x∞
/// and τ each pair gives.
///
/// Units: voltages in volts on the scaled target axis (the fit grid, from E_K
/// while below E_Na / 2); rates in 1/s of target time (the chip's rates times
/// σ_t); τ in seconds of target time. The fitted rates are summed from the
/// same basis and in the same order as ``FitQuality`` sums them, so the
/// largest errors of these curves are its figures exactly.
public struct FitCurves: Sendable, Hashable {
    /// α and β on the grid, and what they give.
    public struct Kinetics: Sendable, Hashable {
        /// α (1/s) at each grid voltage.
        public let alpha: [Double]
        /// β (1/s) at each grid voltage.
        public let beta: [Double]

        public init(alpha: [Double], beta: [Double]) {
            precondition(alpha.count == beta.count, "α and β are sampled on the same grid")
            self.alpha = alpha
            self.beta = beta
        }

        /// α or β (1/s) at each grid voltage.
        public subscript(rate: Rate) -> [Double] {
            rate == .alpha ? alpha : beta
        }

        /// x∞ = α / (α + β), 0 where both vanish (dimensionless, 0…1).
        public var steadyState: [Double] {
            zip(alpha, beta).map { a, b in a + b > 0 ? a / (a + b) : 0 }
        }

        /// τ = 1 / (α + β) in seconds (+∞ where both vanish).
        public var timeConstant: [Double] {
            zip(alpha, beta).map { a, b in 1 / (a + b) }
        }
    }

    /// The curves of one gate.
    public struct GateCurves: Sendable, Hashable {
        /// The target's rates (what was fitted).
        public let target: Kinetics
        /// The continuous NNLS fit (weights before rounding).
        public let continuous: Kinetics
        /// The rates the emitted codes give (on the die they were chosen for).
        public let quantized: Kinetics
    }

    /// The fit grid in volts (scaled target axis), increasing.
    public let voltages: [Double]
    /// Per-gate curves, each as long as ``voltages``.
    public let gates: PerGate<GateCurves>

    init(
        problem: FitProblem, continuousWeights: PerGate<PerRate<[Double]>>, registers: NeuronRegisters,
        timeScale: Double, die: MismatchFactors = .none
    ) {
        voltages = problem.grid
        let quantizedWeights = problem.quantizedWeights(registers: registers, timeScale: timeScale, die: die)
        gates = PerGate { gate in
            func kinetics(_ weights: PerRate<[Double]>) -> Kinetics {
                Kinetics(
                    alpha: problem.fittedRate(gate, .alpha, weights: weights.alpha),
                    beta: problem.fittedRate(gate, .beta, weights: weights.beta))
            }
            let target = problem.targetRates[gate]
            return GateCurves(
                target: Kinetics(alpha: target.alpha, beta: target.beta),
                continuous: kinetics(continuousWeights[gate]),
                quantized: kinetics(quantizedWeights[gate]))
        }
    }
}

extension ChipFit {
    /// The target's, the continuous fit's and the codes' α, β, x∞ and τ on
    /// the fit grid (see ``FitCurves`` for units).
    ///
    /// Computed on each access, like ``quality``.
    public var curves: FitCurves {
        FitCurves(
            problem: problem, continuousWeights: gates.map { _, gate in gate.weights },
            registers: registers, timeScale: timeScales.timeScale, die: die)
    }
}
