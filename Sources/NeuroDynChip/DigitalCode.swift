/// An unsigned 10-bit register value, 0…1023, as used for conductances and
/// spline weights.
///
/// A `DigitalCode` cannot hold an out-of-range value: the throwing initialiser
/// refuses one with a typed error, and an integer literal out of range is a
/// programming error.
public struct DigitalCode: Sendable, Hashable, Comparable, Codable {
    /// The largest code, 1023.
    public static let maximum = 1023
    /// The range of valid codes.
    public static let range = 0...maximum

    /// The code, in 0…1023.
    public let value: Int

    /// Creates a code from an integer.
    /// - Throws: ``NeuroDynError/codeOutOfRange(register:value:range:)`` when
    ///   `value` is outside 0…1023; `register` names the value in the message.
    public init(_ value: Int, register: String = "code") throws(NeuroDynError) {
        guard Self.range.contains(value) else {
            throw .codeOutOfRange(register: register, value: value, range: Self.range)
        }
        self.value = value
    }

    /// Creates a code by clamping `value` into 0…1023.
    public init(clamping value: Int) {
        self.value = min(max(value, 0), Self.maximum)
    }

    public static let zero = DigitalCode(clamping: 0)

    public static func < (lhs: DigitalCode, rhs: DigitalCode) -> Bool { lhs.value < rhs.value }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let raw = try container.decode(Int.self)
        do {
            try self.init(raw)
        } catch {
            throw DecodingError.dataCorruptedError(
                in: container, debugDescription: error.description)
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(value)
    }
}

extension DigitalCode: ExpressibleByIntegerLiteral {
    /// A literal code; a literal outside 0…1023 is a programming error.
    public init(integerLiteral value: Int) {
        precondition(Self.range.contains(value), "digital code \(value) is outside 0…1023")
        self.value = value
    }
}

extension DigitalCode: CustomStringConvertible {
    public var description: String { String(value) }
}
