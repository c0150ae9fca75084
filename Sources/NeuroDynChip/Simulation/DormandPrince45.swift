/// The adaptive Dormand–Prince 5(4) integrator, with error control as scipy's
/// RK45, dense output, threshold-crossing detection and breakpoints.
///
/// Step control (``StepController``): error norm = RMS over components of
/// err_i / (atol + rtol · max(|y_i|, |y_new,i|)); a step is accepted when the
/// norm is below 1; the next step is h · min(10, 0.9 · norm^(−1/5)) after an
/// accepted step (no growth right after a rejection) and h · max(0.2,
/// 0.9 · norm^(−1/5)) after a rejected one. The first step is chosen by the
/// algorithm of Hairer, Nørsett & Wanner (sec. II.4), as scipy does.
///
/// Breakpoints (``ODESystem/breakpoints``): a step never crosses one. The step
/// that reaches it ends on it, its last stages see the piece that ends there
/// (they are evaluated at the breakpoint's predecessor double), and the next
/// step starts with a fresh evaluation of the piece that begins there (no
/// first-same-as-last reuse across it). A step shortened only to land on a
/// breakpoint does not shrink the step that follows.
///
/// Threshold crossings: when the watched component goes from below the level
/// at a step start to at-or-above it at the step end, the crossing time is
/// found on the step's interpolant by Brent's method, to ~1e-14 of the step.
public enum DormandPrince45 {
    /// Integrates `system` from `start` to `end` starting at `initialState`.
    ///
    /// - Throws: ``NeuroDynError`` for invalid input only (a wrong-sized or
    ///   non-finite initial state, a non-finite or empty interval, bad options);
    ///   failures during integration are reported in ``SimulationResult/status``
    ///   with everything computed up to that point.
    ///
    /// `progress`, if given, is called with the fraction of the interval done
    /// (0…1) every 1000 accepted steps and once at the end.
    public static func integrate<System: ODESystem>(
        _ system: System, initialState: [Double], from start: Double, to end: Double,
        options: SolverOptions = SolverOptions(), progress: ((Double) -> Void)? = nil
    ) throws(NeuroDynError) -> SimulationResult {
        let n = system.dimension
        try options.validate(dimension: n)
        try validate(initialState: initialState, dimension: n)
        guard start.isFinite else { throw .invalidSolverOption(name: "start time", value: start) }
        guard end.isFinite && end > start else { throw .invalidSolverOption(name: "end time", value: end) }
        var run = AdaptiveRun(system: system, options: options, dimension: n)
        defer { run.deallocate() }
        return run.integrate(initialState: initialState, from: start, to: end, progress: progress)
    }

    static func validate(initialState: [Double], dimension: Int) throws(NeuroDynError) {
        guard initialState.count == dimension else {
            throw .invalidInitialState("has \(initialState.count) values; expected \(dimension)")
        }
        if let index = initialState.firstIndex(where: { !$0.isFinite }) {
            throw .invalidInitialState("entry \(index) is \(initialState[index])")
        }
    }
}

/// The step-size rule of scipy's RK45, as data.
enum StepController {
    /// Safety factor on the optimal step.
    static let safety = 0.9
    /// Smallest factor after a rejection.
    static let minimumFactor = 0.2
    /// Largest growth after an acceptance.
    static let maximumFactor = 10.0
    /// −1 / (error estimator order + 1).
    static let exponent = -1.0 / 5

    /// The factor on h after an accepted step with error norm `norm` (< 1).
    static func growth(norm: Double, afterRejection: Bool) -> Double {
        let factor = norm == 0 ? maximumFactor : min(maximumFactor, safety * Double.pow(norm, exponent))
        return afterRejection ? min(1, factor) : factor
    }

    /// The factor on h after a rejected step with error norm `norm` (≥ 1 or NaN).
    static func shrink(norm: Double) -> Double {
        norm.isNaN ? minimumFactor : max(minimumFactor, safety * Double.pow(norm, exponent))
    }
}

