/// A plot panel rendered as SVG: a title, two axes with nice ticks and
/// labelled units, a light grid, the series, and a legend that keeps off the
/// data.
///
/// Output is deterministic: the same plot gives byte-identical markup, with
/// every coordinate printed to two decimals and all text XML-escaped. Values
/// an axis cannot show (NaN, ±∞, and values ≤ 0 on a logarithmic axis) are
/// skipped, never printed.
struct SVGPlot: Sendable, Hashable {
    var title: String
    var x: PlotAxis
    var y: PlotAxis
    var series: [PlotSeries] = []

    static let titleSize = 14.0
    static let labelSize = 13.0
    static let tickSize = 11.0

    mutating func add(_ item: PlotSeries) {
        series.append(item)
    }

    /// The plot as a complete SVG document of `width` × `height` pixels.
    func svg(width: Double = 640, height: Double = 420) -> String {
        SVGFigure(panels: [self], columns: 1, panelWidth: width, panelHeight: height).svg
    }

    /// The y ticks of a panel `height` pixels high.
    private func yTicks(height: Double) -> AxisTicks {
        y.ticks(for: series.flatMap(\.yValues), count: min(7, max(3, Int(height / 70))))
    }

    /// The width (pixels) of the widest y tick label of a panel `height`
    /// pixels high: panels stacked in a figure reserve the widest of theirs,
    /// so their plot areas line up.
    func yTickLabelWidth(height: Double) -> Double {
        yTicks(height: height).labels.map { SVGText.width($0.text, fontSize: Self.tickSize) }.max() ?? 0
    }

    /// The panel's elements, drawn in the rectangle at (`left`, `top`) of
    /// `width` × `height` pixels; `id` names its clip path and must be unique
    /// within the document. The y tick labels get at least
    /// `reservedLabelWidth` pixels.
    func markup(
        left: Double, top: Double, width: Double, height: Double, id: String, reservedLabelWidth: Double = 0
    ) -> String {
        let xValues = series.flatMap(\.xValues)
        let yTicks = yTicks(height: height)
        let yLabelWidth = max(reservedLabelWidth, yTickLabelWidth(height: height))
        let plotLeft = left + 10 + Self.labelSize + 8 + yLabelWidth + 7
        let plotRight = left + width - 20
        let plotTop = top + (title.isEmpty ? 14 : 34)
        let plotWidth = max(10, plotRight - plotLeft)
        let xTicks = fittingTicks(axis: x, values: xValues, width: plotWidth)
        let axisBelow = 46.0
        func frame(bottomMargin: Double) -> PlotFrame {
            let area = PlotFrame.Rect(
                left: plotLeft, top: plotTop, width: plotWidth,
                height: max(10, top + height - bottomMargin - plotTop))
            return PlotFrame(area: area, x: x, y: y, xTicks: xTicks, yTicks: yTicks)
        }
        let legend = PlotLegend(series: series)
        var plotFrame = frame(bottomMargin: axisBelow)
        var legendMarkup = ""
        if !legend.isEmpty {
            let obstacles = series.flatMap { $0.obstacles(in: plotFrame) }
            if let box = legend.insideBox(in: plotFrame.area, avoiding: obstacles) {
                legendMarkup = legend.boxedMarkup(in: box)
            } else {
                let rows = legend.rows(width: plotWidth).count
                plotFrame = frame(bottomMargin: axisBelow + Double(rows) * PlotLegend.rowHeight + 6)
                legendMarkup = legend.rowsMarkup(left: plotLeft, top: plotFrame.area.bottom + axisBelow - 2, width: plotWidth)
            }
        }
        let area = plotFrame.area
        var text = "<g>\n"
        text += "<clipPath id=\"\(SVGText.escape(id))\"><rect x=\"\(SVGText.number(area.left - 5))\" y=\"\(SVGText.number(area.top - 5))\" "
            + "width=\"\(SVGText.number(area.width + 10))\" height=\"\(SVGText.number(area.height + 10))\"/></clipPath>\n"
        text += gridMarkup(plotFrame)
        text += "<g clip-path=\"url(#\(SVGText.escape(id)))\">\n"
        for item in series { text += item.markup(in: plotFrame) }
        text += "</g>\n"
        if !series.contains(where: { !$0.obstacles(in: plotFrame).isEmpty }) {
            text += "<text x=\"\(SVGText.number(area.left + area.width / 2))\" y=\"\(SVGText.number(area.top + area.height / 2))\" "
                + "text-anchor=\"middle\" font-size=\"\(SVGText.number(Self.labelSize))\" fill=\"#777777\">no data</text>\n"
        }
        text += "<rect x=\"\(SVGText.number(area.left))\" y=\"\(SVGText.number(area.top))\" width=\"\(SVGText.number(area.width))\" "
            + "height=\"\(SVGText.number(area.height))\" fill=\"none\" stroke=\"#333333\" stroke-width=\"1\"/>\n"
        text += tickMarkup(plotFrame, yLabelWidth: yLabelWidth)
        text += titleMarkup(panelLeft: left, panelTop: top, panelWidth: width, area: area)
        text += legendMarkup
        return text + "</g>\n"
    }

