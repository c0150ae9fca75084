import NeuroDynChip

/// How the behaviour of a chip is measured against its target, beyond the
/// f-I curve: spike timing under frozen noise, spike shape, rest, a small
/// step and first-spike latencies. Everything is in target units (currents in
/// µA/cm², times in seconds of the unscaled target, voltages in volts with
/// rest at 0); chip runs are mapped through the register file's mapping.
///
/// Runs start from each neuron's own resting state (the end of the rest run).
public struct BehaviourProtocol: Sendable, Hashable {
    /// One frozen-noise setting: an Ornstein–Uhlenbeck current and its seed.
    public struct NoiseSetting: Sendable, Hashable, Codable {
        /// μ and σ in µA/cm².
        public var mean: Double
        public var standardDeviation: Double
        public var seed: UInt64

        public init(mean: Double, standardDeviation: Double, seed: UInt64) {
            self.mean = mean
            self.standardDeviation = standardDeviation
            self.seed = seed
        }

        enum CodingKeys: String, CodingKey {
            case mean = "mean_uA_per_cm2", standardDeviation = "sd_uA_per_cm2", seed
        }
    }

    /// The noise settings (default: μ ∈ {3, 6, 10}, σ ∈ {2, 4} µA/cm², seeds 1…6).
    public var noise: [NoiseSetting]
    /// The noise's correlation time (s; default 2 ms).
    public var correlationTime: Double
    /// The length of each noise run (s; default 1 s).
    public var noiseDuration: Double
    /// The noise's sample spacing (s; nil: τ/20, see ``OrnsteinUhlenbeckCurrent``).
    public var noiseSampleInterval: Double?
    /// Δ of the coincidence factor (s; default 2 ms).
    public var coincidenceWindow: Double
    /// The current of the spike-shape run (µA/cm²; default 10), its length
    /// and the time after which spikes count as steady (s; 150 and 50 ms).
    public var shapeCurrent: Double
    public var shapeDuration: Double
    public var shapeStart: Double
    /// The length of the rest run at zero current (s; default 300 ms).
    public var restDuration: Double
    /// The small step (µA/cm²; default 2) and its run length (s; 100 ms).
    public var stepCurrent: Double
    public var stepDuration: Double
    /// The steps whose first-spike latency is measured (µA/cm²; 6, 10, 20),
    /// each run for `latencyDuration` (s; 100 ms).
    public var latencyCurrents: [Double]
    public var latencyDuration: Double
    /// The spike threshold (V; default 50 mV).
    public var threshold: Double
    /// Where the rest run starts (V in volts; gates): HH's resting gates.
    public var restState: [Double]
    /// The spacing of the sampled voltage of the shape and step runs (s; 10 µs).
    public var sampleInterval: Double
    /// Solver tolerances of every run (default 1e-6 and 1e-8; on a chip atol
    /// applies to volts, on the target to volts of its own scale).
    public var relativeTolerance: Double
    public var absoluteTolerance: Double

    public init(
        noise: [NoiseSetting] = BehaviourProtocol.standardNoise(seed: 1), correlationTime: Double = 2e-3,
        noiseDuration: Double = 1, noiseSampleInterval: Double? = nil, coincidenceWindow: Double = 2e-3, shapeCurrent: Double = 10,
        shapeDuration: Double = 0.15, shapeStart: Double = 0.05, restDuration: Double = 0.3,
        stepCurrent: Double = 2, stepDuration: Double = 0.1, latencyCurrents: [Double] = [6, 10, 20],
        latencyDuration: Double = 0.1, threshold: Double = 0.05, restState: [Double] = [0, 0.05, 0.6, 0.32],
        sampleInterval: Double = 1e-5, relativeTolerance: Double = 1e-6, absoluteTolerance: Double = 1e-8
    ) {
        self.noise = noise
        self.correlationTime = correlationTime
        self.noiseDuration = noiseDuration
        self.noiseSampleInterval = noiseSampleInterval
        self.coincidenceWindow = coincidenceWindow
        self.shapeCurrent = shapeCurrent
        self.shapeDuration = shapeDuration
        self.shapeStart = shapeStart
        self.restDuration = restDuration
        self.stepCurrent = stepCurrent
        self.stepDuration = stepDuration
        self.latencyCurrents = latencyCurrents
        self.latencyDuration = latencyDuration
        self.threshold = threshold
        self.restState = restState
        self.sampleInterval = sampleInterval
        self.relativeTolerance = relativeTolerance
        self.absoluteTolerance = absoluteTolerance
    }

    /// The six settings μ ∈ {3, 6, 10}, σ ∈ {2, 4} µA/cm², with seeds
    /// `seed`, `seed + 1`, … in that order.
    public static func standardNoise(seed: UInt64) -> [NoiseSetting] {
        [3.0, 6, 10].flatMap { mean in [2.0, 4].map { (mean, $0) } }.enumerated().map { k, setting in
            NoiseSetting(mean: setting.0, standardDeviation: setting.1, seed: seed &+ UInt64(k))
        }
    }

    /// The measure of the specification (1 s of noise per setting, seeds 1…6).
    public static let standard = BehaviourProtocol()

    /// The frozen noise of `setting`: its OU current in A/cm² over
    /// ``noiseDuration`` seconds, with this protocol's correlation time and
    /// sample spacing.
    ///
    /// - Throws: ``NeuroDynError/invalidStimulus(_:)`` for settings the
    ///   generator refuses.
    public func waveform(for setting: NoiseSetting) throws(NeuroDynError) -> PiecewiseLinearWaveform {
        try OrnsteinUhlenbeckCurrent(
            mean: setting.mean * 1e-6, standardDeviation: setting.standardDeviation * 1e-6,
            correlationTime: correlationTime, sampleInterval: noiseSampleInterval
        ).waveform(duration: noiseDuration, seed: setting.seed)
    }

    /// Sample times 0, Δ, 2Δ, … up to `duration`, Δ = ``sampleInterval``.
    func sampleTimes(_ duration: Double) -> [Double] {
        (0...Int((duration / sampleInterval).rounded(.down))).map { Double($0) * sampleInterval }
    }

    /// One run of `neuron` under this protocol's threshold and tolerances.
    func run(
        _ neuron: MeasuredNeuron, _ stimulus: Stimulus, for duration: Double, from state: [Double],
        sampleTimes: [Double] = []
    ) throws(NeuroDynError) -> MeasuredNeuron.Run {
        try neuron.run(
            stimulus: stimulus, duration: duration, initialState: state, threshold: threshold,
            sampleTimes: sampleTimes, relativeTolerance: relativeTolerance, absoluteTolerance: absoluteTolerance)
    }

    /// The rest run of `neuron` (zero current from ``restState``) and the
    /// state every other run starts from: its end, or ``restState`` when it
    /// failed.
    func rest(_ neuron: MeasuredNeuron) throws(NeuroDynError) -> (run: MeasuredNeuron.Run, start: [Double]) {
        let run = try run(neuron, .constant(0), for: restDuration, from: restState)
        return (run, run.completed ? run.finalState : restState)
    }

    /// The same protocol with the noise settings re-seeded from `seed`.
    public func reseeded(_ seed: UInt64) -> BehaviourProtocol {
        var copy = self
        copy.noise = noise.enumerated().map { k, setting in
            NoiseSetting(mean: setting.mean, standardDeviation: setting.standardDeviation, seed: seed &+ UInt64(k))
        }
        return copy
    }
}