/// The working state of one adaptive integration; all buffers allocated once.
private struct AdaptiveRun<System: ODESystem> {
    let system: System
    let options: SolverOptions
    let n: Int
    /// The tableau's a_sj row after row (7 × 7), flat so a stage reads no nested array.
    let a: [Double] = ButcherTableau.dormandPrince.coefficients.flatMap { $0 + Array(repeating: 0, count: 7 - $0.count) }
    let c: [Double] = ButcherTableau.dormandPrince.nodes
    let errorWeights: [Double]
    let watchedComponents: [Int]
    /// The interpolant's P[j][k] (7 × 4), flat.
    let interpolant: [Double] = DormandPrinceInterpolant.coefficients.flatMap { $0 }
    // Buffers: 7 stages, y, yNew, yStage, polynomial (4 per component).
    let stages: UnsafeMutableBufferPointer<Double>
    let y: UnsafeMutableBufferPointer<Double>
    let yNew: UnsafeMutableBufferPointer<Double>
    let yStage: UnsafeMutableBufferPointer<Double>
    let polynomial: UnsafeMutableBufferPointer<Double>
    var statistics = SolverStatistics()

    init(system: System, options: SolverOptions, dimension: Int) {
        self.system = system
        self.options = options
        self.n = dimension
        let tableau = ButcherTableau.dormandPrince
        errorWeights = zip(tableau.weights, tableau.embeddedWeights!).map { $0 - $1 }
        watchedComponents = options.crossingComponents
        stages = .allocate(capacity: 7 * dimension)
        y = .allocate(capacity: dimension)
        yNew = .allocate(capacity: dimension)
        yStage = .allocate(capacity: dimension)
        polynomial = .allocate(capacity: 4 * dimension)
        stages.initialize(repeating: 0)
        polynomial.initialize(repeating: 0)
    }

    func deallocate() {
        stages.deallocate(); y.deallocate(); yNew.deallocate()
        yStage.deallocate(); polynomial.deallocate()
    }

    func stage(_ s: Int) -> UnsafeMutableBufferPointer<Double> {
        UnsafeMutableBufferPointer(rebasing: stages[s * n..<(s + 1) * n])
    }

    mutating func evaluate(_ t: Double, _ state: UnsafeMutableBufferPointer<Double>, into s: Int) {
        system.evaluate(at: t, state: UnsafeBufferPointer(state), derivative: stage(s))
        statistics.evaluations += 1
    }

    func rms(_ value: (Int) -> Double) -> Double {
        var sum = 0.0
        for i in 0..<n { let v = value(i); sum += v * v }
        return (sum / Double(n)).squareRoot()
    }

    /// Hairer–Nørsett–Wanner starting step, as scipy's `select_initial_step` (order 4 estimator).
    mutating func initialStep(t0: Double, interval: Double) -> Double {
        let rtol = options.relativeTolerance, atol = options.absoluteTolerance
        let f0 = stage(0)
        let d0 = rms { y[$0] / (atol + abs(y[$0]) * rtol) }
        let d1 = rms { f0[$0] / (atol + abs(y[$0]) * rtol) }
        var h0 = (d0 < 1e-5 || d1 < 1e-5) ? 1e-6 : 0.01 * d0 / d1
        h0 = min(h0, interval)
        for i in 0..<n { yStage[i] = y[i] + h0 * f0[i] }
        evaluate(t0 + h0, yStage, into: 1)
        let f1 = stage(1)
        let d2 = rms { (f1[$0] - f0[$0]) / (atol + abs(y[$0]) * rtol) } / h0
        let h1 = (d1 <= 1e-15 && d2 <= 1e-15)
            ? max(1e-6, h0 * 1e-3) : Double.pow(0.01 / max(d1, d2), 1.0 / 5)
        return min(100 * h0, h1, interval, options.maximumStep)
    }

    /// One Dormand–Prince step of size h from (t, y): fills yNew and stages
    /// 1…6. No stage is evaluated later than `latest` (the predecessor of a
    /// breakpoint the step ends on, so the last stages see the ending piece).
    mutating func step(t: Double, h: Double, latest: Double) {
        for s in 1..<7 {
            let target = s == 6 ? yNew : yStage
            for i in 0..<n {
                var sum = 0.0
                for j in 0..<s { sum += a[7 * s + j] * stages[j * n + i] }
                target[i] = y[i] + h * sum
            }
            evaluate(min(s == 6 ? t + h : t + c[s] * h, latest), target, into: s)
        }
    }

