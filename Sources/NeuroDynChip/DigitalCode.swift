/// An unsigned 10-bit register value, 0…1023, as used for conductances and
/// spline weights.
///
/// A `DigitalCode` cannot hold an out-of-range value: the throwing initialiser
/// refuses one with a typed error, and an integer literal out of range is a
/// programming error.
public struct DigitalCode: RegisterCode {
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
}

extension DigitalCode: ExpressibleByIntegerLiteral {
    /// A literal code; a literal outside 0…1023 is a programming error.
    public init(integerLiteral value: Int) {
        precondition(Self.range.contains(value), "digital code \(value) is outside 0…1023")
        self.value = value
    }
}
