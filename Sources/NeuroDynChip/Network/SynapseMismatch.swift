/// The deviations of one synapse of a die from nominal: a factor on each of
/// its 14 spline weights, on its conductance and on its reversal offset
/// (E − V_ref), drawn as a neuron's are.
public struct SynapseMismatch: Sendable, Hashable {
    /// Seven factors per rate.
    public var splineWeights: PerRate<[Double]>
    /// The factor on g.
    public var conductance: Double
    /// The factor on E − V_ref.
    public var reversal: Double

    /// - Throws: ``NeuroDynError`` for a factor that is negative or not
    ///   finite, or a spline without seven factors.
    public init(splineWeights: PerRate<[Double]>, conductance: Double, reversal: Double) throws(NeuroDynError) {
        for rate in Rate.allCases {
            let factors = splineWeights[rate]
            guard factors.count == SplineCodes.count else {
                throw .wrongCount(name: "synapse factor.dIb.\(rate.rawValue)", expected: SplineCodes.count, actual: factors.count)
            }
            for (j, f) in factors.enumerated() where !(f.isFinite && f >= 0) {
                throw .invalidParameter(name: "synapse factor.dIb.\(rate.rawValue)[\(j)]", value: f)
            }
        }
        for (name, value) in [("dg", conductance), ("dE", reversal)] where !(value.isFinite && value >= 0) {
            throw .invalidParameter(name: "synapse factor.\(name)", value: value)
        }
        self.init(unchecked: splineWeights, conductance: conductance, reversal: reversal)
    }

    init(unchecked splineWeights: PerRate<[Double]>, conductance: Double, reversal: Double) {
        self.splineWeights = splineWeights
        self.conductance = conductance
        self.reversal = reversal
    }

    /// No mismatch: every factor 1.
    public static let none = SynapseMismatch(
        unchecked: PerRate(alpha: ones, beta: ones), conductance: 1, reversal: 1)

    private static let ones = [Double](repeating: 1, count: SplineCodes.count)
}

extension MismatchModel {
    /// The stream of element `element` of die `instance`: element 0 draws from
    /// stream `instance` itself, so neuron 0 of a network die is the die
    /// ``draw(seed:instance:)`` gives a single neuron; element e > 0 from
    /// stream `instance` XOR (e << 40). Instances below 2⁴⁰ and elements
    /// below 2²⁴ never share a stream.
    public static func stream(instance: UInt64, element: Int) -> UInt64 {
        instance ^ (UInt64(element) << 40)
    }

    /// Draws the factors of neuron `element` of network die `instance`:
    /// ``draw(seed:instance:)`` on ``stream(instance:element:)``.
    public func draw(seed: UInt64, instance: UInt64, element: Int) -> MismatchFactors {
        draw(seed: seed, instance: Self.stream(instance: instance, element: element))
    }

    /// Draws the factors of a synapse, element `element` of die `instance`
    /// (a network numbers its neurons first, then its synapses).
    ///
    /// Guarantees: the result depends only on (σ, seed, instance, element).
    /// Draw order, fixed: the 14 weights (α before β, centres 0…6), then g, then E.
    public func drawSynapse(seed: UInt64, instance: UInt64, element: Int) -> SynapseMismatch {
        var generator = SeededGenerator(seed: seed, stream: Self.stream(instance: instance, element: element))
        func factor() -> Double { max(0, 1 + sigma * generator.nextNormal()) }
        let weights = PerRate { _ in (0..<SplineCodes.count).map { _ in factor() } }
        let conductance = factor()
        let reversal = factor()
        return SynapseMismatch(unchecked: weights, conductance: conductance, reversal: reversal)
    }
}
