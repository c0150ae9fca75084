/// Drawing a series onto a plot frame, and the pixels it covers (so the
/// legend can keep off it).
extension PlotSeries {
    /// The radius of a marker in pixels.
    static let markerRadius = 3.5

    /// The series as SVG elements in `frame`.
    func markup(in frame: PlotFrame) -> String {
        let area = frame.area
        switch shape {
        case let .line(x, y):
            let runs = Self.runs(x: x, y: y, in: frame)
            var text = ""
            if style.lineWidth > 0 {
                for run in runs where run.count >= 2 {
                    text += "<polyline points=\"\(Self.pointList(Self.thinned(run)))\" fill=\"none\"\(strokeAttributes) stroke-linejoin=\"round\"/>\n"
                }
            }
            if style.marker != .none {
                for run in runs {
                    for point in run { text += Self.marker(style.marker, at: point, color: style.color) + "\n" }
                }
            }
            return text
        case let .bars(edges, heights):
            let base = frame.baseRow
            var text = ""
            for (index, height) in heights.enumerated() {
                guard let left = frame.column(edges[index]), let right = frame.column(edges[index + 1]),
                      let top = frame.row(height), right > left else { continue }
                let y = min(top, base), size = abs(base - top)
                text += "<rect x=\"\(SVGText.number(left))\" y=\"\(SVGText.number(y))\" width=\"\(SVGText.number(right - left))\" "
                    + "height=\"\(SVGText.number(size))\" fill=\"\(style.color)\" fill-opacity=\"\(SVGText.number(style.fillOpacity))\" "
                    + "stroke=\"\(style.color)\" stroke-width=\"0.8\"/>\n"
            }
            return text
        case let .band(x, lower, upper):
            var text = ""
            for run in Self.bandRuns(x: x, lower: lower, upper: upper, in: frame) where run.count >= 2 {
                let outline = run.map { ($0.x, $0.upper) } + run.reversed().map { ($0.x, $0.lower) }
                text += "<polygon points=\"\(Self.pointList(outline))\" fill=\"\(style.color)\" "
                    + "fill-opacity=\"\(SVGText.number(style.fillOpacity))\" stroke=\"none\"/>\n"
            }
            return text
        case let .vertical(x):
            guard let column = frame.column(x) else { return "" }
            return "<line x1=\"\(SVGText.number(column))\" y1=\"\(SVGText.number(area.top))\" x2=\"\(SVGText.number(column))\" "
                + "y2=\"\(SVGText.number(area.bottom))\"\(strokeAttributes)/>\n"
        case let .horizontal(y):
            guard let row = frame.row(y) else { return "" }
            return "<line x1=\"\(SVGText.number(area.left))\" y1=\"\(SVGText.number(row))\" x2=\"\(SVGText.number(area.right))\" "
                + "y2=\"\(SVGText.number(row))\"\(strokeAttributes)/>\n"
        }
    }

    /// What the series covers in `frame`, as segments (a point is a segment of
    /// length zero) and rectangles.
    func obstacles(in frame: PlotFrame) -> [PlotLegend.Obstacle] {
        let area = frame.area
        switch shape {
        case let .line(x, y):
            return Self.runs(x: x, y: y, in: frame).flatMap { run -> [PlotLegend.Obstacle] in
                if style.lineWidth == 0 || run.count == 1 {
                    let r = Self.markerRadius
                    return run.map { .rect(.init(left: $0.x - r, top: $0.y - r, width: 2 * r, height: 2 * r)) }
                }
                return zip(run, run.dropFirst()).map { .segment($0.0.x, $0.0.y, $0.1.x, $0.1.y) }
            }
        case let .bars(edges, heights):
            let base = frame.baseRow
            return heights.indices.compactMap { index in
                guard heights[index] > 0, let left = frame.column(edges[index]), let right = frame.column(edges[index + 1]),
                      let top = frame.row(heights[index]) else { return nil }
                return .rect(.init(left: left, top: min(top, base), width: right - left, height: abs(base - top)))
            }
        case let .band(x, lower, upper):
            return Self.bandRuns(x: x, lower: lower, upper: upper, in: frame).flatMap { run in
                zip(run, run.dropFirst()).map { a, b in
                    PlotLegend.Obstacle.rect(.init(
                        left: min(a.x, b.x), top: min(a.upper, b.upper), width: abs(b.x - a.x),
                        height: max(a.lower, b.lower) - min(a.upper, b.upper)))
                }
            }
        case let .vertical(x):
            return frame.column(x).map { [.segment($0, area.top, $0, area.bottom)] } ?? []
        case let .horizontal(y):
            return frame.row(y).map { [.segment(area.left, $0, area.right, $0)] } ?? []
        }
    }