    func errorNorm(h: Double) -> Double {
        let rtol = options.relativeTolerance, atol = options.absoluteTolerance
        return rms { i in
            var e = 0.0
            for j in 0..<7 { e += errorWeights[j] * stages[j * n + i] }
            return h * e / (atol + rtol * max(abs(y[i]), abs(yNew[i])))
        }
    }

    /// Coefficients of the step interpolant: q[i][k] = Σ_j K_j[i] P[j][k].
    func fillPolynomial() {
        for i in 0..<n { fillPolynomial(component: i) }
    }

    /// The interpolant's coefficients of component `i` alone.
    func fillPolynomial(component i: Int) {
        for k in 0..<4 {
            var sum = 0.0
            for j in 0..<7 { sum += stages[j * n + i] * interpolant[4 * j + k] }
            polynomial[4 * i + k] = sum
        }
    }

    func interpolate(component i: Int, theta: Double, h: Double) -> Double {
        let q = 4 * i
        let poly = theta * (polynomial[q] + theta * (polynomial[q + 1]
            + theta * (polynomial[q + 2] + theta * polynomial[q + 3])))
        return y[i] + h * poly
    }

    /// What the run keeps: trace samples, spike times and the dense output.
    struct Recorder {
        var trace: Trace
        var crossings: [[Double]] = []
        var dense: DenseOutput?
        var outputTimes: [Double] = []
        var nextOutput = 0

        /// Whether the accepted step's whole interpolant is needed (the
        /// crossings of a spike threshold need only the crossing component's).
        var needsPolynomial: Bool { dense != nil || nextOutput < outputTimes.count }
    }

    mutating func makeRecorder(start: Double, end: Double) -> Recorder {
        var recorder = Recorder(
            trace: Trace(dimension: n), crossings: options.crossingComponents.map { _ in [] },
            dense: options.keepsDenseOutput ? DenseOutput(dimension: n, start: start) : nil)
        switch options.trace {
        case .steps: recorder.trace.append(time: start, state: UnsafeBufferPointer(y))
        case .none: break
        case let .times(times):
            recorder.outputTimes = times.filter { $0 >= start && $0 <= end }.sorted()
            while recorder.nextOutput < recorder.outputTimes.count && recorder.outputTimes[recorder.nextOutput] == start {
                recorder.trace.append(time: start, state: UnsafeBufferPointer(y))
                recorder.nextOutput += 1
            }
        }
        return recorder
    }

    /// Records an accepted step from t to t + h (y and yNew still hold its ends).
    mutating func record(_ recorder: inout Recorder, t: Double, h: Double, tNew: Double) {
        let level = options.spikeThreshold
        let whole = recorder.needsPolynomial
        if whole { fillPolynomial() }
        if let level {
            for (k, watched) in watchedComponents.enumerated() where y[watched] < level && yNew[watched] >= level {
                if !whole { fillPolynomial(component: watched) }
                let root = BracketedRoot.brent(
                    0, 1, fa: y[watched] - level, fb: yNew[watched] - level, tolerance: 1e-14
                ) { theta in interpolate(component: watched, theta: theta, h: h) - level }
                recorder.crossings[k].append(root == 1 ? tNew : t + root * h)
            }
        }
        while recorder.nextOutput < recorder.outputTimes.count && recorder.outputTimes[recorder.nextOutput] <= tNew {
            let time = recorder.outputTimes[recorder.nextOutput]
            if time == tNew {
                recorder.trace.append(time: time, state: UnsafeBufferPointer(yNew))
            } else {
                let theta = (time - t) / h
                recorder.trace.append(time: time, state: (0..<n).map { interpolate(component: $0, theta: theta, h: h) })
            }
            recorder.nextOutput += 1
        }
        recorder.dense?.appendStep(
            start: t, size: h, initial: UnsafeBufferPointer(y), polynomial: UnsafeBufferPointer(polynomial))
        if case .steps = options.trace { recorder.trace.append(time: tNew, state: UnsafeBufferPointer(yNew)) }
    }

