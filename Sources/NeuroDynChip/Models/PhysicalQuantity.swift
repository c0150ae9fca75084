import Foundation

/// The physical dimensions a model file's values can have.
public enum PhysicalDimension: String, Sendable, Hashable, CaseIterable {
    case voltage, time, perTime = "per_time", conductanceDensity = "conductance_density"
    case capacitanceDensity = "capacitance_density", currentDensity = "current_density"
    case dimensionless, temperature, concentration, conductance, capacitance, current

    /// The LEMS name of the dimension (`per_time`, `conductanceDensity`, …).
    public var lemsName: String {
        switch self {
        case .voltage: "voltage"
        case .time: "time"
        case .perTime: "per_time"
        case .conductanceDensity: "conductanceDensity"
        case .capacitanceDensity: "specificCapacitance"
        case .currentDensity: "currentDensity"
        case .dimensionless: "none"
        case .temperature: "temperature"
        case .concentration: "concentration"
        case .conductance: "conductance"
        case .capacitance: "capacitance"
        case .current: "current"
        }
    }

    /// The dimension of a LEMS dimension name, if it is one of ours.
    public init?(lemsName: String) {
        guard let match = Self.allCases.first(where: { $0.lemsName == lemsName }) else { return nil }
        self = match
    }
}

/// A value with its unit, as model files write them: `-40mV`, `0.1per_ms`,
/// `120.0 mS_per_cm2`, `3.0 S_per_m2`, `1.0 uF_per_cm2` (NeuroML's names) or
/// `120 mS/cm2`, `0.1 /ms`, `1 uF/cm2`.
public struct PhysicalQuantity: Sendable, Hashable {
    /// The value in SI units (V, s, 1/s, S/m², F/m², A/m², K, mol/m³, S, F, A).
    public let siValue: Double
    public let dimension: PhysicalDimension

    public init(siValue: Double, dimension: PhysicalDimension) {
        self.siValue = siValue
        self.dimension = dimension
    }

    /// Units known to the readers: name → (dimension, factor to SI).
    public static let units: [String: (PhysicalDimension, Double)] = {
        var table: [String: (PhysicalDimension, Double)] = [
            "V": (.voltage, 1), "mV": (.voltage, 1e-3), "uV": (.voltage, 1e-6),
            "s": (.time, 1), "ms": (.time, 1e-3), "us": (.time, 1e-6),
            "per_s": (.perTime, 1), "per_ms": (.perTime, 1e3), "Hz": (.perTime, 1), "kHz": (.perTime, 1e3),
            "S_per_m2": (.conductanceDensity, 1), "mS_per_cm2": (.conductanceDensity, 10),
            "S_per_cm2": (.conductanceDensity, 1e4), "uS_per_cm2": (.conductanceDensity, 1e-2),
            "mS_per_m2": (.conductanceDensity, 1e-3),
            "F_per_m2": (.capacitanceDensity, 1), "uF_per_cm2": (.capacitanceDensity, 1e-2),
            "F_per_cm2": (.capacitanceDensity, 1e4),
            "A_per_m2": (.currentDensity, 1), "uA_per_cm2": (.currentDensity, 1e-2),
            "A_per_cm2": (.currentDensity, 1e4), "nA_per_cm2": (.currentDensity, 1e-5),
            "K": (.temperature, 1), "degC": (.temperature, 1),
            "mol_per_m3": (.concentration, 1), "mM": (.concentration, 1), "M": (.concentration, 1e3),
            "S": (.conductance, 1), "mS": (.conductance, 1e-3), "uS": (.conductance, 1e-6), "nS": (.conductance, 1e-9),
            "F": (.capacitance, 1), "uF": (.capacitance, 1e-6), "nF": (.capacitance, 1e-9), "pF": (.capacitance, 1e-12),
            "A": (.current, 1), "mA": (.current, 1e-3), "uA": (.current, 1e-6), "nA": (.current, 1e-9),
            "pA": (.current, 1e-12),
        ]
        // The same with a slash: mS/cm2, 1/ms, /ms.
        for (name, entry) in table where name.contains("_per_") || name.hasPrefix("per_") {
            let slashed = name.hasPrefix("per_")
                ? "1/" + name.dropFirst(4) : name.replacingOccurrences(of: "_per_", with: "/")
            table[slashed] = entry
            if name.hasPrefix("per_") { table["/" + name.dropFirst(4)] = entry }
        }
        return table
    }()

