import Foundation

/// One-line JSON (sorted keys, slashes unescaped) for the streamed reports,
/// which write one compact object per instance inside a pretty document.
enum CompactJSON {
    private static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }()

    /// `value` as one line of JSON text.
    static func line<T: Encodable>(_ value: T) throws -> String {
        String(decoding: try encoder.encode(value), as: UTF8.self)
    }
}
