import NeuroDynChip

/// A neuron driven and observed in target units (volts with rest at 0,
/// seconds of the unscaled target, A/cm²): the target model itself, or a chip
/// through the mapping of its register file. The behaviour measures run both
/// through this one type, so chip and target see the same stimulus and are
/// read the same way.
public enum MeasuredNeuron: Sendable {
    /// A Hodgkin–Huxley model in SI units, scaled or not: its own scaling
    /// (``HodgkinHuxleyModel/voltageScale``, ``HodgkinHuxleyModel/timeScale``)
    /// is undone on input and output.
    case target(HodgkinHuxleyModel)
    /// A chip, with the mapping of its register file.
    case chip(NeuroDynNeuron, RegisterFile.Mapping)

    /// One run, in target units.
    public struct Run: Sendable {
        /// Upward threshold crossings (s).
        public var spikeTimes: [Double]
        /// The sample times asked for (s) and the voltage at each (V).
        public var times: [Double]
        public var voltages: [Double]
        /// The state at the end: `[V, m, h, n]`, V in volts.
        public var finalState: [Double]
        /// Whether the solver reached the end (a run that fails counts as silent).
        public var completed: Bool
    }

    /// Runs the neuron under `stimulus` (A/cm² over target seconds) for
    /// `duration` target seconds from `initialState` (target units), detecting
    /// upward crossings of `threshold` (V), sampling V at `sampleTimes`, with
    /// the adaptive solver at the given tolerances.
    ///
    /// - Throws: ``NeuroDynError`` for invalid input.
    public func run(
        stimulus: Stimulus, duration: Double, initialState: [Double], threshold: Double, sampleTimes: [Double] = [],
        relativeTolerance: Double = 1e-6, absoluteTolerance: Double = 1e-8
    ) throws(NeuroDynError) -> Run {
        func options(threshold: Double, samples: [Double]) -> SolverOptions {
            SolverOptions(
                relativeTolerance: relativeTolerance, absoluteTolerance: absoluteTolerance,
                trace: samples.isEmpty ? .none : .times(samples), spikeThreshold: threshold)
        }
        let mapping: RegisterFile.Mapping
        switch self {
        case let .target(model): mapping = model.targetMapping.relativeToOrigin
        case let .chip(_, chipMapping): mapping = chipMapping.relativeToOrigin
        }
        let stimulus = try mapping.chipStimulus(stimulus), duration = mapping.chipTime(duration)
        let state = mapping.chipState(initialState)
        let solver = options(threshold: mapping.chipVoltage(threshold), samples: sampleTimes.map(mapping.chipTime))
        let result: SimulationResult
        switch self {
        case let .target(model):
            result = try model.simulate(stimulus: stimulus, duration: duration, initialState: state, options: solver)
        case let .chip(chip, _):
            result = try chip.simulate(stimulus: stimulus, duration: duration, initialState: state, options: solver)
        }
        let run = mapping.targetResult(result)
        return Run(
            spikeTimes: run.spikeTimes, times: run.trace.times, voltages: run.trace.component(0),
            finalState: run.finalState, completed: run.status.isCompleted)
    }
}
