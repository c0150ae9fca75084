/// An SVG document of one or more plot panels laid out in a grid, row by
/// row, on a white background, with an optional title over them all.
struct SVGFigure: Sendable, Hashable {
    var title: String? = nil
    var panels: [SVGPlot]
    /// Panels per row (at least 1).
    var columns: Int = 1
    /// The size of each panel in pixels.
    var panelWidth: Double = 640
    var panelHeight: Double = 420

    /// The complete document: an XML declaration, then one `<svg>` element
    /// sized to the grid.
    var svg: String {
        let columns = max(1, min(self.columns, panels.count))
        let rows = (panels.count + columns - 1) / columns
        let heading = (title?.isEmpty == false) ? 30.0 : 0
        let width = Double(columns) * panelWidth, height = heading + Double(max(1, rows)) * panelHeight
        var text = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        text += "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(SVGText.number(width))\" height=\"\(SVGText.number(height))\" "
            + "viewBox=\"0 0 \(SVGText.number(width)) \(SVGText.number(height))\" "
            + "font-family=\"DejaVu Sans, Helvetica, Arial, sans-serif\" fill=\"#222222\">\n"
        text += "<rect x=\"0\" y=\"0\" width=\"\(SVGText.number(width))\" height=\"\(SVGText.number(height))\" fill=\"white\"/>\n"
        if let title, !title.isEmpty {
            text += "<text x=\"\(SVGText.number(width / 2))\" y=\"22.00\" text-anchor=\"middle\" font-size=\"16.00\" "
                + "font-weight=\"bold\">\(SVGText.escape(title))</text>\n"
        }
        // Panels in one column share the room for y tick labels, so their plot areas line up.
        let labelWidths = (0..<columns).map { column in
            stride(from: column, to: panels.count, by: columns)
                .map { panels[$0].yTickLabelWidth(height: panelHeight) }.max() ?? 0
        }
        for (index, panel) in panels.enumerated() {
            let left = Double(index % columns) * panelWidth, top = heading + Double(index / columns) * panelHeight
            text += panel.markup(
                left: left, top: top, width: panelWidth, height: panelHeight, id: "plot\(index)",
                reservedLabelWidth: labelWidths[index % columns])
        }
        return text + "</svg>\n"
    }
}
