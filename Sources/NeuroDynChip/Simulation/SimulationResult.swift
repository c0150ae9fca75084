/// Counts of the work an integration did.
public struct SolverStatistics: Sendable, Hashable, Codable {
    /// Right-hand-side evaluations.
    public var evaluations: Int = 0
    /// Accepted steps.
    public var acceptedSteps: Int = 0
    /// Rejected step attempts.
    public var rejectedSteps: Int = 0

    public init(evaluations: Int = 0, acceptedSteps: Int = 0, rejectedSteps: Int = 0) {
        self.evaluations = evaluations
        self.acceptedSteps = acceptedSteps
        self.rejectedSteps = rejectedSteps
    }
}

/// How an integration ended. Failures are values, never crashes.
public enum SolverStatus: Sendable, Hashable {
    /// The end of the interval was reached.
    case completed
    /// The step size fell below the spacing of doubles near `time`.
    case stepSizeTooSmall(time: Double)
    /// The state stopped being finite near `time`.
    case nonFiniteState(time: Double)
    /// The allowed number of step attempts was used up at `time`.
    case stepLimitReached(time: Double)
    /// The run settled onto a periodic orbit at `time` (``SolverOptions/settling``):
    /// crossings recur every `period`; the rest of the interval was not integrated.
    case settledPeriodic(time: Double, period: Double)
    /// The run settled at rest at `time` (``SolverOptions/settling``); the
    /// rest of the interval was not integrated.
    case settledAtRest(time: Double)

    /// Whether the integration reached the end of its interval.
    public var isCompleted: Bool { self == .completed }

    /// Whether the run ended well: it reached the end of its interval or
    /// stopped there early because it had settled.
    public var isSuccessful: Bool {
        switch self {
        case .completed, .settledPeriodic, .settledAtRest: true
        case .stepSizeTooSmall, .nonFiniteState, .stepLimitReached: false
        }
    }

    /// The same status with its time converted by `time`.
    func mapped(_ time: (Double) -> Double) -> SolverStatus {
        switch self {
        case .completed: .completed
        case let .stepSizeTooSmall(t): .stepSizeTooSmall(time: time(t))
        case let .nonFiniteState(t): .nonFiniteState(time: time(t))
        case let .stepLimitReached(t): .stepLimitReached(time: time(t))
        case let .settledPeriodic(t, period): .settledPeriodic(time: time(t), period: time(t + period) - time(t))
        case let .settledAtRest(t): .settledAtRest(time: time(t))
        }
    }
}

/// A sampled trajectory: times and the states at those times.
public struct Trace: Sendable, Hashable {
    /// The number of state variables.
    public let dimension: Int
    /// Sample times, increasing.
    public private(set) var times: [Double] = []
    /// States, sample after sample, `dimension` values each.
    public private(set) var values: [Double] = []

    public init(dimension: Int) { self.dimension = dimension }

    /// The number of samples.
    public var count: Int { times.count }

    /// Component `component` at every sample.
    public func component(_ component: Int) -> [Double] {
        stride(from: component, to: values.count, by: dimension).map { values[$0] }
    }

    /// The state of sample `index`.
    public func state(at index: Int) -> [Double] {
        Array(values[index * dimension..<(index + 1) * dimension])
    }

    mutating func append(time: Double, state: UnsafeBufferPointer<Double>) {
        times.append(time)
        values.append(contentsOf: state)
    }

    mutating func append(time: Double, state: [Double]) {
        times.append(time)
        values.append(contentsOf: state)
    }
}

/// The outcome of one integration.
public struct SimulationResult: Sendable {
    /// How it ended.
    public var status: SolverStatus
    /// The time reached (the end of the interval when completed).
    public var finalTime: Double
    /// The state at ``finalTime``.
    public var finalState: [Double]
    /// What was kept of the trajectory (see ``SolverOptions/Trace``).
    public var trace: Trace
    /// Times of the upward threshold crossings of the first watched
    /// component (``SolverOptions/crossingComponents``), increasing.
    public var spikeTimes: [Double] {
        get { crossingTimes.first ?? [] }
        set {
            if crossingTimes.isEmpty { crossingTimes = [newValue] } else { crossingTimes[0] = newValue }
        }
    }
    /// Per watched component (``SolverOptions/crossingComponents``, in that
    /// order), the times of its upward threshold crossings, increasing.
    public var crossingTimes: [[Double]]
    /// Work done.
    public var statistics: SolverStatistics
    /// The continuous solution, when ``SolverOptions/keepsDenseOutput`` was set.
    public var denseOutput: DenseOutput?

    public init(
        status: SolverStatus, finalTime: Double, finalState: [Double], trace: Trace, spikeTimes: [Double],
        statistics: SolverStatistics, denseOutput: DenseOutput?
    ) {
        self.init(
            status: status, finalTime: finalTime, finalState: finalState, trace: trace, crossingTimes: [spikeTimes],
            statistics: statistics, denseOutput: denseOutput)
    }

    public init(
        status: SolverStatus, finalTime: Double, finalState: [Double], trace: Trace, crossingTimes: [[Double]],
        statistics: SolverStatistics, denseOutput: DenseOutput?
    ) {
        self.status = status
        self.finalTime = finalTime
        self.finalState = finalState
        self.trace = trace
        self.crossingTimes = crossingTimes
        self.statistics = statistics
        self.denseOutput = denseOutput
    }
}
