/// How a series is drawn: stroke colour, width and dash pattern, marker
/// shape, and the opacity of fills (bars and bands).
struct PlotStyle: Sendable, Hashable {
    /// The shape drawn at each point of a line or point series.
    enum Marker: Sendable, Hashable {
        case none, circle, square, triangle, diamond
    }

    /// An SVG colour ("#1f77b4").
    var color: String
    /// Stroke width in pixels; 0 draws no line (markers only).
    var lineWidth: Double = 1.8
    /// Dash and gap lengths in pixels; empty for a solid line.
    var dash: [Double] = []
    var marker: Marker = .none
    /// Opacity of bar and band fills (0…1).
    var fillOpacity: Double = 0.3

    /// Distinct colours that stay apart for colour-blind readers (Okabe–Ito).
    static let palette = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000"]

    /// A solid line in palette colour `index` (wrapping around).
    static func line(_ index: Int, width: Double = 1.8) -> PlotStyle {
        PlotStyle(color: palette[index % palette.count], lineWidth: width)
    }

    /// A copy with `dash` as its dash pattern.
    func dashed(_ dash: [Double] = [6, 4]) -> PlotStyle {
        var copy = self
        copy.dash = dash
        return copy
    }

    /// A copy drawing `marker` at each point.
    func marked(_ marker: Marker) -> PlotStyle {
        var copy = self
        copy.marker = marker
        return copy
    }
}
