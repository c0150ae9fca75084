/// How well a programmed chip fires like its target: the steady rates of both
/// over a grid of target currents, the fidelity error and the rheobases.
public struct FidelityReport: Sendable, Hashable, Codable {
    public init(
        currents: [Double], targetRates: [Double], chipRates: [Double], targetRheobase: Double?,
        chipRheobase: Double?
    ) {
        self.currents = currents
        self.targetRates = targetRates
        self.chipRates = chipRates
        self.targetRheobase = targetRheobase
        self.chipRheobase = chipRheobase
    }

    /// Target currents in µA/cm².
    public let currents: [Double]
    /// The target's steady rates in Hz (chip time).
    public let targetRates: [Double]
    /// The chip's steady rates in Hz under `current_gain · I`.
    public let chipRates: [Double]
    /// Smallest current with repetitive firing, in µA/cm² (nil: none in the grid).
    public let targetRheobase: Double?
    public let chipRheobase: Double?

    /// Mean over the grid of |f_chip − f_target| divided by the largest f_target
    /// (∞ when the target never fires).
    public var error: Double {
        guard let peak = targetRates.max(), peak > 0 else { return .infinity }
        let total = zip(chipRates, targetRates).reduce(0) { $0 + abs($1.0 - $1.1) }
        return total / Double(currents.count) / peak
    }

    /// |chip rheobase − target rheobase| / target rheobase; nil when either is missing.
    public var rheobaseError: Double? {
        guard let target = targetRheobase, let chip = chipRheobase, target > 0 else { return nil }
        return abs(chip - target) / target
    }

    enum CodingKeys: String, CodingKey {
        case currents = "currents_uA_per_cm2", targetRates = "target_rates_hz", chipRates = "chip_rates_hz"
        case targetRheobase = "target_rheobase_uA_per_cm2", chipRheobase = "chip_rheobase_uA_per_cm2"
        case error, rheobaseError = "rheobase_error"
    }

    /// Decodes the measurements (the derived figures are recomputed).
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        currents = try container.decode([Double].self, forKey: .currents)
        targetRates = try container.decode([Double].self, forKey: .targetRates)
        chipRates = try container.decode([Double].self, forKey: .chipRates)
        targetRheobase = try container.decodeIfPresent(Double.self, forKey: .targetRheobase)
        chipRheobase = try container.decodeIfPresent(Double.self, forKey: .chipRheobase)
    }

    /// Encodes the measurements and, for readers, the derived `error` (null
    /// when the target never fires) and `rheobase_error`.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(currents, forKey: .currents)
        try container.encode(targetRates, forKey: .targetRates)
        try container.encode(chipRates, forKey: .chipRates)
        try container.encode(targetRheobase, forKey: .targetRheobase)
        try container.encode(chipRheobase, forKey: .chipRheobase)
        try container.encode(error.isFinite ? error : nil, forKey: .error)
        try container.encode(rheobaseError, forKey: .rheobaseError)
    }
}
