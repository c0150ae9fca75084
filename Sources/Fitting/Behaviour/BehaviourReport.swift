/// A chip's behaviour against its target's under one ``BehaviourProtocol``,
/// in target units, with the f-I comparison of ``FidelityEvaluator``.
public struct BehaviourReport: Sendable, Hashable, Encodable {
    /// The noise settings, in order.
    public let noise: [BehaviourProtocol.NoiseSetting]
    /// The noise runs' length and Δ of Γ (s).
    public let noiseDuration: Double
    public let coincidenceWindow: Double
    /// The shape, step and latency currents (µA/cm²).
    public let shapeCurrent: Double
    public let stepCurrent: Double
    public let latencyCurrents: [Double]
    /// What the target and the chip did.
    public let target: NeuronBehaviour
    public let chip: NeuronBehaviour
    /// The steady-rate comparison; nil when not measured.
    public let firing: FidelityReport?
    /// The model's voltage origin (V; `mapping.model_voltage_origin`, 0 for
    /// HH 1952). ``target`` and ``chip`` measure voltages from it; the
    /// assessments of ``BehaviourGoals`` add it back, so the spike's peak and
    /// trough and the resting potential read as the model's own.
    public let voltageOrigin: Double

    public init(
        protocol behaviour: BehaviourProtocol, target: NeuronBehaviour, chip: NeuronBehaviour, firing: FidelityReport?,
        voltageOrigin: Double = 0
    ) {
        noise = behaviour.noise
        noiseDuration = behaviour.noiseDuration
        coincidenceWindow = behaviour.coincidenceWindow
        shapeCurrent = behaviour.shapeCurrent
        stepCurrent = behaviour.stepCurrent
        latencyCurrents = behaviour.latencyCurrents
        self.target = target
        self.chip = chip
        self.firing = firing
        self.voltageOrigin = voltageOrigin
    }

    /// Γ of the chip's spikes against the target's at each noise setting
    /// (0 where one of them is silent and the other not; nil where neither fires).
    public var coincidences: [Double?] {
        zip(target.noiseSpikes, chip.noiseSpikes).map { reference, candidate in
            CoincidenceFactor.gamma(
                reference: reference, candidate: candidate, window: coincidenceWindow, duration: noiseDuration)
        }
    }

    /// The mean of ``coincidences``; nil when there is none.
    public var meanCoincidence: Double? {
        let values = coincidences.compactMap { $0 }
        return values.isEmpty ? nil : values.reduce(0, +) / Double(values.count)
    }

    /// What a register file records of the report (its `fit.behaviour`):
    /// the noise settings, Γ per setting and on average, and every assessment.
    public struct Summary: Sendable, Hashable, Encodable {
        public let noise: [BehaviourProtocol.NoiseSetting]
        public let gamma: [Double?]
        public let gamma_mean: Double?
        public let goals: [BehaviourGoals.Assessment]
    }

    /// The summary of this report against `goals`.
    public func summary(_ goals: BehaviourGoals = .standard) -> Summary {
        Summary(noise: noise, gamma: coincidences, gamma_mean: meanCoincidence, goals: assessments(goals))
    }

    /// The report judged against `goals`.
    public func assessments(_ goals: BehaviourGoals = .standard) -> [BehaviourGoals.Assessment] {
        goals.assess(self)
    }

    enum CodingKeys: String, CodingKey {
        case noise, noiseDuration = "noise_duration_s", coincidenceWindow = "coincidence_window_s"
        case coincidences = "gamma", meanCoincidence = "gamma_mean"
        case shapeCurrent = "shape_current_uA_per_cm2", stepCurrent = "step_current_uA_per_cm2"
        case latencyCurrents = "latency_currents_uA_per_cm2", target, chip, firing = "f_I", goals
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(noise, forKey: .noise)
        try container.encode(noiseDuration, forKey: .noiseDuration)
        try container.encode(coincidenceWindow, forKey: .coincidenceWindow)
        try container.encode(coincidences, forKey: .coincidences)
        try container.encode(meanCoincidence, forKey: .meanCoincidence)
        try container.encode(shapeCurrent, forKey: .shapeCurrent)
        try container.encode(stepCurrent, forKey: .stepCurrent)
        try container.encode(latencyCurrents, forKey: .latencyCurrents)
        try container.encode(target, forKey: .target)
        try container.encode(chip, forKey: .chip)
        try container.encode(firing, forKey: .firing)
        try container.encode(assessments(), forKey: .goals)
    }
}
