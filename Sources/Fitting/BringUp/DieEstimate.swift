import Foundation
import NeuroDynChip

/// A die's factors as measured: the estimates, one standard error each, and
/// what measuring them cost.
///
/// Its JSON is a `neurodyn-factors/1` file (so `calibrate --factors` reads
/// it) with two more keys: `uncertainty` (the standard errors, keyed as the
/// factors: `dg`, `dE`, `dIb`, `exponents`) and `bench` (the
/// ``BenchLedger``).
public struct DieEstimate: Sendable, Hashable {
    /// The estimated factors and exponents.
    public var factors: MismatchFactors
    /// One standard error per factor and exponent (from the curve fits'
    /// residuals; 0 for exact readings).
    public var uncertainty: MismatchFactors
    /// The measurements made and the bench time they took.
    public var ledger: BenchLedger

    public init(factors: MismatchFactors, uncertainty: MismatchFactors, ledger: BenchLedger) {
        self.factors = factors
        self.uncertainty = uncertainty
        self.ledger = ledger
    }

    /// The 51 factors in the order of ``MismatchModel/draw(seed:instance:)``
    /// (p, q, r; weights m, h, n, α before β, centres 0…6; g; E).
    public static func flattened(_ factors: MismatchFactors) -> [Double] {
        var values = [factors.exponents.p, factors.exponents.q, factors.exponents.r]
        for gate in Gate.allCases {
            for rate in Rate.allCases { values += factors.splineWeights[gate][rate] }
        }
        values += factors.conductances.values + factors.reversals.values
        return values
    }

    /// The factors' names in the order of ``flattened(_:)`` (`p`, …,
    /// `dIb.m.alpha[0]`, …, `dg.na`, …, `dE.l`).
    public static let factorNames: [String] = ["p", "q", "r"]
        + Gate.allCases.flatMap { gate in
            Rate.allCases.flatMap { rate in (0..<SplineCodes.count).map { "dIb.\(gate.rawValue).\(rate.rawValue)[\($0)]" } }
        }
        + IonChannel.allCases.map { "dg.\($0.rawValue)" } + IonChannel.allCases.map { "dE.\($0.rawValue)" }

    /// The RMS of the relative errors of these estimates against `truth`
    /// (exponents relative to the true exponents), over every factor.
    public func relativeError(against truth: MismatchFactors) -> Double {
        let estimated = Self.flattened(factors), actual = Self.flattened(truth)
        let squares = zip(estimated, actual).map { estimate, value in
            let relative = value > 0 ? estimate / value - 1 : estimate
            return relative * relative
        }
        return (squares.reduce(0, +) / Double(squares.count)).squareRoot()
    }
}

extension DieEstimate: Codable {
    enum CodingKeys: String, CodingKey { case uncertainty, bench }

    /// The factor keys without `format`, for the uncertainties.
    private struct Spread: Codable {
        var dg: PerChannel<Double>
        var dE: PerChannel<Double>
        var dIb: PerGate<PerRate<[Double]>>
        var exponents: GateExponents
    }

    public init(from decoder: any Decoder) throws {
        factors = try MismatchFactors(from: decoder)
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let spread = try container.decode(Spread.self, forKey: .uncertainty)
        do {
            uncertainty = try MismatchFactors(
                splineWeights: spread.dIb, conductances: spread.dg, reversals: spread.dE, exponents: spread.exponents)
        } catch {
            throw DecodingError.dataCorruptedError(
                forKey: .uncertainty, in: container, debugDescription: error.description)
        }
        ledger = try container.decode(BenchLedger.self, forKey: .bench)
    }

    public func encode(to encoder: any Encoder) throws {
        try factors.encode(to: encoder)
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(
            Spread(dg: uncertainty.conductances, dE: uncertainty.reversals, dIb: uncertainty.splineWeights,
                   exponents: uncertainty.exponents),
            forKey: .uncertainty)
        try container.encode(ledger, forKey: .bench)
    }
}