    /// The status of a run that has settled at `t` (``SettlingStop``), or nil.
    /// Stage 0 holds f(t, y) (the next step's first stage).
    func settled(_ settling: SettlingStop, recorder: Recorder, t: Double, end: Double) -> SolverStatus? {
        if let first = recorder.crossings.first, let period = settling.period(of: first) {
            return .settledPeriodic(time: t, period: period)
        }
        guard let drift = settling.restDrift else { return nil }
        let left = end - t
        for i in 0..<n where !(abs(stages[i]) * left <= drift[i]) { return nil }
        return .settledAtRest(time: t)
    }

    mutating func integrate(
        initialState: [Double], from start: Double, to end: Double, progress: ((Double) -> Void)?
    ) -> SimulationResult {
        for i in 0..<n { y[i] = initialState[i] }
        var recorder = makeRecorder(start: start, end: end)
        let breakpoints = system.breakpoints.filter { $0 > start && $0 < end }
        var nextBreakpoint = 0

        var t = start
        evaluate(t, y, into: 0)
        var hAbs = options.initialStep.map { min($0, options.maximumStep) }
            ?? initialStep(t0: start, interval: end - start)
        var status = SolverStatus.completed
        var attempts = 0

        stepping: while t < end {
            if !(0..<n).allSatisfy({ stages[$0].isFinite }) {
                status = .nonFiniteState(time: t)
                break
            }
            let minimumStep = 10 * (t.nextUp - t)
            // Breakpoints too close to resolve are passed as if reached.
            while nextBreakpoint < breakpoints.count && breakpoints[nextBreakpoint] - t <= minimumStep {
                nextBreakpoint += 1
            }
            let stop = nextBreakpoint < breakpoints.count ? breakpoints[nextBreakpoint] : end
            let stopIsBreakpoint = stop < end
            hAbs = max(min(hAbs, options.maximumStep), minimumStep)
            var rejected = false
            var h = 0.0, tNew = 0.0, wanted = 0.0
            while true {
                if hAbs < minimumStep {
                    status = .stepSizeTooSmall(time: t)
                    break stepping
                }
                if attempts >= options.maximumStepAttempts {
                    status = .stepLimitReached(time: t)
                    break stepping
                }
                attempts += 1
                wanted = hAbs
                // Land on the stop rather than leave a sliver before it.
                tNew = t + hAbs >= stop - minimumStep ? stop : t + hAbs
                h = tNew - t
                hAbs = h
                step(t: t, h: h, latest: stopIsBreakpoint && tNew == stop ? stop.nextDown : .infinity)
                let norm = errorNorm(h: h)
                if norm < 1 {
                    hAbs *= StepController.growth(norm: norm, afterRejection: rejected)
                    break
                }
                hAbs *= StepController.shrink(norm: norm)
                rejected = true
                statistics.rejectedSteps += 1
            }
            statistics.acceptedSteps += 1
            record(&recorder, t: t, h: h, tNew: tNew)
            // Accept: y ← y_new, and the last stage is the next step's first (FSAL)
            // unless the step ended on a breakpoint, where f changes.
            for i in 0..<n { y[i] = yNew[i] }
            t = tNew
            if stopIsBreakpoint && tNew == stop {
                nextBreakpoint += 1
                evaluate(t, y, into: 0)
                // A step shortened to land here says nothing about accuracy.
                if !rejected { hAbs = max(hAbs, wanted) }
            } else {
                for i in 0..<n { stages[i] = stages[6 * n + i] }
            }
            if let progress, statistics.acceptedSteps % 1000 == 0 { progress((t - start) / (end - start)) }
            if let settling = options.settling, t < end, let settled = settled(settling, recorder: recorder, t: t, end: end) {
                status = settled
                break
            }
        }
        progress?((t - start) / (end - start))
        return SimulationResult(
            status: status, finalTime: t, finalState: Array(y), trace: recorder.trace, crossingTimes: recorder.crossings,
            statistics: statistics, denseOutput: recorder.dense)
    }
}
