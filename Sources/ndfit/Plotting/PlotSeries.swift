/// One thing drawn in a plot, in data units: a line (or markers), histogram
/// bars, a filled band between two curves, or a full-width or full-height
/// reference line. Points whose value is not finite (or not positive on a
/// logarithmic axis) are skipped: a line breaks there, a bar or band point is
/// left out.
struct PlotSeries: Sendable, Hashable {
    enum Shape: Sendable, Hashable {
        /// Points (x[i], y[i]) joined in order; markers as the style says.
        case line(x: [Double], y: [Double])
        /// Bars from edges[i] to edges[i + 1] with height heights[i]
        /// (edges.count == heights.count + 1), standing on zero (on the
        /// bottom of a logarithmic axis).
        case bars(edges: [Double], heights: [Double])
        /// The area between lower[i] and upper[i] over x[i].
        case band(x: [Double], lower: [Double], upper: [Double])
        /// A line across the whole plot at this x.
        case vertical(x: Double)
        /// A line across the whole plot at this y.
        case horizontal(y: Double)
    }

    /// The legend entry; `nil` leaves the series out of the legend.
    var label: String?
    var shape: Shape
    var style: PlotStyle

    static func line(_ label: String?, x: [Double], y: [Double], style: PlotStyle) -> PlotSeries {
        PlotSeries(label: label, shape: .line(x: x, y: y), style: style)
    }

    /// Markers only (no joining line).
    static func points(
        _ label: String?, x: [Double], y: [Double], color: String, marker: PlotStyle.Marker = .circle
    ) -> PlotSeries {
        PlotSeries(label: label, shape: .line(x: x, y: y), style: PlotStyle(color: color, lineWidth: 0, marker: marker))
    }

    static func bars(_ label: String?, edges: [Double], heights: [Double], style: PlotStyle) -> PlotSeries {
        precondition(edges.count == heights.count + 1 || heights.isEmpty, "one more edge than bars")
        return PlotSeries(label: label, shape: .bars(edges: edges, heights: heights), style: style)
    }

    static func band(_ label: String?, x: [Double], lower: [Double], upper: [Double], style: PlotStyle) -> PlotSeries {
        precondition(x.count == lower.count && x.count == upper.count, "one lower and one upper value per x")
        return PlotSeries(label: label, shape: .band(x: x, lower: lower, upper: upper), style: style)
    }

    static func vertical(_ label: String?, x: Double, style: PlotStyle) -> PlotSeries {
        PlotSeries(label: label, shape: .vertical(x: x), style: style)
    }

    static func horizontal(_ label: String?, y: Double, style: PlotStyle) -> PlotSeries {
        PlotSeries(label: label, shape: .horizontal(y: y), style: style)
    }

    /// The x values the series spans (for the axis range).
    var xValues: [Double] {
        switch shape {
        case let .line(x, _), let .band(x, _, _): x
        case let .bars(edges, _): edges
        case let .vertical(x): [x]
        case .horizontal: []
        }
    }

    /// The y values the series spans (bars include their base, zero).
    var yValues: [Double] {
        switch shape {
        case let .line(_, y): y
        case let .band(_, lower, upper): lower + upper
        case let .bars(_, heights): heights.isEmpty ? [] : heights + [0]
        case .vertical: []
        case let .horizontal(y): [y]
        }
    }
}
