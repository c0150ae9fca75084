import Foundation

/// The resolved range of an axis and its ticks: "nice" values (1, 2 or 5
/// times a power of ten on a linear axis, powers of ten on a logarithmic one)
/// with their labels.
struct AxisTicks: Sendable, Hashable {
    /// A tick label: the plain text (to measure) and its SVG markup (escaped,
    /// with a superscript exponent on logarithmic axes).
    struct Label: Sendable, Hashable {
        let text: String
        let markup: String
    }

    /// The axis range in data units, lower < upper (both positive on a
    /// logarithmic axis).
    let lower: Double
    let upper: Double
    /// Labelled tick values, increasing, within lower…upper.
    let major: [Double]
    /// Unlabelled ticks (the 2…9 multiples on a logarithmic axis).
    let minor: [Double]
    let labels: [Label]

    /// The 1-2-5 step closest to `span / count`.
    static func niceStep(span: Double, count: Int) -> Double {
        let raw = span / Double(max(1, count))
        let magnitude = pow(10, (log10(raw)).rounded(.down))
        let fraction = raw / magnitude
        let nice: Double = fraction < 1.5 ? 1 : fraction < 3 ? 2 : fraction < 7 ? 5 : 10
        return nice * magnitude
    }

    /// About `count` ticks on a linear axis covering low…high. With `snap`
    /// the range widens to the ticks just outside it; otherwise the range is
    /// kept and only the ticks inside it are shown.
    ///
    /// - Precondition: low < high, both finite.
    static func linear(from low: Double, to high: Double, count: Int, snap: Bool = true) -> AxisTicks {
        precondition(low.isFinite && high.isFinite && low < high, "a finite, non-empty range")
        let step = niceStep(span: high - low, count: count)
        let slack = 1e-9
        let lower = snap ? (low / step + slack).rounded(.down) * step : low
        let upper = snap ? (high / step - slack).rounded(.up) * step : high
        let start = (lower / step - slack).rounded(.up), end = (upper / step + slack).rounded(.down)
        // A span too narrow for the doubles near it gets its two ends as ticks.
        let values = end - start <= 100 ? stride(from: start, through: end, by: 1).map { $0 * step } : [lower, upper]
        let decimals = max(0, -Int((log10(step) + slack).rounded(.down)))
        return AxisTicks(
            lower: lower, upper: upper, major: values, minor: [],
            labels: values.map { value in
                let text = SVGText.label(value, decimals: decimals)
                return Label(text: text, markup: SVGText.escape(text))
            })
    }

    /// Ticks on a logarithmic axis covering low…high (both positive). The
    /// range widens to the nearest 1, 2 or 5 times a power of ten on either
    /// side. Up to two decades are labelled at 1, 2 and 5 times the powers of
    /// ten (as plain numbers); a wider range at the powers of ten (every
    /// second, third… beyond eight decades), written 10ᵏ, with unlabelled
    /// minor ticks at their multiples while it spans at most six decades.
    static func logarithmic(from low: Double, to high: Double) -> AxisTicks {
        precondition(low > 0 && high.isFinite && low < high, "a positive, finite, non-empty range")
        let lower = Self.oneTwoFive(below: low)
        var upper = Self.oneTwoFive(above: high)
        if upper <= lower { upper = Self.oneTwoFive(above: lower * 1.5) }
        let slack = 1e-9
        let first = Int((log10(lower) - slack).rounded(.down)), last = Int((log10(upper) + slack).rounded(.up))
        let inside = { (value: Double) in value >= lower * (1 - slack) && value <= upper * (1 + slack) }
        let multiples = (first...last).flatMap { k in (1...9).map { (multiple: $0, value: Double($0) * pow(10, Double(k))) } }
            .filter { inside($0.value) }
        let decades = log10(upper / lower)
        if decades <= 2 + slack {
            let major = multiples.filter { [1, 2, 5].contains($0.multiple) }.map(\.value)
            return AxisTicks(
                lower: lower, upper: upper, major: major,
                minor: multiples.filter { ![1, 2, 5].contains($0.multiple) }.map(\.value),
                labels: major.map { value in
                    let text = SVGText.label(value, decimals: max(0, -Int((log10(value) + slack).rounded(.down))))
                    return Label(text: text, markup: SVGText.escape(text))
                })
        }
        let powers = (first...last).filter { inside(pow(10, Double($0))) }
        let every = (powers.count + 7) / 8
        let exponents = powers.enumerated().filter { $0.offset % every == 0 }.map(\.element)
        return AxisTicks(
            lower: lower, upper: upper, major: exponents.map { pow(10, Double($0)) },
            minor: decades <= 6 ? multiples.filter { $0.multiple != 1 }.map(\.value) : [],
            labels: exponents.map { k in
                let exponent = k < 0 ? "−\(-k)" : "\(k)"
                return Label(
                    text: "10" + exponent,
                    markup: "10<tspan dy=\"-0.5em\" font-size=\"0.75em\">\(exponent)</tspan>")
            })
    }

    /// The largest 1, 2 or 5 times a power of ten that is ≤ `value` (> 0).
    static func oneTwoFive(below value: Double) -> Double {
        let power = pow(10, (log10(value) + 1e-9).rounded(.down))
        let multiple = [5.0, 2, 1].first { $0 * power <= value * (1 + 1e-9) } ?? 1
        return multiple * power
    }

    /// The smallest 1, 2 or 5 times a power of ten that is ≥ `value` (> 0).
    static func oneTwoFive(above value: Double) -> Double {
        let power = pow(10, (log10(value) - 1e-9).rounded(.down))
        let multiple = [1.0, 2, 5, 10].first { $0 * power >= value * (1 - 1e-9) } ?? 10
        return multiple * power
    }
}
