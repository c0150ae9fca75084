import Foundation

/// JSON form of a die's mismatch (`neurodyn-factors/1`): one factor per
/// conductance (`dg`), reversal code (`dE`) and spline weight (`dIb`), and the
/// three exponents. Decoding validates every key, count and value (factors and
/// exponents finite and ≥ 0).
extension MismatchFactors: Codable {
    /// The format identifier written in, and required of, every factors file.
    public static let formatIdentifier = "neurodyn-factors/1"

    enum CodingKeys: String, CodingKey { case format, dg, dE, dIb, exponents }

    struct Channels: Codable {
        let na: Double, k: Double, l: Double
    }

    struct Rates: Codable {
        let alpha: [Double], beta: [Double]
    }

    struct Gates: Codable {
        let m: Rates, h: Rates, n: Rates
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let format = try container.decode(String.self, forKey: .format)
        guard format == Self.formatIdentifier else {
            throw DecodingError.dataCorruptedError(
                forKey: .format, in: container,
                debugDescription: "format \"\(format)\" is not supported (expected \"\(Self.formatIdentifier)\")")
        }
        let dg = try container.decode(Channels.self, forKey: .dg)
        let dE = try container.decode(Channels.self, forKey: .dE)
        let dIb = try container.decode(Gates.self, forKey: .dIb)
        let exponents = try container.decode(GateExponents.self, forKey: .exponents)
        do {
            try self.init(
                splineWeights: PerGate(
                    m: PerRate(alpha: dIb.m.alpha, beta: dIb.m.beta),
                    h: PerRate(alpha: dIb.h.alpha, beta: dIb.h.beta),
                    n: PerRate(alpha: dIb.n.alpha, beta: dIb.n.beta)),
                conductances: PerChannel(sodium: dg.na, potassium: dg.k, leak: dg.l),
                reversals: PerChannel(sodium: dE.na, potassium: dE.k, leak: dE.l),
                exponents: exponents)
        } catch {
            throw DecodingError.dataCorruptedError(
                forKey: .dIb, in: container, debugDescription: error.description)
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(Self.formatIdentifier, forKey: .format)
        try container.encode(
            Channels(na: conductances.sodium, k: conductances.potassium, l: conductances.leak), forKey: .dg)
        try container.encode(Channels(na: reversals.sodium, k: reversals.potassium, l: reversals.leak), forKey: .dE)
        let w = splineWeights
        try container.encode(
            Gates(
                m: Rates(alpha: w.m.alpha, beta: w.m.beta), h: Rates(alpha: w.h.alpha, beta: w.h.beta),
                n: Rates(alpha: w.n.alpha, beta: w.n.beta)),
            forKey: .dIb)
        try container.encode(exponents, forKey: .exponents)
    }

    /// Decodes and validates a factors file.
    /// - Throws: ``RegisterFileError`` naming the offending key.
    public static func decode(_ data: Data) throws(RegisterFileError) -> MismatchFactors {
        guard data.contains(where: { ![0x20, 0x0A, 0x0D, 0x09].contains($0) }) else { throw .empty }
        do {
            return try JSONDecoder().decode(MismatchFactors.self, from: data)
        } catch let error as DecodingError {
            throw RegisterFileError(error)
        } catch {
            throw .malformed(reason: String(describing: error))
        }
    }
}
