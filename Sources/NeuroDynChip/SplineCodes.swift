/// The seven 10-bit spline weights of one rate (α or β) of one gate.
public struct SplineCodes: Sendable, Hashable, Codable {
    /// The number of sigmoids in a NeuroDyn spline.
    public static let count = 7

    /// The seven codes, one per spline centre, lowest centre first.
    public let codes: [DigitalCode]

    /// Creates spline codes from seven codes.
    /// - Throws: ``NeuroDynError/wrongCount(name:expected:actual:)`` unless
    ///   there are exactly seven.
    public init(_ codes: [DigitalCode], name: String = "dIb") throws(NeuroDynError) {
        guard codes.count == Self.count else {
            throw .wrongCount(name: name, expected: Self.count, actual: codes.count)
        }
        self.codes = codes
    }

    /// Creates spline codes from seven integers.
    /// - Throws: ``NeuroDynError/wrongCount(name:expected:actual:)`` unless
    ///   there are exactly seven; ``NeuroDynError/codeOutOfRange(register:value:range:)``
    ///   for an entry outside 0…1023, named `name[j]`.
    public init(values: [Int], name: String = "dIb") throws(NeuroDynError) {
        guard values.count == Self.count else {
            throw .wrongCount(name: name, expected: Self.count, actual: values.count)
        }
        var codes: [DigitalCode] = []
        codes.reserveCapacity(Self.count)
        for (j, value) in values.enumerated() {
            codes.append(try DigitalCode(value, register: "\(name)[\(j)]"))
        }
        self.codes = codes
    }

    /// Creates spline codes from codes known to be seven (constant tables).
    init(unchecked codes: [DigitalCode]) {
        precondition(codes.count == Self.count, "a spline has seven codes")
        self.codes = codes
    }

    /// Seven zero codes.
    public static let zero = SplineCodes(unchecked: Array(repeating: .zero, count: count))

    /// The codes as integers.
    public var values: [Int] { codes.map(\.value) }

    public subscript(index: Int) -> DigitalCode { codes[index] }

    /// Decodes seven codes; each is range-checked where it stands, so an error
    /// names its index.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let codes = try container.decode([DigitalCode].self)
        do {
            try self.init(codes, name: "the spline")
        } catch {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: error.description)
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(values)
    }
}
