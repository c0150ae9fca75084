import NeuroDynChip

/// What one neuron does under a ``BehaviourProtocol``, in target units
/// (seconds, volts with rest at 0): the measures a chip is compared with its
/// target on.
public struct NeuronBehaviour: Sendable, Hashable, Codable {
    /// Spike times under each noise setting, in the protocol's order.
    public var noiseSpikes: [[Double]]
    /// The mean shape of steady spikes at the shape current; nil when it does
    /// not fire repetitively there.
    public var shape: SpikeShape?
    /// The resting potential (V); nil when the neuron fires at zero current.
    public var rest: Double?
    /// Spikes in the rest run's second half (0 for a neuron at rest).
    public var spikesAtRest: Int
    /// The response to the small step; nil when the neuron has no rest.
    public var step: StepResponse?
    /// First-spike latency (s) after each latency step; nil when it does not fire.
    public var latencies: [Double?]

    public init(
        noiseSpikes: [[Double]], shape: SpikeShape?, rest: Double?, spikesAtRest: Int, step: StepResponse?,
        latencies: [Double?]
    ) {
        self.noiseSpikes = noiseSpikes
        self.shape = shape
        self.rest = rest
        self.spikesAtRest = spikesAtRest
        self.step = step
        self.latencies = latencies
    }

    enum CodingKeys: String, CodingKey {
        case noiseSpikes = "noise_spike_times_s", shape = "spike_shape", rest = "rest_V"
        case spikesAtRest = "spikes_at_rest", step, latencies = "latencies_s"
    }

    /// Measures `neuron` under `behaviour`. The rest run comes first; every
    /// other run starts from its final state and runs concurrently.
    ///
    /// - Throws: ``NeuroDynError`` for an invalid protocol.
    public static func measure(
        _ neuron: MeasuredNeuron, protocol behaviour: BehaviourProtocol
    ) throws(NeuroDynError) -> NeuronBehaviour {
        let (restRun, start) = try behaviour.rest(neuron)
        let spikesAtRest = restRun.spikeTimes.filter { $0 >= behaviour.restDuration / 2 }.count
        let resting = restRun.completed && spikesAtRest == 0
        let noiseWaveforms = try behaviour.noise.map { (setting) throws(NeuroDynError) in
            try behaviour.waveform(for: setting)
        }
        // Runs: noise settings, then shape, step and latencies.
        let noiseCount = noiseWaveforms.count
        let runs = try ParallelMap.map(count: noiseCount + 2 + behaviour.latencyCurrents.count) { (k) throws(NeuroDynError) -> MeasuredNeuron.Run in
            switch k {
            case ..<noiseCount:
                return try behaviour.run(neuron, .waveform(noiseWaveforms[k]), for: behaviour.noiseDuration, from: start)
            case noiseCount:
                return try behaviour.run(
                    neuron, .constant(behaviour.shapeCurrent * 1e-6), for: behaviour.shapeDuration, from: start,
                    sampleTimes: behaviour.sampleTimes(behaviour.shapeDuration))
            case noiseCount + 1:
                return try behaviour.run(
                    neuron, .constant(behaviour.stepCurrent * 1e-6), for: behaviour.stepDuration, from: start,
                    sampleTimes: behaviour.sampleTimes(behaviour.stepDuration))
            default:
                let current = behaviour.latencyCurrents[k - noiseCount - 2]
                return try behaviour.run(neuron, .constant(current * 1e-6), for: behaviour.latencyDuration, from: start)
            }
        }
        let shapeRun = runs[noiseCount], stepRun = runs[noiseCount + 1]
        return NeuronBehaviour(
            noiseSpikes: runs[..<noiseCount].map { $0.completed ? $0.spikeTimes : [] },
            shape: shapeRun.completed
                ? SpikeShape.measure(
                    times: shapeRun.times, voltages: shapeRun.voltages, spikeTimes: shapeRun.spikeTimes,
                    start: behaviour.shapeStart)
                : nil,
            rest: resting ? restRun.finalState[0] : nil,
            spikesAtRest: spikesAtRest,
            step: resting && stepRun.completed
                ? StepResponse.measure(
                    times: stepRun.times, voltages: stepRun.voltages, rest: restRun.finalState[0], stepTime: 0,
                    spikes: stepRun.spikeTimes.count)
                : nil,
            latencies: runs[(noiseCount + 2)...].map { $0.completed ? $0.spikeTimes.first : nil })
    }
}
