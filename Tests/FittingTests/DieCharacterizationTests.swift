import Foundation
import Testing
import Fitting
import NeuroDynChip

/// Estimating a die's factors from the measurements of an ``EmulatedDie``.
@Suite("Die characterization")
struct DieCharacterizationTests {
    static let model = try! MismatchModel(sigma: 0.15)
    static let biases = try! HodgkinHuxleyFitter.forFidelity(voltageScale: 3).biases

    static func die(_ instance: UInt64, measurement: MeasurementModel, seed: UInt64 = 1) -> (EmulatedDie, MismatchFactors) {
        let truth = model.draw(seed: seed, instance: instance)
        return (EmulatedDie(factors: truth, biases: biases, measurement: measurement, seed: seed, stream: instance), truth)
    }

    /// Without noise the estimator's curves are the die's equations, so the
    /// only error left is the curve fits' convergence (relative steps below
    /// 1e-12): far inside the goal of 2%.
    @Test("Without noise every factor is recovered", arguments: [UInt64(0), 1, 2, 3])
    func noiseless(instance: UInt64) throws {
        var (die, truth) = Self.die(instance, measurement: .noiseless)
        let estimate = try DieCharacterization().characterize(&die)
        #expect(estimate.relativeError(against: truth) < 1e-6)
        #expect(estimate.ledger.clampSteps == 42)
        #expect(estimate.ledger.clampReadings == 21)
        #expect(estimate.ledger.benchTime > 0)
    }

    /// With 1% relative noise on every sample (and the bench's additive
    /// noise), each step's fit averages hundreds of samples: the estimates
    /// stay within the 5% goal, and the reported standard errors describe
    /// the errors (most within three of them).
    @Test("With 1% noise the factors are within 5% and within their uncertainties", arguments: [UInt64(0), 1, 2])
    func noisy(instance: UInt64) throws {
        var (die, truth) = Self.die(instance, measurement: try MeasurementModel(relativeNoise: 0.01))
        let estimate = try DieCharacterization().characterize(&die)
        #expect(estimate.relativeError(against: truth) < 0.05)
        let values = DieEstimate.flattened(estimate.factors), actual = DieEstimate.flattened(truth)
        let errors = DieEstimate.flattened(estimate.uncertainty)
        #expect(errors.allSatisfy { $0 > 0 })
        let within = zip(zip(values, actual), errors).filter { abs($0.0 - $0.1) <= 3 * $1 }.count
        #expect(Double(within) >= 0.9 * Double(values.count), "\(within) of \(values.count) within 3σ")
    }

    @Test("The same die and noise seed give the same estimate")
    func deterministic() throws {
        var (first, _) = Self.die(5, measurement: try MeasurementModel(relativeNoise: 0.01))
        var (second, _) = Self.die(5, measurement: try MeasurementModel(relativeNoise: 0.01))
        #expect(try DieCharacterization().characterize(&first) == DieCharacterization().characterize(&second))
    }

    @Test("An estimate's file round-trips and reads as a factors file")
    func roundTrip() throws {
        var (die, _) = Self.die(2, measurement: try MeasurementModel(relativeNoise: 0.01))
        let estimate = try DieCharacterization().characterize(&die)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let data = try encoder.encode(estimate)
        let decoded = try JSONDecoder().decode(DieEstimate.self, from: data)
        #expect(decoded == estimate)
        #expect(try encoder.encode(decoded) == data)
        #expect(try MismatchFactors.decode(data) == estimate.factors)
    }

    @Test("A clamp range that excludes the probes is refused with the voltage")
    func clampRange() throws {
        let narrow = try MeasurementModel(clampRange: 0.85...0.95)
        var (die, _) = Self.die(0, measurement: narrow)
        #expect(throws: BringUpError.self) { try DieCharacterization().characterize(&die) }
        var characterization = DieCharacterization()
        characterization.samplesPerStep = 0
        #expect(throws: BringUpError.self) { try characterization.characterize(&die) }
    }

    @Test("Bad measurement settings are refused", arguments: [-0.01, .nan, .infinity])
    func badSettings(value: Double) {
        #expect(throws: MeasurementError.self) { try MeasurementModel(relativeNoise: value) }
        #expect(throws: MeasurementError.self) { try MeasurementModel(additiveNoise: value) }
        #expect(throws: MeasurementError.self) { try MeasurementModel(minimumSampleInterval: value) }
    }
}
