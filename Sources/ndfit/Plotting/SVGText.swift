import Foundation

/// Text and numbers as they go into an SVG document: XML-escaped text,
/// coordinates with a fixed number of decimals, and a width estimate for
/// laying labels out without a font engine.
enum SVGText {
    /// `text` with the five XML special characters replaced by entities.
    static func escape(_ text: String) -> String {
        var escaped = ""
        escaped.reserveCapacity(text.utf8.count)
        for character in text {
            switch character {
            case "&": escaped += "&amp;"
            case "<": escaped += "&lt;"
            case ">": escaped += "&gt;"
            case "\"": escaped += "&quot;"
            case "'": escaped += "&apos;"
            default: escaped.append(character)
            }
        }
        return escaped
    }

    /// A coordinate or length with two decimals ("12.50"); −0 prints as 0 and
    /// a non-finite value as 0, so a document never holds "nan" or "inf".
    static func number(_ value: Double) -> String {
        guard value.isFinite else { return "0.00" }
        let text = String(format: "%.2f", value)
        return text == "-0.00" ? "0.00" : text
    }

    /// The width in pixels that `text` is expected to take at `fontSize` in a
    /// sans-serif font (0.6 em per character: generous for digits and most
    /// letters, so labels laid out with it do not collide).
    static func width(_ text: String, fontSize: Double) -> Double {
        Double(text.count) * 0.6 * fontSize
    }

    /// A tick or axis number with `decimals` decimals and a typographic minus
    /// sign; −0 prints as 0.
    static func label(_ value: Double, decimals: Int) -> String {
        var text = String(format: "%.\(max(0, decimals))f", value)
        if text.hasPrefix("-") {
            let digits = text.dropFirst()
            text = digits.allSatisfy { $0 == "0" || $0 == "." } ? String(digits) : "−" + digits
        }
        return text
    }

    /// A number for a title or legend: four significant digits as printf's
    /// `%.4g` ("3", "0.125", "6.234"), a typographic minus sign, and "NaN" or
    /// "∞" for what is not finite.
    static func compact(_ value: Double) -> String {
        guard value.isFinite else { return value.isNaN ? "NaN" : (value > 0 ? "∞" : "−∞") }
        let text = String(format: "%.4g", value)
        return text.hasPrefix("-") ? "−" + text.dropFirst() : text
    }
}
