/// The legend of a panel: one entry per labelled series, placed in the
/// corner of the plot area where it covers no data, or below the plot when
/// every corner would.
struct PlotLegend {
    /// Something drawn in the plot area, in pixels.
    enum Obstacle {
        case segment(Double, Double, Double, Double)
        case rect(PlotFrame.Rect)

        func hits(_ box: PlotFrame.Rect) -> Bool {
            switch self {
            case let .segment(x0, y0, x1, y1): box.intersects(x0: x0, y0: y0, x1: x1, y1: y1)
            case let .rect(rect): box.intersects(rect)
            }
        }
    }

    static let fontSize = 11.0
    static let rowHeight = 16.0
    static let sampleWidth = 24.0
    static let padding = 6.0

    /// The labelled series, in order.
    let entries: [PlotSeries]

    init(series: [PlotSeries]) {
        entries = series.filter { $0.label != nil }
    }

    var isEmpty: Bool { entries.isEmpty }

    private func labelWidth(_ entry: PlotSeries) -> Double {
        SVGText.width(entry.label ?? "", fontSize: Self.fontSize)
    }

    /// The size of the boxed legend (entries stacked).
    var boxSize: (width: Double, height: Double) {
        let widest = entries.map(labelWidth).max() ?? 0
        return (2 * Self.padding + Self.sampleWidth + 6 + widest, 2 * Self.padding + Double(entries.count) * Self.rowHeight - 4)
    }

    /// The box in a corner of `area` (top right first, then top left, bottom
    /// right, bottom left) that meets none of `obstacles`; `nil` if every
    /// corner is taken or the box does not fit.
    func insideBox(in area: PlotFrame.Rect, avoiding obstacles: [Obstacle]) -> PlotFrame.Rect? {
        let size = boxSize, inset = 8.0
        guard size.width + 2 * inset <= area.width, size.height + 2 * inset <= area.height else { return nil }
        let lefts = [area.right - inset - size.width, area.left + inset]
        let tops = [area.top + inset, area.bottom - inset - size.height]
        for top in tops {
            for left in lefts {
                let box = PlotFrame.Rect(left: left, top: top, width: size.width, height: size.height)
                // A little room around the box too, so no line grazes it.
                let halo = PlotFrame.Rect(left: left - 3, top: top - 3, width: size.width + 6, height: size.height + 6)
                if !obstacles.contains(where: { $0.hits(halo) }) { return box }
            }
        }
        return nil
    }

    /// Rows of entries flowed across `width` (for a legend below the plot).
    func rows(width: Double) -> [[PlotSeries]] {
        var rows: [[PlotSeries]] = []
        var current: [PlotSeries] = [], used = 0.0
        for entry in entries {
            let entryWidth = Self.sampleWidth + 6 + labelWidth(entry) + 16
            if !current.isEmpty && used + entryWidth > width {
                rows.append(current)
                current = []
                used = 0
            }
            current.append(entry)
            used += entryWidth
        }
        if !current.isEmpty { rows.append(current) }
        return rows
    }

    /// The legend stacked in `box`, with a frame.
    func boxedMarkup(in box: PlotFrame.Rect) -> String {
        var text = "<rect x=\"\(SVGText.number(box.left))\" y=\"\(SVGText.number(box.top))\" width=\"\(SVGText.number(box.width))\" "
            + "height=\"\(SVGText.number(box.height))\" fill=\"white\" fill-opacity=\"0.9\" stroke=\"#999999\" stroke-width=\"0.8\"/>\n"
        for (index, entry) in entries.enumerated() {
            let middle = box.top + Self.padding + Double(index) * Self.rowHeight + 6
            text += Self.entryMarkup(entry, left: box.left + Self.padding, middle: middle)
        }
        return text
    }

    /// The legend flowed in rows from (left, top), without a frame.
    func rowsMarkup(left: Double, top: Double, width: Double) -> String {
        var text = ""
        for (rowIndex, row) in rows(width: width).enumerated() {
            var x = left
            let middle = top + Double(rowIndex) * Self.rowHeight + 6
            for entry in row {
                text += Self.entryMarkup(entry, left: x, middle: middle)
                x += Self.sampleWidth + 6 + labelWidth(entry) + 16
            }
        }
        return text
    }

    /// One entry: a sample of the series' style, then its label.
    private static func entryMarkup(_ entry: PlotSeries, left: Double, middle: Double) -> String {
        let style = entry.style
        var text = ""
        switch entry.shape {
        case .bars, .band:
            text += "<rect x=\"\(SVGText.number(left + 5))\" y=\"\(SVGText.number(middle - 5))\" width=\"14.00\" height=\"10.00\" "
                + "fill=\"\(style.color)\" fill-opacity=\"\(SVGText.number(style.fillOpacity))\" stroke=\"\(style.color)\" stroke-width=\"0.8\"/>\n"
        case .line, .vertical, .horizontal:
            if style.lineWidth > 0 {
                var line = "<line x1=\"\(SVGText.number(left))\" y1=\"\(SVGText.number(middle))\" x2=\"\(SVGText.number(left + sampleWidth))\" "
                    + "y2=\"\(SVGText.number(middle))\" stroke=\"\(style.color)\" stroke-width=\"\(SVGText.number(style.lineWidth))\""
                if !style.dash.isEmpty {
                    line += " stroke-dasharray=\"\(style.dash.map(SVGText.number).joined(separator: " "))\""
                }
                text += line + "/>\n"
            }
            if style.marker != .none {
                text += PlotSeries.marker(style.marker, at: (left + sampleWidth / 2, middle), color: style.color) + "\n"
            }
        }
        text += "<text x=\"\(SVGText.number(left + sampleWidth + 6))\" y=\"\(SVGText.number(middle + 4))\" "
            + "font-size=\"\(SVGText.number(fontSize))\">\(SVGText.escape(entry.label ?? ""))</text>\n"
        return text
    }
}
