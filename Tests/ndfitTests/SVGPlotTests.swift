import Foundation
import Testing
@testable import ndfit

/// The plotting type on its own: nice ticks, logarithmic axes, escaping,
/// degenerate data, skipped non-finite values, the legend, determinism.
@Suite("SVG plots")
struct SVGPlotTests {
    static func render(_ plot: SVGPlot) throws -> (svg: String, file: URL) {
        let svg = plot.svg()
        let file = try BinaryRunner.temporaryDirectory().appendingPathComponent("plot.svg")
        try Data(svg.utf8).write(to: file)
        return (svg, file)
    }

    @Test("Tick steps are 1, 2 or 5 times a power of ten", arguments: [
        (10.0, 5, 2.0), (1, 5, 0.2), (7, 5, 1), (0.0075, 1, 0.01), (350, 6, 50), (3e-6, 3, 1e-6),
    ])
    func niceStep(span: Double, count: Int, step: Double) {
        #expect(abs(AxisTicks.niceStep(span: span, count: count) - step) <= 1e-12 * step)
    }

    @Test("A linear axis widens to the ticks around the data")
    func linear() {
        let ticks = AxisTicks.linear(from: 0.3, to: 9.7, count: 5)
        #expect(ticks.lower == 0 && ticks.upper == 10)
        #expect(ticks.major == [0, 2, 4, 6, 8, 10])
        #expect(ticks.labels.map(\.text) == ["0", "2", "4", "6", "8", "10"])
        let fractions = AxisTicks.linear(from: -0.93, to: 0.41, count: 5)
        #expect(fractions.labels.map(\.text) == ["−1.0", "−0.8", "−0.6", "−0.4", "−0.2", "0.0", "0.2", "0.4", "0.6"])
    }

    @Test("A fixed range keeps its ends and shows the ticks inside")
    func fixedRange() {
        let ticks = PlotAxis(label: "x", range: 0.05...0.95).ticks(for: [], count: 5)
        #expect(ticks.lower == 0.05 && ticks.upper == 0.95)
        #expect(ticks.labels.map(\.text) == ["0.2", "0.4", "0.6", "0.8"])
    }

    @Test("A logarithmic axis of up to two decades is labelled at 1, 2 and 5")
    func logarithmicNarrow() {
        let ticks = AxisTicks.logarithmic(from: 0.8, to: 8.5)
        #expect(ticks.lower == 0.5 && ticks.upper == 10)
        #expect(ticks.labels.map(\.text) == ["0.5", "1", "2", "5", "10"])
        #expect(ticks.minor.contains(3) && !ticks.minor.contains(2))
    }

    @Test("A wide logarithmic axis is labelled at powers of ten, with superscripts")
    func logarithmicWide() {
        let ticks = AxisTicks.logarithmic(from: 87, to: 7500)
        #expect(ticks.lower == 50 && ticks.upper == 10_000)
        #expect(ticks.major == [100, 1000, 10_000])
        #expect(ticks.labels.map(\.markup).first == "10<tspan dy=\"-0.5em\" font-size=\"0.75em\">2</tspan>")
        let negative = AxisTicks.logarithmic(from: 0.002, to: 3)
        #expect(negative.lower == 0.002 && negative.labels.first?.text == "10−2")
        // Beyond eight decades every other power is labelled, without minor ticks.
        let huge = AxisTicks.logarithmic(from: 1e-4, to: 1e9)
        #expect(huge.major.count <= 8 && huge.minor.isEmpty)
    }

    @Test("A logarithmic axis cuts off values far below the largest")
    func logarithmicCut() {
        let ticks = PlotAxis(label: "y", scale: .logarithmic, maximumDecades: 3).ticks(for: [1e-12, 0, -4, 5, 2000], count: 5)
        #expect(ticks.lower >= 1 && ticks.upper == 2000)
        var plot = SVGPlot(title: "log", x: PlotAxis(label: "x (s)"), y: PlotAxis(label: "y (1/s)", scale: .logarithmic))
        plot.add(.line("rate", x: [0, 1, 2, 3], y: [10, 0, -1, 1e4], style: .line(0).marked(.circle)))
        let svg = plot.svg()
        // The two points a logarithmic axis cannot show are skipped: two
        // markers remain, and the legend's.
        #expect(svg.components(separatedBy: "<circle").count - 1 == 3)
    }

    @Test("Coordinates have two decimals; −0 and non-finite values never print as such", arguments: [
        (1.0 / 3, "0.33"), (-0.001, "0.00"), (-2.5, "-2.50"), (Double.nan, "0.00"), (-Double.infinity, "0.00"), (1234.5678, "1234.57"),
    ])
    func coordinates(value: Double, text: String) {
        #expect(SVGText.number(value) == text)
    }

    @Test("Labels use a typographic minus and no negative zero")
    func labels() {
        #expect(SVGText.label(-0.04, decimals: 1) == "0.0")
        #expect(SVGText.label(-3, decimals: 0) == "−3")
        #expect(SVGText.compact(-0.000125) == "−0.000125" && SVGText.compact(5.2734) == "5.273")
        #expect(SVGText.compact(.nan) == "NaN")
    }

