import Testing

@testable import Fitting

/// The updatable QR factorization behind the NNLS solver, exercised directly so that its
/// dependence test and bookkeeping are checked independently of the outer algorithm.
@Suite("Passive-set factorization")
struct PassiveSetFactorizationTests {
    /// Columns a₀ = (1,1,0), a₁ = a₀ (duplicate), a₂ = (0,1,1), a₃ = (1,0,0); b = (1,2,1).
    static let rows = 3
    static let columns: [[Double]] = [[1, 1, 0], [1, 1, 0], [0, 1, 1], [1, 0, 0]]
    static let rightHandSide: [Double] = [1, 2, 1]
    /// Round-off allowed on every value checked: the least-squares bound with κ₂ ≤ 4.05 (that of
    /// the largest passive set used, {a₀, a₂, a₃}; {a₀, a₂} has √3, {a₀} 1), a residual ratio
    /// ‖r‖ / (‖A‖‖x‖) ≤ 1, and values at most 3 in size.
    static let tolerance = RoundOff.leastSquares(rows: 3, columns: 3, condition: 4.05, residualRatio: 1) * 3

    private func makeFactorization() -> PassiveSetFactorization {
        let design = Self.columns.flatMap { $0 }
        let norms = Self.columns.map { column in column.reduce(0) { $0 + $1 * $1 }.squareRoot() }
        return PassiveSetFactorization(
            design: design, rows: Self.rows, columns: Self.columns.count, columnNorms: norms,
            rightHandSide: Self.rightHandSide)
    }

    /// a₀ alone: z = a₀·b/‖a₀‖² = 3/2. Then a₂: [a₀ a₂] z = b is consistent with z = (1, 1).
    @Test func proposalsSolveTheGrowingSubproblem() {
        var factorization = makeFactorization()
        #expect(factorization.propose(column: 0) == .solved)
        #expect(abs(factorization.solution[0] - 1.5) <= Self.tolerance)
        factorization.acceptProposal()
        #expect(factorization.propose(column: 2) == .solved)
        #expect(abs(factorization.solution[0] - 1) <= Self.tolerance && abs(factorization.solution[1] - 1) <= Self.tolerance)
        factorization.acceptProposal()
        #expect(Array(factorization.passiveColumns) == [0, 2])
    }

    /// The duplicate of a passive column has no component orthogonal to it: rejected, and the
    /// committed state is unchanged (a further independent proposal still solves correctly).
    @Test func duplicateColumnIsDependent() {
        var factorization = makeFactorization()
        #expect(factorization.propose(column: 0) == .solved)
        factorization.acceptProposal()
        #expect(factorization.propose(column: 1) == .dependent)
        #expect(factorization.passiveCount == 1)
        #expect(factorization.propose(column: 2) == .solved)
        #expect(abs(factorization.solution[1] - 1) <= Self.tolerance)
    }

    /// A withdrawn proposal (solved but never accepted) is undone by the next proposal.
    @Test func unacceptedProposalIsWithdrawn() {
        var factorization = makeFactorization()
        #expect(factorization.propose(column: 3) == .solved)  // not accepted
        #expect(factorization.propose(column: 0) == .solved)
        #expect(abs(factorization.solution[0] - 1.5) <= Self.tolerance)
    }

    /// With as many passive columns as rows every further column is dependent.
    @Test func fullRankPassiveSetAcceptsNoMoreColumns() {
        var factorization = makeFactorization()
        for column in [0, 2, 3] {
            #expect(factorization.propose(column: column) == .solved)
            factorization.acceptProposal()
        }
        #expect(factorization.propose(column: 1) == .dependent)
    }

    /// Candidate duals from the transformed system equal `a_jᵀ (b − A_P z)` computed directly.
    /// With P = {0}: z = 3/2, r = (−1/2, 1/2, 1), so w₁ = 0, w₂ = 3/2, w₃ = −1/2.
    @Test func candidateDualsMatchExplicitResidual() throws {
        var factorization = makeFactorization()
        #expect(factorization.propose(column: 0) == .solved)
        factorization.acceptProposal()
        var dual = [Double](repeating: .nan, count: 4)
        factorization.candidateDuals(into: &dual)
        #expect(dual[0].isNaN, "passive entries are left alone")
        for (computed, expected) in zip(dual[1...], [0, 1.5, -0.5]) {
            #expect(abs(computed - expected) <= Self.tolerance)
        }
    }

    /// Removing a passive column refactors the others in their order and re-solves.
    @Test func removingAColumnRefactors() throws {
        var factorization = makeFactorization()
        for column in [3, 0, 2] {
            #expect(factorization.propose(column: column) == .solved)
            factorization.acceptProposal()
        }
        try factorization.removeColumns { $0 == 3 }
        #expect(Array(factorization.passiveColumns) == [0, 2])
        #expect(abs(factorization.solution[0] - 1) <= Self.tolerance && abs(factorization.solution[1] - 1) <= Self.tolerance)
    }
}
