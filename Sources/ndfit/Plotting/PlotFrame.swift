/// The plot area of a panel in pixels and the mapping of data onto it.
struct PlotFrame: Sendable, Hashable {
    /// A rectangle in pixels (y grows downwards, as in SVG).
    struct Rect: Sendable, Hashable {
        var left: Double
        var top: Double
        var width: Double
        var height: Double

        var right: Double { left + width }
        var bottom: Double { top + height }

        func intersects(_ other: Rect) -> Bool {
            left < other.right && other.left < right && top < other.bottom && other.top < bottom
        }

        func contains(x: Double, y: Double) -> Bool {
            x >= left && x <= right && y >= top && y <= bottom
        }

        /// Whether the segment from (x0, y0) to (x1, y1) passes through the
        /// rectangle (Liang–Barsky clipping).
        func intersects(x0: Double, y0: Double, x1: Double, y1: Double) -> Bool {
            let dx = x1 - x0, dy = y1 - y0
            var enter = 0.0, leave = 1.0
            for (p, q) in [(-dx, x0 - left), (dx, right - x0), (-dy, y0 - top), (dy, bottom - y0)] {
                if p == 0 {
                    if q < 0 { return false }
                } else {
                    let t = q / p
                    if p < 0 { enter = max(enter, t) } else { leave = min(leave, t) }
                    if enter > leave { return false }
                }
            }
            return true
        }
    }

    let area: Rect
    let x: PlotAxis
    let y: PlotAxis
    let xTicks: AxisTicks
    let yTicks: AxisTicks

    /// The pixel column of `value`, or `nil` where the x axis cannot show it.
    func column(_ value: Double) -> Double? {
        x.position(of: value, in: xTicks).map { area.left + $0 * area.width }
    }

    /// The pixel row of `value`, or `nil` where the y axis cannot show it.
    func row(_ value: Double) -> Double? {
        y.position(of: value, in: yTicks).map { area.bottom - $0 * area.height }
    }

    /// The pixel point of (x, y), or `nil` if either coordinate cannot be shown.
    func point(_ xValue: Double, _ yValue: Double) -> (x: Double, y: Double)? {
        guard let column = column(xValue), let row = row(yValue) else { return nil }
        return (column, row)
    }

    /// The row where bars stand: zero, or the bottom of a logarithmic axis.
    var baseRow: Double {
        switch y.scale {
        case .linear: min(max(row(0) ?? area.bottom, area.top), area.bottom)
        case .logarithmic: area.bottom
        }
    }
}
