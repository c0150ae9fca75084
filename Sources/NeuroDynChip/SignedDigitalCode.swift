/// A sign-and-magnitude 10-bit register value, −1023…1023, as used for
/// reversal potentials.
///
/// A `SignedDigitalCode` cannot hold an out-of-range value: the throwing
/// initialiser refuses one with a typed error, and an integer literal out of
/// range is a programming error.
public struct SignedDigitalCode: RegisterCode {
    /// The largest magnitude, 1023.
    public static let maximumMagnitude = 1023
    /// The range of valid codes.
    public static let range = -maximumMagnitude...maximumMagnitude

    /// The code, in −1023…1023.
    public let value: Int

    /// Creates a code from an integer.
    /// - Throws: ``NeuroDynError/codeOutOfRange(register:value:range:)`` when
    ///   `value` is outside −1023…1023.
    public init(_ value: Int, register: String = "code") throws(NeuroDynError) {
        guard Self.range.contains(value) else {
            throw .codeOutOfRange(register: register, value: value, range: Self.range)
        }
        self.value = value
    }

    /// Creates a code by clamping `value` into −1023…1023.
    public init(clamping value: Int) {
        self.value = min(max(value, -Self.maximumMagnitude), Self.maximumMagnitude)
    }
}

extension SignedDigitalCode: ExpressibleByIntegerLiteral {
    /// A literal code; a literal outside −1023…1023 is a programming error.
    public init(integerLiteral value: Int) {
        precondition(Self.range.contains(value), "reversal code \(value) is outside −1023…1023")
        self.value = value
    }
}
