/// The continuous solution of an adaptive integration: one fourth-order
/// interpolant per accepted step.
public struct DenseOutput: Sendable {
    /// The number of state variables.
    public let dimension: Int
    /// Step start times, increasing; the last step ends at ``endTime``.
    public private(set) var stepStarts: [Double] = []
    /// The end of the last step.
    public private(set) var endTime: Double
    private var stepSizes: [Double] = []
    // Per step: y_n (dimension values), then 4 polynomial coefficients per component.
    private var coefficients: [Double] = []

    init(dimension: Int, start: Double) {
        self.dimension = dimension
        self.endTime = start
    }

    mutating func appendStep(
        start: Double, size: Double, initial: UnsafeBufferPointer<Double>,
        polynomial: UnsafeBufferPointer<Double>
    ) {
        stepStarts.append(start)
        stepSizes.append(size)
        coefficients.append(contentsOf: initial)
        coefficients.append(contentsOf: polynomial)
        endTime = start + size
    }

    /// The number of steps held.
    public var stepCount: Int { stepStarts.count }

    /// The solution at `time`, or `nil` outside [first step start, ``endTime``].
    public func state(at time: Double) -> [Double]? {
        guard let step = step(containing: time) else { return nil }
        return (0..<dimension).map { value(component: $0, step: step, at: time) }
    }

    /// Component `component` of the solution at `time`, or `nil` outside
    /// [first step start, ``endTime``]. At a step boundary the step that
    /// starts there is used (where the solution is its stored value).
    public func value(component: Int, at time: Double) -> Double? {
        guard let step = step(containing: time) else { return nil }
        return value(component: component, step: step, at: time)
    }

    /// The last step whose start is ≤ `time`, or nil outside the solution.
    func step(containing time: Double) -> Int? {
        guard let first = stepStarts.first, time >= first, time <= endTime else { return nil }
        var low = 0, high = stepStarts.count - 1
        while low < high {
            let mid = (low + high + 1) / 2
            if stepStarts[mid] <= time { low = mid } else { high = mid - 1 }
        }
        return low
    }

    func value(component i: Int, step: Int, at time: Double) -> Double {
        let theta = (time - stepStarts[step]) / stepSizes[step]
        let base = step * dimension * 5
        let q = base + dimension + 4 * i
        let poly = theta * (coefficients[q] + theta * (coefficients[q + 1]
            + theta * (coefficients[q + 2] + theta * coefficients[q + 3])))
        return coefficients[base + i] + stepSizes[step] * poly
    }
}
