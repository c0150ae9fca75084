/// Fixed-step explicit Runge–Kutta integration with any tableau (the
/// classical RK4 by default). For comparison with the adaptive solver and for
/// convergence studies; production runs use ``DormandPrince45``.
public enum ExplicitRungeKutta {
    /// Integrates `system` from `start` to `end` in steps of at most
    /// `options.step` that end on every breakpoint of the system.
    ///
    /// - Throws: ``NeuroDynError`` for invalid input; a state that stops being
    ///   finite ends the run with ``SolverStatus/nonFiniteState(time:)``.
    public static func integrate<System: ODESystem>(
        _ system: System, tableau: ButcherTableau = .classicalRungeKutta,
        initialState: [Double], from start: Double, to end: Double, options: FixedStepOptions
    ) throws(NeuroDynError) -> SimulationResult {
        let n = system.dimension
        let stageCount = tableau.stageCount
        let stages = UnsafeMutableBufferPointer<Double>.allocate(capacity: stageCount * n)
        let work = UnsafeMutableBufferPointer<Double>.allocate(capacity: n)
        defer { stages.deallocate(); work.deallocate() }
        return try FixedStepDriver.run(
            dimension: n, initialState: initialState, from: start, to: end, breakpoints: system.breakpoints,
            options: options, evaluationsPerStep: stageCount
        ) { t, h, latest, y in
            for s in 0..<stageCount {
                for i in 0..<n {
                    var sum = 0.0
                    for j in 0..<s { sum += tableau.coefficients[s][j] * stages[j * n + i] }
                    work[i] = y[i] + h * sum
                }
                system.evaluate(
                    at: min(t + tableau.nodes[s] * h, latest), state: UnsafeBufferPointer(work),
                    derivative: UnsafeMutableBufferPointer(rebasing: stages[s * n..<(s + 1) * n]))
            }
            for i in 0..<n {
                var sum = 0.0
                for j in 0..<stageCount { sum += tableau.weights[j] * stages[j * n + i] }
                y[i] += h * sum
            }
        }
    }
}
