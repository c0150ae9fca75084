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
            let target = problem.targetRates[gate]
            let continuous = continuousWeights[gate].map { rate, w in
                problem.basis(for: gate, rate).multiplied(by: w)
            }
            let quantized = registers.splines[gate].map { rate, codes in
                problem.basis(for: gate, rate).multiplied(by: codes.values.map { Double($0) * perCode })
            }
            let rates = PerRate { rate in
                Pair(continuous: Self.largestRelativeError(continuous[rate], target[rate]),
                     quantized: Self.largestRelativeError(quantized[rate], target[rate]))
            }
            func steady(_ r: PerRate<[Double]>) -> [Double] {
                zip(r.alpha, r.beta).map { a, b in a + b > 0 ? a / (a + b) : 0 }
            }
            func tau(_ r: PerRate<[Double]>) -> [Double] { zip(r.alpha, r.beta).map { 1 / ($0 + $1) } }
            let steadyTarget = steady(target), tauTarget = tau(target)
            return GateQuality(
                rates: rates,
                steadyState: Pair(
                    continuous: Self.largestAbsoluteError(steady(continuous), steadyTarget),
                    quantized: Self.largestAbsoluteError(steady(quantized), steadyTarget)),
                timeConstant: Pair(
                    continuous: Self.largestRelativeError(tau(continuous), tauTarget),
                    quantized: Self.largestRelativeError(tau(quantized), tauTarget)))
        }
    }

    /// max_i |x_i − y_i| / |y_i|; a point where y_i = 0 counts 0 if x_i = 0, else ∞.
    static func largestRelativeError(_ x: [Double], _ y: [Double]) -> Double {
        zip(x, y).reduce(0) { worst, pair in
            let (value, reference) = pair
            let error = reference != 0 ? abs(value - reference) / abs(reference)
                : (value == 0 ? 0 : Double.infinity)
            return max(worst, error.isNaN ? .infinity : error)
        }
    }

    static func largestAbsoluteError(_ x: [Double], _ y: [Double]) -> Double {
        zip(x, y).reduce(0) { max($0, abs($1.0 - $1.1)) }
    }
}
