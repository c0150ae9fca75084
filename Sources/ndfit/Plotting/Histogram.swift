import Foundation

/// Counts of values in equal bins whose width is a nice number (1, 2 or 5
/// times a power of ten) and whose edges are multiples of it. Values that
/// are not finite are left out.
struct Histogram: Sendable, Hashable {
    /// Bin edges, increasing; one more than ``counts``.
    let edges: [Double]
    /// Values per bin; bin i holds edges[i] ≤ v < edges[i + 1] (the last bin
    /// also holds its upper edge).
    let counts: [Int]

    /// Bins for `values`, about √n of them (between 5 and 40); no bins
    /// without a finite value.
    init(_ values: [Double]) {
        let usable = values.filter(\.isFinite)
        guard let low = usable.min(), let high = usable.max() else {
            edges = []
            counts = []
            return
        }
        let target = min(40, max(5, Int(Double(usable.count).squareRoot().rounded())))
        let width: Double, lowerEdge: Double, binCount: Int
        if high > low {
            width = AxisTicks.niceStep(span: high - low, count: target)
            lowerEdge = (low / width).rounded(.down) * width
            binCount = Int((high / width).rounded(.down) - (low / width).rounded(.down)) + 1
        } else {
            // A constant gets one bin centred on it, between two empty bins
            // on either side (so its bar does not fill the plot).
            width = AxisTicks.niceStep(span: max(abs(low), 1) * 0.2, count: 1)
            lowerEdge = low - 2.5 * width
            binCount = 5
        }
        edges = (0...binCount).map { lowerEdge + Double($0) * width }
        var counts = [Int](repeating: 0, count: binCount)
        for value in usable {
            counts[min(binCount - 1, max(0, Int(((value - lowerEdge) / width).rounded(.down))))] += 1
        }
        self.counts = counts
    }
}
