extension NeuroDynNeuron {
    /// The resting-like initial state of the published examples: V = 0.7 V, gates closed.
    public static let publishedInitialState: [Double] = [0.7, 0, 0, 0]

    /// Simulates this neuron under a constant applied current with the
    /// adaptive Dormand–Prince integrator.
    ///
    /// - Parameters:
    ///   - appliedCurrent: I_app in amperes.
    ///   - duration: simulated time in seconds, > 0.
    ///   - initialState: `[V, m, h, n]` (V in volts).
    ///   - options: tolerances, trace and spike detection.
    /// - Throws: ``NeuroDynError`` for invalid input (non-finite current,
    ///   duration ≤ 0, bad state or options).
    public func simulate(
        appliedCurrent: Double, duration: Double,
        initialState: [Double] = NeuroDynNeuron.publishedInitialState,
        options: SolverOptions = SolverOptions(), progress: ((Double) -> Void)? = nil
    ) throws(NeuroDynError) -> SimulationResult {
        try RunArguments.validate(appliedCurrent: appliedCurrent, duration: duration)
        return try DormandPrince45.integrate(
            dynamics(appliedCurrent: appliedCurrent), initialState: initialState,
            from: 0, to: duration, options: options, progress: progress)
    }
}
