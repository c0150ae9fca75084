import Foundation
import Testing
@testable import NeuroDynChip

@Suite("Mismatch")
struct MismatchTests {
    /// Published check values of xoshiro256** from state (1, 2, 3, 4).
    @Test("The generator is xoshiro256**")
    func generatorKnownAnswer() {
        var g = SeededGenerator(seed: 0)
        g.setStateForTesting((1, 2, 3, 4))
        #expect([g.next(), g.next(), g.next()] == [11520, 0, 1509978240])
    }

    @Test("Same seed, same die; other seed or instance, another die")
    func reproducible() throws {
        let model = try MismatchModel(sigma: 0.15)
        #expect(model.draw(seed: 42) == model.draw(seed: 42))
        #expect(model.draw(seed: 42, instance: 3) == model.draw(seed: 42, instance: 3))
        #expect(model.draw(seed: 42) != model.draw(seed: 43))
        #expect(model.draw(seed: 42, instance: 0) != model.draw(seed: 42, instance: 1))
        var a = NeuroDynNeuron.defaultChip, b = NeuroDynNeuron.defaultChip
        try a.perturb(sigma: 0.15, seed: 9)
        try b.perturb(sigma: 0.15, seed: 9)
        #expect(a.effectiveParameters == b.effectiveParameters)
    }

    /// Over N = 4000 dies every factor has mean 1 and spread σ, and the
    /// exponents their means and spreads. The sample mean of a normal has
    /// standard error s/√N and the sample deviation about s/√(2N); 5 standard
    /// errors makes a false failure practically impossible (p < 1e-6).
    @Test("Factor statistics", arguments: [0.05, 0.15])
    func statistics(sigma: Double) throws {
        let model = try MismatchModel(sigma: sigma)
        let count = 4000
        let draws = (0..<count).map { model.draw(seed: 2024, instance: UInt64($0)) }
        func check(_ values: [Double], mean expectedMean: Double, spread: Double, _ name: String) {
            let mean = values.reduce(0, +) / Double(values.count)
            let variance = values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(values.count - 1)
            let n = Double(values.count)
            #expect(abs(mean - expectedMean) < 5 * spread / n.squareRoot(), "\(name) mean \(mean)")
            #expect(abs(variance.squareRoot() - spread) < 5 * spread / (2 * n).squareRoot(), "\(name) sd \(variance.squareRoot())")
        }
        check(draws.map { $0.splineWeights.m.alpha[0] }, mean: 1, spread: sigma, "m.alpha[0]")
        check(draws.map { $0.splineWeights.n.beta[6] }, mean: 1, spread: sigma, "n.beta[6]")
        check(draws.map { $0.conductances.potassium }, mean: 1, spread: sigma, "g_K")
        check(draws.map { $0.reversals.leak }, mean: 1, spread: sigma, "E_L")
        check(draws.map { $0.exponents.p }, mean: 3, spread: 0.2, "p")
        check(draws.map { $0.exponents.q }, mean: 1, spread: 0.1, "q")
        check(draws.map { $0.exponents.r }, mean: 4, spread: 0.2, "r")
        // Factors of one die are independent: the correlation of two is ~0.
        let x = draws.map { $0.conductances.sodium }, y = draws.map { $0.conductances.potassium }
        let mx = x.reduce(0, +) / Double(count), my = y.reduce(0, +) / Double(count)
        let cov = zip(x, y).reduce(0) { $0 + ($1.0 - mx) * ($1.1 - my) } / Double(count)
        #expect(abs(cov / (sigma * sigma)) < 5 / Double(count).squareRoot())
    }

    @Test("Factors are clamped at zero")
    func clamped() throws {
        let model = try MismatchModel(sigma: 3)
        var zeros = 0
        for instance in 0..<200 {
            let f = model.draw(seed: 1, instance: UInt64(instance))
            let all = Gate.allCases.flatMap { f.splineWeights[$0].alpha + f.splineWeights[$0].beta }
                + f.conductances.values + f.reversals.values
            #expect(all.allSatisfy { $0 >= 0 })
            zeros += all.filter { $0 == 0 }.count
        }
        #expect(zeros > 0)
    }

    @Test("Perturbation applies the factors to the effective values")
    func applied() throws {
        var chip = NeuroDynNeuron.defaultChip
        let nominal = chip.effectiveParameters
        try chip.perturb(sigma: 0.15, seed: 5)
        let f = chip.mismatch, e = chip.effectiveParameters
        #expect(abs(e.conductances.sodium - nominal.conductances.sodium * f.conductances.sodium) < 1e-20)
        let offset = nominal.reversalPotentials.potassium - 0.9
        #expect(abs(e.reversalPotentials.potassium - (0.9 + offset * f.reversals.potassium)) < 1e-15)
        #expect(abs(e.splineWeights.m.alpha[6] - nominal.splineWeights.m.alpha[6] * f.splineWeights.m.alpha[6]) < 1e-22)
        #expect(e.exponents == f.exponents)
        chip.removeMismatch()
        #expect(chip.effectiveParameters == nominal)
    }

    @Test("Bad sigma is refused", arguments: [-0.1, .nan, .infinity])
    func badSigma(sigma: Double) {
        var chip = NeuroDynNeuron.defaultChip
        #expect(throws: NeuroDynError.self) { try chip.perturb(sigma: sigma, seed: 1) }
        #expect(chip.mismatch.isNone)
    }

    @Test("Perturbed chips with non-integer exponents simulate")
    func perturbedSimulation() throws {
        var chip = NeuroDynNeuron.defaultChip
        try chip.perturb(sigma: 0.15, seed: 11)
        let result = try chip.simulate(appliedCurrent: 0, duration: 0.02, options: SolverOptions(spikeThreshold: 0.85))
        #expect(result.status.isCompleted)
        #expect(result.finalState.allSatisfy { $0.isFinite })
    }
}
