import NeuroDynChip

/// How firing is measured: the currents, the run length, the initial states,
/// the spike thresholds and the solver tolerances of the fidelity measure.
///
/// Runs last `targetDuration` of target time (600 ms by default: about 40
/// periods of HH's slowest repetitive firing, ~67 Hz), i.e. 600 ms / scl_t on
/// the chip. The steady rate is measured on the second half: (n − 1) over the
/// span of its n spikes, 0 with fewer than `minimumSpikes`.
public struct FiringProtocol: Sendable, Hashable {
    /// Target currents in µA/cm² (unscaled HH units).
    public var currents: [Double]
    /// Run length in target time, in seconds of the unscaled HH model.
    public var targetDuration: Double
    /// Target initial state (V in volts of the unscaled target; gates): V = 0,
    /// m = 0.05, h = 0.6, n = 0.32.
    public var restState: [Double]
    /// Spike threshold on the unscaled target, in volts (0.05 V → 0.05·scl_v scaled).
    public var threshold: Double
    /// Fewer spikes than this in the second half counts as silent.
    public var minimumSpikes: Int
    /// Solver tolerances for both models (atol on the chip, scaled for V).
    public var relativeTolerance: Double
    public var absoluteTolerance: Double
    /// End a run early once it has settled (default `false`): firing with
    /// three successive intervals within 0.5% of each other, whose train
    /// then counts as continued at their mean period to the end; or at rest,
    /// no variable drifting more than 1 mV (target voltage) or 0.01 (gates)
    /// even at its present rate to the end. A quick protocol's shortcut
    /// (``SettlingStop``): a train still drifting slowly, or a rest left
    /// later, is taken for settled.
    public var stopsWhenSettled = false

    public init(
        currents: [Double] = [0, 2.5, 5, 7.5, 10, 15, 20, 30, 40], targetDuration: Double = 0.6,
        restState: [Double] = [0, 0.05, 0.6, 0.32], threshold: Double = 0.05, minimumSpikes: Int = 3,
        relativeTolerance: Double = 1e-6, absoluteTolerance: Double = 1e-8
    ) {
        self.currents = currents
        self.targetDuration = targetDuration
        self.restState = restState
        self.threshold = threshold
        self.minimumSpikes = minimumSpikes
        self.relativeTolerance = relativeTolerance
        self.absoluteTolerance = absoluteTolerance
    }

    /// The measure of the specification (issue "emulation fidelity").
    public static let standard = FiringProtocol()

    /// The solver settings of a run whose voltage, in volts, is
    /// `voltsPerTargetVolt` × the target's (unscaled) voltage.
    func solverOptions(voltsPerTargetVolt: Double, threshold: Double) -> SolverOptions {
        var options = SolverOptions(
            relativeTolerance: relativeTolerance, absoluteTolerance: absoluteTolerance, trace: .none,
            spikeThreshold: threshold)
        if stopsWhenSettled {
            options.settling = SettlingStop(
                intervals: 3, intervalTolerance: 0.005, restDrift: [1e-3 * voltsPerTargetVolt, 0.01, 0.01, 0.01])
        }
        return options
    }

    /// The spike times of a run of length `duration` that ended as
    /// `status` says: those found, continued at the period of a periodic
    /// stop to the end of the run; nil for a run that failed.
    func spikeTrain(_ spikes: [Double], status: SolverStatus, duration: Double) -> [Double]? {
        switch status {
        case .completed, .settledAtRest: return spikes
        case let .settledPeriodic(_, period):
            guard let last = spikes.last, period > 0 else { return spikes }
            var train = spikes
            var periods = 1.0
            while last + periods * period < duration {
                train.append(last + periods * period)
                periods += 1
            }
            return train
        case .stepSizeTooSmall, .nonFiniteState, .stepLimitReached: return nil
        }
    }

    /// The steady rate (Hz) and the total spike count of a run of length
    /// `duration` (its ``spikeTrain(_:status:duration:)``); (0, 0) for a
    /// run that failed.
    func steadyRun(_ result: SimulationResult, duration: Double) -> (rate: Double, spikes: Int) {
        guard let train = spikeTrain(result.spikeTimes, status: result.status, duration: duration) else {
            return (0, 0)
        }
        return (steadyRate(spikes: train, duration: duration), train.count)
    }

    /// The steady rate of a run of length `duration`, from the spikes of its second half, in Hz.
    func steadyRate(spikes: [Double], duration: Double) -> Double {
        let late = spikes.filter { $0 >= duration / 2 }
        return late.count >= minimumSpikes ? SpikeRate.interSpike(late) : 0
    }
}