    private var strokeAttributes: String {
        var text = " stroke=\"\(style.color)\" stroke-width=\"\(SVGText.number(style.lineWidth))\""
        if !style.dash.isEmpty {
            text += " stroke-dasharray=\"\(style.dash.map(SVGText.number).joined(separator: " "))\""
        }
        return text
    }

    /// The pixel points of a line, split where a point cannot be shown.
    static func runs(x: [Double], y: [Double], in frame: PlotFrame) -> [[(x: Double, y: Double)]] {
        var runs: [[(x: Double, y: Double)]] = []
        var current: [(x: Double, y: Double)] = []
        for index in 0..<min(x.count, y.count) {
            if let point = frame.point(x[index], y[index]) {
                current.append(point)
            } else if !current.isEmpty {
                runs.append(current)
                current = []
            }
        }
        if !current.isEmpty { runs.append(current) }
        return runs
    }

    /// The pixel columns and rows of a band, split where a point cannot be shown.
    static func bandRuns(
        x: [Double], lower: [Double], upper: [Double], in frame: PlotFrame
    ) -> [[(x: Double, lower: Double, upper: Double)]] {
        var runs: [[(x: Double, lower: Double, upper: Double)]] = []
        var current: [(x: Double, lower: Double, upper: Double)] = []
        for index in 0..<min(x.count, lower.count, upper.count) {
            if let column = frame.column(x[index]), let low = frame.row(lower[index]), let high = frame.row(upper[index]) {
                current.append((column, low, high))
            } else if !current.isEmpty {
                runs.append(current)
                current = []
            }
        }
        if !current.isEmpty { runs.append(current) }
        return runs
    }

    /// A run reduced to what shows at pixel resolution: within each run of
    /// points in one pixel column only the first, lowest, highest and last
    /// are kept (so a long trace costs at most four points per column), then
    /// points that move less than half a pixel from the last one kept are
    /// dropped. The first and last points are always kept.
    static func thinned(_ run: [(x: Double, y: Double)]) -> [(x: Double, y: Double)] {
        guard run.count > 2 else { return run }
        var envelope: [(x: Double, y: Double)] = []
        var start = 0
        while start < run.count {
            let column = run[start].x.rounded(.down)
            var end = start
            while end + 1 < run.count && run[end + 1].x.rounded(.down) == column { end += 1 }
            let group = start...end
            let low = group.min { run[$0].y < run[$1].y }!, high = group.max { run[$0].y < run[$1].y }!
            for index in Set([start, low, high, end]).sorted() { envelope.append(run[index]) }
            start = end + 1
        }
        var kept = [envelope[0]]
        for point in envelope.dropFirst().dropLast() {
            let last = kept[kept.count - 1]
            if abs(point.x - last.x) >= 0.5 || abs(point.y - last.y) >= 0.5 { kept.append(point) }
        }
        kept.append(envelope[envelope.count - 1])
        return kept
    }

    static func pointList(_ points: [(Double, Double)]) -> String {
        points.map { "\(SVGText.number($0.0)),\(SVGText.number($0.1))" }.joined(separator: " ")
    }

    /// A marker centred on `point`.
    static func marker(_ shape: PlotStyle.Marker, at point: (x: Double, y: Double), color: String) -> String {
        let r = markerRadius, x = point.x, y = point.y
        switch shape {
        case .none:
            return ""
        case .circle:
            return "<circle cx=\"\(SVGText.number(x))\" cy=\"\(SVGText.number(y))\" r=\"\(SVGText.number(r))\" fill=\"\(color)\"/>"
        case .square:
            return "<rect x=\"\(SVGText.number(x - r))\" y=\"\(SVGText.number(y - r))\" width=\"\(SVGText.number(2 * r))\" "
                + "height=\"\(SVGText.number(2 * r))\" fill=\"\(color)\"/>"
        case .triangle:
            return "<polygon points=\"\(pointList([(x, y - 1.2 * r), (x + 1.1 * r, y + 0.8 * r), (x - 1.1 * r, y + 0.8 * r)]))\" fill=\"\(color)\"/>"
        case .diamond:
            return "<polygon points=\"\(pointList([(x, y - 1.3 * r), (x + r, y), (x, y + 1.3 * r), (x - r, y)]))\" fill=\"\(color)\"/>"
        }
    }
}
