/// Summary of a population's rates under one current, against the nominal chip.
public struct RateSummary: Sendable, Hashable, Codable {
    /// The applied current (A).
    public let current: Double
    /// The nominal chip's rate (Hz).
    public let nominalRate: Double
    /// Instances counted.
    public let count: Int
    /// Fraction of instances whose rate is within ±tolerance of the nominal rate
    /// (for a silent nominal chip: the fraction that is silent too).
    public let yield: Double
    /// The relative tolerance of the yield.
    public let tolerance: Double
    /// Fraction of instances that never fire.
    public let silentFraction: Double
    /// Rate quantiles (Hz) at ``quantileLevels``: linear interpolation between order statistics.
    public let quantiles: [Double]
    /// The levels of ``quantiles``.
    public let quantileLevels: [Double]

    public static let standardLevels: [Double] = [0.05, 0.25, 0.5, 0.75, 0.95]

    /// Summarises `outcomes` (rates in Hz) against `nominalRate`.
    public init(
        current: Double, nominalRate: Double, rates: [Double], silent: Int, tolerance: Double,
        levels: [Double] = standardLevels
    ) {
        self.current = current
        self.nominalRate = nominalRate
        count = rates.count
        self.tolerance = tolerance
        let within: Int
        if nominalRate > 0 {
            within = rates.filter { abs($0 - nominalRate) <= tolerance * nominalRate }.count
        } else {
            within = rates.filter { $0 == 0 }.count
        }
        yield = rates.isEmpty ? 0 : Double(within) / Double(rates.count)
        silentFraction = rates.isEmpty ? 0 : Double(silent) / Double(rates.count)
        quantileLevels = levels
        let sorted = rates.sorted()
        quantiles = levels.map { Self.quantile(sorted, $0) }
    }

    /// The `level` quantile (0…1) of values sorted in increasing order (type
    /// 7: linear between order statistics); NaN for no values.
    public static func quantile(_ sorted: [Double], _ level: Double) -> Double {
        guard !sorted.isEmpty else { return .nan }
        let position = level * Double(sorted.count - 1)
        let low = Int(position.rounded(.down)), high = min(low + 1, sorted.count - 1)
        let weight = position - Double(low)
        return sorted[low] * (1 - weight) + sorted[high] * weight
    }

    enum CodingKeys: String, CodingKey {
        case current = "current_A", nominalRate = "nominal_rate_hz", count, yield, tolerance
        case silentFraction = "silent_fraction", quantiles = "rate_quantiles_hz", quantileLevels = "quantile_levels"
    }
}
