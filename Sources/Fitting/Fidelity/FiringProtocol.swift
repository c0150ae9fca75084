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

    /// The steady rate of a run of length `duration`, from the spikes of its second half, in Hz.
    func steadyRate(spikes: [Double], duration: Double) -> Double {
        let late = spikes.filter { $0 >= duration / 2 }
        return late.count >= minimumSpikes ? SpikeRate.interSpike(late) : 0
    }
}
