/// Settings of the adaptive integrator.
public struct SolverOptions: Sendable, Hashable {
    /// What the result keeps of the trajectory.
    public enum Trace: Sendable, Hashable {
        /// Every accepted step (the default).
        case steps
        /// Only the final state: memory stays flat for long or many runs.
        case none
        /// The solution at these times, interpolated on the dense output.
        /// Times outside the interval are ignored; they are taken in increasing order.
        case times([Double])
    }

    /// Relative tolerance (default 1e-3, as scipy's RK45).
    public var relativeTolerance: Double
    /// Absolute tolerance (default 1e-6, as scipy's RK45).
    public var absoluteTolerance: Double
    /// Largest step allowed, in the system's time unit (default unbounded).
    public var maximumStep: Double
    /// First step to try; `nil` chooses one as scipy does.
    public var initialStep: Double?
    /// What to keep of the trajectory.
    public var trace: Trace
    /// Detect upward crossings of this level by the `thresholdComponent`;
    /// `nil` detects nothing.
    public var spikeThreshold: Double?
    /// The state component watched for spikes (0: the membrane voltage).
    public var thresholdComponent: Int
    /// Several components watched for upward crossings of ``spikeThreshold``
    /// (a network's membrane voltages), each located on the dense output on
    /// its own; `nil` watches ``thresholdComponent`` alone. The crossings of
    /// each come back in ``SimulationResult/crossingTimes``, in this order.
    public var watchedComponents: [Int]?
    /// Keep the step-by-step interpolant so the solution can be evaluated at
    /// any time afterwards (memory grows with the number of steps).
    public var keepsDenseOutput: Bool
    /// Give up (status ``SolverStatus/stepLimitReached(time:)``) after this
    /// many step attempts.
    public var maximumStepAttempts: Int
    /// End the run early once it has settled, periodic or at rest
    /// (default `nil`: never; honoured by ``DormandPrince45``). Rests are
    /// checked against the last step's derivative; periods on the first
    /// watched component's crossings, so a periodic stop needs ``spikeThreshold``.
    public var settling: SettlingStop?

    public init(
        relativeTolerance: Double = 1e-3, absoluteTolerance: Double = 1e-6,
        maximumStep: Double = .infinity, initialStep: Double? = nil, trace: Trace = .steps,
        spikeThreshold: Double? = nil, thresholdComponent: Int = 0,
        keepsDenseOutput: Bool = false, maximumStepAttempts: Int = 10_000_000, watchedComponents: [Int]? = nil
    ) {
        self.relativeTolerance = relativeTolerance
        self.absoluteTolerance = absoluteTolerance
        self.maximumStep = maximumStep
        self.initialStep = initialStep
        self.trace = trace
        self.spikeThreshold = spikeThreshold
        self.thresholdComponent = thresholdComponent
        self.keepsDenseOutput = keepsDenseOutput
        self.maximumStepAttempts = maximumStepAttempts
        self.watchedComponents = watchedComponents
    }

    /// The components whose crossings are located: ``watchedComponents``, or
    /// ``thresholdComponent`` alone.
    public var crossingComponents: [Int] { watchedComponents ?? [thresholdComponent] }

    /// Checks the settings against a system of `dimension` variables.
    /// - Throws: ``NeuroDynError/invalidSolverOption(name:value:)`` naming the first bad one.
    public func validate(dimension: Int) throws(NeuroDynError) {
        guard relativeTolerance.isFinite && relativeTolerance > 0 else {
            throw .invalidSolverOption(name: "rtol", value: relativeTolerance)
        }
        guard absoluteTolerance.isFinite && absoluteTolerance > 0 else {
            throw .invalidSolverOption(name: "atol", value: absoluteTolerance)
        }
        guard maximumStep > 0 && !maximumStep.isNaN else {
            throw .invalidSolverOption(name: "max_step", value: maximumStep)
        }
        if let h = initialStep, !(h.isFinite && h > 0) {
            throw .invalidSolverOption(name: "first_step", value: h)
        }
        if let level = spikeThreshold, !level.isFinite {
            throw .invalidSolverOption(name: "threshold", value: level)
        }
        for component in crossingComponents where !(0..<dimension).contains(component) {
            throw .invalidSolverOption(name: "threshold_component", value: Double(component))
        }
        try settling?.validate(dimension: dimension)
        guard maximumStepAttempts > 0 else {
            throw .invalidSolverOption(name: "max_step_attempts", value: Double(maximumStepAttempts))
        }
        if case let .times(times) = trace, let bad = times.first(where: { !$0.isFinite }) {
            throw .invalidSolverOption(name: "output time", value: bad)
        }
    }
}