    /// x ticks whose labels do not run into each other across `width`.
    private func fittingTicks(axis: PlotAxis, values: [Double], width: Double) -> AxisTicks {
        var count = min(10, max(2, Int(width / 80)))
        while true {
            let ticks = axis.ticks(for: values, count: count)
            let widest = ticks.labels.map { SVGText.width($0.text, fontSize: Self.tickSize) }.max() ?? 0
            if count <= 2 || Double(ticks.major.count) * (widest + 12) <= width { return ticks }
            count -= 1
        }
    }

    private func gridMarkup(_ frame: PlotFrame) -> String {
        let area = frame.area
        var text = ""
        for value in frame.xTicks.major {
            guard let column = frame.column(value) else { continue }
            text += "<line x1=\"\(SVGText.number(column))\" y1=\"\(SVGText.number(area.top))\" x2=\"\(SVGText.number(column))\" "
                + "y2=\"\(SVGText.number(area.bottom))\" stroke=\"#e6e6e6\" stroke-width=\"1\"/>\n"
        }
        for value in frame.yTicks.major {
            guard let row = frame.row(value) else { continue }
            text += "<line x1=\"\(SVGText.number(area.left))\" y1=\"\(SVGText.number(row))\" x2=\"\(SVGText.number(area.right))\" "
                + "y2=\"\(SVGText.number(row))\" stroke=\"#e6e6e6\" stroke-width=\"1\"/>\n"
        }
        return text
    }

    private func tickMarkup(_ frame: PlotFrame, yLabelWidth: Double) -> String {
        let area = frame.area
        var text = ""
        let tick = "stroke=\"#333333\" stroke-width=\"1\""
        for (value, isMajor) in frame.xTicks.major.map({ ($0, true) }) + frame.xTicks.minor.map({ ($0, false) }) {
            guard let column = frame.column(value) else { continue }
            text += "<line x1=\"\(SVGText.number(column))\" y1=\"\(SVGText.number(area.bottom))\" x2=\"\(SVGText.number(column))\" "
                + "y2=\"\(SVGText.number(area.bottom + (isMajor ? 5 : 3)))\" \(tick)/>\n"
        }
        for (value, label) in zip(frame.xTicks.major, frame.xTicks.labels) {
            guard let column = frame.column(value) else { continue }
            text += "<text x=\"\(SVGText.number(column))\" y=\"\(SVGText.number(area.bottom + 8 + Self.tickSize))\" "
                + "text-anchor=\"middle\" font-size=\"\(SVGText.number(Self.tickSize))\">\(label.markup)</text>\n"
        }
        for (value, isMajor) in frame.yTicks.major.map({ ($0, true) }) + frame.yTicks.minor.map({ ($0, false) }) {
            guard let row = frame.row(value) else { continue }
            text += "<line x1=\"\(SVGText.number(area.left - (isMajor ? 5 : 3)))\" y1=\"\(SVGText.number(row))\" "
                + "x2=\"\(SVGText.number(area.left))\" y2=\"\(SVGText.number(row))\" \(tick)/>\n"
        }
        for (value, label) in zip(frame.yTicks.major, frame.yTicks.labels) {
            guard let row = frame.row(value) else { continue }
            text += "<text x=\"\(SVGText.number(area.left - 8))\" y=\"\(SVGText.number(row + 0.35 * Self.tickSize))\" "
                + "text-anchor=\"end\" font-size=\"\(SVGText.number(Self.tickSize))\">\(label.markup)</text>\n"
        }
        text += "<text x=\"\(SVGText.number(area.left + area.width / 2))\" y=\"\(SVGText.number(area.bottom + 12 + Self.tickSize + Self.labelSize + 4))\" "
            + "text-anchor=\"middle\" font-size=\"\(SVGText.number(Self.labelSize))\">\(SVGText.escape(x.label))</text>\n"
        let labelColumn = area.left - 7 - yLabelWidth - 10
        text += "<text transform=\"translate(\(SVGText.number(labelColumn)),\(SVGText.number(area.top + area.height / 2))) rotate(-90)\" "
            + "text-anchor=\"middle\" font-size=\"\(SVGText.number(Self.labelSize))\">\(SVGText.escape(y.label))</text>\n"
        return text
    }

    private func titleMarkup(panelLeft: Double, panelTop: Double, panelWidth: Double, area: PlotFrame.Rect) -> String {
        guard !title.isEmpty else { return "" }
        // A title too long for the panel is set smaller rather than cut.
        let size = min(Self.titleSize, (panelWidth - 16) / (0.6 * Double(max(1, title.count))))
        let center = min(max(area.left + area.width / 2, panelLeft + SVGText.width(title, fontSize: size) / 2 + 8),
                         panelLeft + panelWidth - SVGText.width(title, fontSize: size) / 2 - 8)
        return "<text x=\"\(SVGText.number(center))\" y=\"\(SVGText.number(panelTop + 22))\" text-anchor=\"middle\" "
            + "font-size=\"\(SVGText.number(size))\" font-weight=\"bold\">\(SVGText.escape(title))</text>\n"
    }
}
