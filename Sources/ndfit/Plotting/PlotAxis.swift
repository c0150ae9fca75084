import Foundation

/// An axis of a plot: its label (with the unit, e.g. "V (mV)"), its scale,
/// and how its range is chosen from the data.
struct PlotAxis: Sendable, Hashable {
    enum Scale: Sendable, Hashable {
        case linear, logarithmic
    }

    var label: String
    var scale: Scale = .linear
    /// A fixed range; `nil` fits the data (widened to nice ticks).
    var range: ClosedRange<Double>? = nil
    /// Whether a fitted linear range reaches down (or up) to zero.
    var includesZero = false
    /// On a logarithmic axis, the most decades shown below the largest value:
    /// values far smaller are cut off rather than squeezing the rest.
    var maximumDecades = 8.0

    /// The range and ticks for `values`, skipping what the scale cannot show
    /// (non-finite values; values ≤ 0 on a logarithmic axis).
    ///
    /// No usable value gives 0…1 (1…10 on a logarithmic axis); a single value
    /// or a constant gets a range around it.
    func ticks(for values: [Double], count: Int) -> AxisTicks {
        switch scale {
        case .linear:
            if let range, range.lowerBound < range.upperBound, range.lowerBound.isFinite, range.upperBound.isFinite {
                return .linear(from: range.lowerBound, to: range.upperBound, count: count, snap: false)
            }
            let usable = values.filter(\.isFinite)
            var low = usable.min() ?? 0, high = usable.max() ?? 1
            if includesZero {
                low = min(low, 0)
                high = max(high, 0)
            }
            if low == high {
                let margin = low == 0 ? 1 : abs(low) * 0.1
                low -= margin
                high += margin
            }
            return .linear(from: low, to: high, count: count)
        case .logarithmic:
            if let range, range.lowerBound > 0, range.lowerBound < range.upperBound, range.upperBound.isFinite {
                return .logarithmic(from: range.lowerBound, to: range.upperBound)
            }
            let usable = values.filter { $0.isFinite && $0 > 0 }
            guard var low = usable.min(), var high = usable.max() else { return .logarithmic(from: 1, to: 10) }
            low = max(low, high / pow(10, maximumDecades))
            if low == high {
                low /= 2
                high *= 2
            }
            return .logarithmic(from: low, to: high)
        }
    }

    /// Where `value` falls along an axis of `ticks`: 0 at its lower end, 1 at
    /// its upper end; `nil` for what the scale cannot show.
    func position(of value: Double, in ticks: AxisTicks) -> Double? {
        guard value.isFinite else { return nil }
        switch scale {
        case .linear:
            return (value - ticks.lower) / (ticks.upper - ticks.lower)
        case .logarithmic:
            guard value > 0 else { return nil }
            return log10(value / ticks.lower) / log10(ticks.upper / ticks.lower)
        }
    }
}