    @Test("Text is escaped for XML")
    func escaping() throws {
        #expect(SVGText.escape("a<b & \"c\" 'd'>") == "a&lt;b &amp; &quot;c&quot; &apos;d&apos;&gt;")
        var plot = SVGPlot(title: "<&> \"quoted\"", x: PlotAxis(label: "x & y"), y: PlotAxis(label: "<y>"))
        plot.add(.line("a < b", x: [0, 1], y: [0, 1], style: .line(0)))
        let (svg, file) = try Self.render(plot)
        #expect(svg.contains("&lt;&amp;&gt; &quot;quoted&quot;") && svg.contains("a &lt; b"))
        #expect(SVGChecks.isWellFormed(Data(svg.utf8)))
        #expect(try SVGChecks.renderedSize(of: file) > 1000)
    }

    @Test("Degenerate series still give a well-formed, renderable plot", arguments: [
        ([5.0], [3.0]), ([0, 1, 2], [7, 7, 7]), ([0, 1], [0, 0]), ([], []), ([Double.nan], [Double.nan]),
    ])
    func degenerate(x: [Double], y: [Double]) throws {
        var plot = SVGPlot(title: "degenerate", x: PlotAxis(label: "x (ms)"), y: PlotAxis(label: "y (mV)"))
        plot.add(.line("series", x: x, y: y, style: .line(0).marked(.square)))
        let (svg, file) = try Self.render(plot)
        #expect(SVGChecks.isWellFormed(Data(svg.utf8)))
        #expect(!SVGChecks.holdsNonFiniteNumber(svg))
        #expect(try SVGChecks.renderedSize(of: file) > 1000)
        if x.isEmpty || x.allSatisfy(\.isNaN) { #expect(svg.contains(">no data<")) }
    }

    @Test("Non-finite values break a line and never reach the document")
    func nonFinite() throws {
        var plot = SVGPlot(title: "gaps", x: PlotAxis(label: "t (ms)"), y: PlotAxis(label: "V (mV)"))
        plot.add(.line("V", x: [0, 1, 2, 3, 4, 5], y: [1, 2, .nan, 4, .infinity, 6], style: .line(0)))
        plot.add(.band("band", x: [0, 1, 2], lower: [0, .nan, 1], upper: [1, 2, 3], style: .line(1)))
        plot.add(.vertical("none", x: .nan, style: .line(2)))
        let svg = plot.svg()
        #expect(!SVGChecks.holdsNonFiniteNumber(svg))
        // [1, 2] joined; 4 and 6 stand alone, so only one polyline.
        #expect(svg.components(separatedBy: "<polyline").count - 1 == 1)
        #expect(SVGChecks.isWellFormed(Data(svg.utf8)))
    }

    @Test("The legend sits in a free corner, or below the plot when none is free")
    func legend() {
        var corner = SVGPlot(title: "", x: PlotAxis(label: "x"), y: PlotAxis(label: "y"))
        // A line along the bottom leaves the top corners free.
        corner.add(.line("low", x: [0, 10], y: [0, 0.5], style: .line(0)))
        corner.add(.horizontal(nil, y: 10, style: .line(1)))
        let inside = corner.svg()
        #expect(inside.contains("fill-opacity=\"0.9\""))
        var crowded = SVGPlot(title: "", x: PlotAxis(label: "x"), y: PlotAxis(label: "y"))
        // An X through the plot and a frame of lines touch every corner.
        crowded.add(.line("rising", x: [0, 10], y: [0, 10], style: .line(0)))
        crowded.add(.line("falling", x: [0, 10], y: [10, 0], style: .line(1)))
        let below = crowded.svg()
        #expect(!below.contains("fill-opacity=\"0.9\""))
        #expect(below.contains(">rising<") && below.contains(">falling<"))
    }

    @Test("A long trace keeps at most four points per pixel column, its extremes among them")
    func thinning() {
        var run: [(x: Double, y: Double)] = []
        for k in 0..<100_000 {
            let phase = Double(k) / 37
            run.append((x: Double(k) / 200, y: 100 + 50 * sin(phase)))
        }
        let thinned = PlotSeries.thinned(run)
        #expect(thinned.count <= 4 * 501)
        #expect(thinned[0].x == run[0].x && thinned[thinned.count - 1].x == run[run.count - 1].x)
        let ys: [Double] = run.map { $0.y }, kept: [Double] = thinned.map { $0.y }
        #expect(kept.max() == ys.max() && kept.min() == ys.min())
    }

    @Test("The same plot gives the same bytes")
    func deterministic() {
        func make() -> String {
            var plot = SVGPlot(title: "same", x: PlotAxis(label: "x"), y: PlotAxis(label: "y", scale: .logarithmic))
            plot.add(.line("a", x: (0..<50).map { Double($0) / 7 }, y: (0..<50).map { exp(Double($0) / 9) }, style: .line(0)))
            plot.add(.bars("b", edges: [0, 1, 2], heights: [3, 4], style: .line(1)))
            return SVGFigure(title: "figure", panels: [plot, plot], columns: 2).svg
        }
        #expect(make() == make())
    }

    @Test("Histograms use nice bins and count every finite value")
    func histogram() {
        let values = (0..<100).map { Double($0) * 1.37 } + [.nan, .infinity]
        let bins = Histogram(values)
        #expect(bins.counts.reduce(0, +) == 100)
        #expect(bins.edges.count == bins.counts.count + 1)
        let width = bins.edges[1] - bins.edges[0]
        #expect(width == AxisTicks.niceStep(span: 99 * 1.37, count: 10))
        #expect(bins.edges.first! <= 0 && bins.edges.last! >= 99 * 1.37)
        // A constant is one bar among empty neighbours.
        let constant = Histogram([0, 0, 0])
        #expect(constant.counts == [0, 0, 3, 0, 0])
        #expect(Histogram([]).counts.isEmpty && Histogram([]).edges.isEmpty)
    }
}