    /// Reads `text`, a number followed by a unit (spaces allowed between them).
    /// A bare number is refused unless `expected` is dimensionless.
    ///
    /// - Throws: ``QuantityError`` naming what is wrong.
    public static func parse(_ text: String, expected: PhysicalDimension) throws(QuantityError) -> PhysicalQuantity {
        let trimmed = text.trimmingWhitespace
        var split = trimmed.startIndex
        var seenDigit = false
        var index = trimmed.startIndex
        // The longest prefix that reads as a number.
        while index < trimmed.endIndex {
            let next = trimmed.index(after: index)
            if Double(trimmed[trimmed.startIndex..<next]) != nil {
                split = next
                seenDigit = true
            } else if !"+-.eE0123456789".contains(trimmed[index]) {
                break
            }
            index = next
        }
        guard seenDigit, let value = Double(trimmed[trimmed.startIndex..<split]) else {
            throw .notANumber(text)
        }
        guard value.isFinite else { throw .notANumber(text) }
        let unit = trimmed[split...].trimmingWhitespace
        if unit.isEmpty {
            guard expected == .dimensionless else { throw .missingUnit(text, expected: expected) }
            return PhysicalQuantity(siValue: value, dimension: .dimensionless)
        }
        guard let (dimension, factor) = units[unit] else { throw .unknownUnit(unit, in: text) }
        guard dimension == expected else { throw .wrongDimension(text, found: dimension, expected: expected) }
        guard (value * factor).isFinite else { throw .notANumber(text) }
        return PhysicalQuantity(siValue: value * factor, dimension: dimension)
    }
}

/// Why a value with a unit was refused.
public enum QuantityError: Error, Hashable, Sendable, CustomStringConvertible {
    case notANumber(String)
    case missingUnit(String, expected: PhysicalDimension)
    case unknownUnit(String, in: String)
    case wrongDimension(String, found: PhysicalDimension, expected: PhysicalDimension)

    public var description: String {
        switch self {
        case let .notANumber(text): "\"\(text)\" is not a finite number with a unit"
        case let .missingUnit(text, expected): "\"\(text)\" has no unit (expected a \(expected.rawValue), e.g. \(expected.example))"
        case let .unknownUnit(unit, text): "unknown unit \"\(unit)\" in \"\(text)\""
        case let .wrongDimension(text, found, expected):
            "\"\(text)\" is a \(found.rawValue), expected a \(expected.rawValue) (e.g. \(expected.example))"
        }
    }
}

extension PhysicalDimension {
    /// A value of this dimension as a file would write it.
    var example: String {
        switch self {
        case .voltage: "-40 mV"
        case .time: "1 ms"
        case .perTime: "0.1 per_ms"
        case .conductanceDensity: "120 mS_per_cm2"
        case .capacitanceDensity: "1 uF_per_cm2"
        case .currentDensity: "10 uA_per_cm2"
        case .dimensionless: "1"
        case .temperature: "6.3 degC"
        case .concentration: "1 mM"
        case .conductance: "1 nS"
        case .capacitance: "1 pF"
        case .current: "1 nA"
        }
    }
}

extension StringProtocol {
    var trimmingWhitespace: String {
        let characters = Array(self)
        guard let first = characters.firstIndex(where: { !$0.isWhitespace }),
            let last = characters.lastIndex(where: { !$0.isWhitespace })
        else { return "" }
        return String(characters[first...last])
    }
}
