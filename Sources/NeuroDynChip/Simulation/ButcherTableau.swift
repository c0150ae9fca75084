/// The coefficients of an explicit Runge–Kutta method.
///
/// `coefficients[i]` holds a_{i,0…i−1} (strictly lower triangular), `nodes`
/// the c_i, `weights` the b_i of the propagated solution and, for embedded
/// pairs, `embeddedWeights` the b̂_i of the error estimator.
public struct ButcherTableau: Sendable {
    public let nodes: [Double]
    public let coefficients: [[Double]]
    public let weights: [Double]
    public let embeddedWeights: [Double]?
    /// Order of the propagated solution.
    public let order: Int
    /// Order of the embedded solution, if any.
    public let embeddedOrder: Int?

    /// Creates a tableau.
    ///
    /// - Precondition: `coefficients[i]` has `i` entries, and `weights` (and
    ///   `embeddedWeights`, if given) one per stage.
    public init(
        nodes: [Double], coefficients: [[Double]], weights: [Double], embeddedWeights: [Double]?,
        order: Int, embeddedOrder: Int?
    ) {
        precondition(coefficients.count == nodes.count && weights.count == nodes.count,
                     "a tableau has one row of coefficients and one weight per stage")
        precondition(coefficients.enumerated().allSatisfy { $0.element.count == $0.offset },
                     "row i of an explicit tableau has i coefficients")
        precondition(embeddedWeights.map { $0.count == nodes.count } ?? true,
                     "one embedded weight per stage")
        self.nodes = nodes
        self.coefficients = coefficients
        self.weights = weights
        self.embeddedWeights = embeddedWeights
        self.order = order
        self.embeddedOrder = embeddedOrder
    }

    /// The number of stages.
    public var stageCount: Int { nodes.count }

    /// The classical fourth-order method of Kutta (1901).
    public static let classicalRungeKutta = ButcherTableau(
        nodes: [0, 1 / 2, 1 / 2, 1],
        coefficients: [[], [1 / 2], [0, 1 / 2], [0, 0, 1]],
        weights: [1 / 6, 1 / 3, 1 / 3, 1 / 6],
        embeddedWeights: nil, order: 4, embeddedOrder: nil)

    /// Dormand & Prince (1980), RK5(4)7M: fifth-order solution, fourth-order
    /// error estimate, first stage of each step equal to the last of the
    /// previous one (FSAL). The same pair as scipy's RK45.
    public static let dormandPrince = ButcherTableau(
        nodes: [0, 1 / 5, 3 / 10, 4 / 5, 8 / 9, 1, 1],
        coefficients: [
            [],
            [1 / 5],
            [3 / 40, 9 / 40],
            [44 / 45, -56 / 15, 32 / 9],
            [19372 / 6561, -25360 / 2187, 64448 / 6561, -212 / 729],
            [9017 / 3168, -355 / 33, 46732 / 5247, 49 / 176, -5103 / 18656],
            [35 / 384, 0, 500 / 1113, 125 / 192, -2187 / 6784, 11 / 84],
        ],
        weights: [35 / 384, 0, 500 / 1113, 125 / 192, -2187 / 6784, 11 / 84, 0],
        embeddedWeights: [
            5179 / 57600, 0, 7571 / 16695, 393 / 640, -92097 / 339200, 187 / 2100, 1 / 40,
        ],
        order: 5, embeddedOrder: 4)
}

/// Data of the Dormand–Prince continuous extension.
public enum DormandPrinceInterpolant {
    /// Shampine's (1986) fourth-order interpolant of the Dormand–Prince pair,
    /// in the form used by scipy: y(t_n + θh) = y_n + h Σ_i k_i Σ_j P[i][j] θ^{j+1}.
    public static let coefficients: [[Double]] = [
        [1, -8048581381 / 2820520608, 8663915743 / 2820520608, -12715105075 / 11282082432],
        [0, 0, 0, 0],
        [0, 131558114200 / 32700410799, -68118460800 / 10900136933, 87487479700 / 32700410799],
        [0, -1754552775 / 470086768, 14199869525 / 1410260304, -10690763975 / 1880347072],
        [0, 127303824393 / 49829197408, -318862633887 / 49829197408, 701980252875 / 199316789632],
        [0, -282668133 / 205662961, 2019193451 / 616988883, -1453857185 / 822651844],
        [0, 40617522 / 29380423, -110615467 / 29380423, 69997945 / 29380423],
    ]
}
