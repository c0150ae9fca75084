/// What the two register code types share: an integer confined to a range,
/// checked on creation, compared, printed and coded as that integer.
public protocol RegisterCode: Sendable, Hashable, Comparable, Codable, CustomStringConvertible,
    ExpressibleByIntegerLiteral where IntegerLiteralType == Int
{
    /// The valid codes.
    static var range: ClosedRange<Int> { get }
    /// The code.
    var value: Int { get }
    /// Creates a code, refusing one outside ``range`` with a typed error naming `register`.
    init(_ value: Int, register: String) throws(NeuroDynError)
}

extension RegisterCode {
    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.value < rhs.value }

    public var description: String { String(value) }

    /// Decodes an integer and refuses it when out of range.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let raw: Int
        if let integer = try? container.decode(Int.self) {
            raw = integer
        } else if let number = try? container.decode(Double.self) {
            // Foundation reports a fractional number as invalid JSON without a key.
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "\(number) is not an integer")
        } else {
            raw = try container.decode(Int.self)
        }
        do {
            try self.init(raw, register: "value")
        } catch {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: error.description)
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(value)
    }
}
