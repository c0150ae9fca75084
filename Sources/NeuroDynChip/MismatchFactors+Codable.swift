import Foundation

/// JSON form of a die's mismatch (`neurodyn-factors/1`): one factor per
/// conductance (`dg`), reversal code (`dE`) and spline weight (`dIb`), and the
/// three exponents. Decoding validates every key, count and value (factors and
/// exponents finite and ≥ 0).
extension MismatchFactors: Codable {
    /// The format identifier written in, and required of, every factors file.
    public static let formatIdentifier = "neurodyn-factors/1"

    enum CodingKeys: String, CodingKey { case format, dg, dE, dIb, exponents }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let format = try container.decode(String.self, forKey: .format)
        guard format == Self.formatIdentifier else {
            throw DecodingError.dataCorruptedError(
                forKey: .format, in: container,
                debugDescription: "format \"\(format)\" is not supported (expected \"\(Self.formatIdentifier)\")")
        }
        let dg = try container.decode(PerChannel<Double>.self, forKey: .dg)
        let dE = try container.decode(PerChannel<Double>.self, forKey: .dE)
        let dIb = try container.decode(PerGate<PerRate<[Double]>>.self, forKey: .dIb)
        let exponents = try container.decode(GateExponents.self, forKey: .exponents)
        do {
            try self.init(splineWeights: dIb, conductances: dg, reversals: dE, exponents: exponents)
        } catch {
            throw DecodingError.dataCorruptedError(
                forKey: .dIb, in: container, debugDescription: error.description)
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(Self.formatIdentifier, forKey: .format)
        try container.encode(conductances, forKey: .dg)
        try container.encode(reversals, forKey: .dE)
        try container.encode(splineWeights, forKey: .dIb)
        try container.encode(exponents, forKey: .exponents)
    }

    /// Decodes and validates a factors file.
    /// - Throws: ``RegisterFileError`` naming the offending key.
    public static func decode(_ data: Data) throws(RegisterFileError) -> MismatchFactors {
        try decodeValidated(MismatchFactors.self, from: data)
    }
}
