/// Settings of the fixed-step integrators.
public struct FixedStepOptions: Sendable, Hashable {
    /// The largest step, in the system's time unit. The interval is cut at the
    /// system's breakpoints, and each piece into ⌈length / step⌉ equal steps,
    /// so that steps end on every breakpoint and on the end time.
    public var step: Double
    /// Keep every step (`true`) or only the final state.
    public var recordsTrace: Bool
    /// Detect upward crossings of this level; located by linear interpolation
    /// between steps (fixed-step methods have no dense output).
    public var spikeThreshold: Double?
    /// The state component watched for spikes.
    public var thresholdComponent: Int

    public init(
        step: Double, recordsTrace: Bool = true, spikeThreshold: Double? = nil,
        thresholdComponent: Int = 0
    ) {
        self.step = step
        self.recordsTrace = recordsTrace
        self.spikeThreshold = spikeThreshold
        self.thresholdComponent = thresholdComponent
    }
}

/// Shared driver of the fixed-step methods: validation, stepping, trace and spikes.
enum FixedStepDriver {
    /// Steps `advance` over [start, end]. `latest` is the latest time a stage
    /// may be evaluated at: the predecessor of the breakpoint a step ends on
    /// (so the step sees the piece that ends there), else +∞.
    static func run(
        dimension n: Int, initialState: [Double], from start: Double, to end: Double,
        breakpoints: [Double], options: FixedStepOptions, evaluationsPerStep: Int,
        advance: (_ t: Double, _ h: Double, _ latest: Double, _ y: UnsafeMutableBufferPointer<Double>) -> Void
    ) throws(NeuroDynError) -> SimulationResult {
        try DormandPrince45.validate(initialState: initialState, dimension: n)
        guard options.step.isFinite && options.step > 0 else {
            throw .invalidSolverOption(name: "step", value: options.step)
        }
        guard start.isFinite else { throw .invalidSolverOption(name: "start time", value: start) }
        guard end.isFinite && end > start else { throw .invalidSolverOption(name: "end time", value: end) }
        guard (0..<n).contains(options.thresholdComponent) else {
            throw .invalidSolverOption(name: "threshold_component", value: Double(options.thresholdComponent))
        }
        if let level = options.spikeThreshold, !level.isFinite {
            throw .invalidSolverOption(name: "threshold", value: level)
        }
        let stops = breakpoints.filter { $0 > start && $0 < end } + [end]
        var y = initialState
        var trace = Trace(dimension: n)
        if options.recordsTrace { trace.append(time: start, state: y) }
        var spikes: [Double] = []
        var status = SolverStatus.completed
        var t = start
        let watched = options.thresholdComponent
        var completedSteps = 0
        pieces: for stop in stops {
            let pieceStart = t
            let steps = max(1, Int(((stop - pieceStart) / options.step).rounded(.up)))
            let h = (stop - pieceStart) / Double(steps)
            let latest = stop < end ? stop.nextDown : Double.infinity
            for k in 0..<steps {
                let before = y[watched]
                y.withUnsafeMutableBufferPointer { advance(t, h, k == steps - 1 ? latest : .infinity, $0) }
                let tNew = k == steps - 1 ? stop : pieceStart + Double(k + 1) * h
                guard y.allSatisfy(\.isFinite) else {
                    status = .nonFiniteState(time: tNew)
                    break pieces
                }
                if let level = options.spikeThreshold, before < level, y[watched] >= level {
                    spikes.append(t + h * (level - before) / (y[watched] - before))
                }
                t = tNew
                completedSteps += 1
                if options.recordsTrace { trace.append(time: t, state: y) }
            }
        }
        return SimulationResult(
            status: status, finalTime: t, finalState: y, trace: trace, spikeTimes: spikes,
            statistics: SolverStatistics(
                evaluations: completedSteps * evaluationsPerStep, acceptedSteps: completedSteps),
            denseOutput: nil)
    }
}
