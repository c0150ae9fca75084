import Testing
import NeuroDynChip

/// Identities every correct tableau satisfies: row sums equal nodes, and the
/// order conditions of the trees up to the method's order.
@Suite("Butcher tableaux")
struct TableauTests {
    struct Case: CustomTestStringConvertible, Sendable {
        let name: String
        let tableau: ButcherTableau
        let weights: [Double]
        let order: Int
        var testDescription: String { name }
    }

    static let cases = [
        Case(name: "RK4", tableau: .classicalRungeKutta, weights: ButcherTableau.classicalRungeKutta.weights, order: 4),
        Case(name: "DP5", tableau: .dormandPrince, weights: ButcherTableau.dormandPrince.weights, order: 5),
        Case(name: "DP4 embedded", tableau: .dormandPrince, weights: ButcherTableau.dormandPrince.embeddedWeights!, order: 4),
    ]

    @Test("Row sums equal the nodes", arguments: cases)
    func rowSums(c: Case) {
        for (i, row) in c.tableau.coefficients.enumerated() {
            #expect(abs(row.reduce(0, +) - c.tableau.nodes[i]) < 1e-14)
        }
    }

    @Test("Order conditions", arguments: cases)
    func orderConditions(c: Case) {
        let a = c.tableau.coefficients, nodes = c.tableau.nodes, b = c.weights
        let s = nodes.count
        func ac(_ v: [Double]) -> [Double] {  // (A v)_i
            (0..<s).map { i in (0..<a[i].count).reduce(0) { $0 + a[i][$1] * v[$1] } }
        }
        func dot(_ x: [Double], _ y: [Double]) -> Double { zip(x, y).reduce(0) { $0 + $1.0 * $1.1 } }
        func power(_ k: Int) -> [Double] { nodes.map { pow($0, k) } }
        func pow(_ x: Double, _ k: Int) -> Double { (0..<k).reduce(1) { r, _ in r * x } }
        var conditions: [(Double, Double)] = []
        for k in 0..<c.order { conditions.append((dot(b, power(k)), 1 / Double(k + 1))) }
        if c.order >= 3 { conditions.append((dot(b, ac(nodes)), 1.0 / 6)) }
        if c.order >= 4 {
            conditions.append((dot(b, zip(nodes, ac(nodes)).map { $0 * $1 }), 1.0 / 8))
            conditions.append((dot(b, ac(power(2))), 1.0 / 12))
            conditions.append((dot(b, ac(ac(nodes))), 1.0 / 24))
        }
        if c.order >= 5 {
            conditions.append((dot(b, ac(power(3))), 1.0 / 20))
            conditions.append((dot(b, ac(ac(ac(nodes)))), 1.0 / 120))
            conditions.append((dot(b, zip(power(2), ac(nodes)).map { $0 * $1 }), 1.0 / 10))
        }
        for (value, expected) in conditions { #expect(abs(value - expected) < 1e-14) }
    }

    /// The interpolant must start at y_n with slope k₁ and end at y_{n+1} with
    /// slope k₇ = f(y_{n+1}): P[i][0] = δ_{i0}, Σ_j P[i][j] = b_i, Σ_j (j+1) P[i][j] = δ_{i6}.
    @Test("Dormand–Prince interpolant end conditions")
    func interpolant() {
        let p = DormandPrinceInterpolant.coefficients
        let b = ButcherTableau.dormandPrince.weights
        for i in 0..<7 {
            #expect(p[i][0] == (i == 0 ? 1 : 0))
            #expect(abs(p[i].reduce(0, +) - b[i]) < 1e-14)
            let slope = p[i].enumerated().reduce(0) { $0 + Double($1.offset + 1) * $1.element }
            #expect(abs(slope - (i == 6 ? 1 : 0)) < 1e-13)
        }
    }
}
