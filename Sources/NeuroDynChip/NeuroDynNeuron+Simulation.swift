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
        return try simulate(
            stimulus: .constant(appliedCurrent), duration: duration, initialState: initialState, options: options,
            progress: progress)
    }

    /// Simulates this neuron under a time-varying applied current (amperes
    /// over seconds of chip time); the solver lands on every edge of its
    /// pulses and every sample of its waveforms.
    ///
    /// - Throws: ``NeuroDynError`` for invalid input (a stimulus that fails
    ///   ``Stimulus/validate()``, duration ≤ 0, bad state or options).
    public func simulate(
        stimulus: Stimulus, duration: Double,
        initialState: [Double] = NeuroDynNeuron.publishedInitialState,
        options: SolverOptions = SolverOptions(), progress: ((Double) -> Void)? = nil
    ) throws(NeuroDynError) -> SimulationResult {
        try RunArguments.validate(stimulus: stimulus, duration: duration)
        return try DormandPrince45.integrate(
            dynamics(stimulus: stimulus), initialState: initialState,
            from: 0, to: duration, options: options, progress: progress)
    }
}
