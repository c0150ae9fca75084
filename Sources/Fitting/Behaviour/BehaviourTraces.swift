import NeuroDynChip

/// Voltage traces of a target and a chip under the same stimulus, in target
/// units, for figures: a stretch of one frozen-noise run and the steady
/// spikes of the shape run, both sampled on a fine grid.
public struct BehaviourTraces: Sendable {
    /// The noise setting drawn.
    public let setting: BehaviourProtocol.NoiseSetting
    /// The noise runs of target and chip over the first `duration` seconds.
    public let noiseTarget: MeasuredNeuron.Run
    public let noiseChip: MeasuredNeuron.Run
    /// The shape runs (constant shape current), whole.
    public let shapeTarget: MeasuredNeuron.Run
    public let shapeChip: MeasuredNeuron.Run

    /// Records the traces.
    ///
    /// - Parameters:
    ///   - setting: which of `behaviour.noise` to draw (index).
    ///   - duration: how much of the noise run to keep (s, target time).
    /// - Throws: ``NeuroDynError`` for an invalid protocol or index.
    public static func record(
        target: HodgkinHuxleyModel, chip: NeuroDynNeuron, mapping: RegisterFile.Mapping,
        protocol behaviour: BehaviourProtocol, setting index: Int, duration: Double
    ) throws(NeuroDynError) -> BehaviourTraces {
        guard behaviour.noise.indices.contains(index) else {
            throw .invalidStimulus("there is no noise setting \(index + 1) (the protocol has \(behaviour.noise.count))")
        }
        let setting = behaviour.noise[index]
        let length = min(duration, behaviour.noiseDuration)
        let waveform = try behaviour.waveform(for: setting)
        let neurons: [MeasuredNeuron] = [.target(target), .chip(chip, mapping)]
        let starts = try ParallelMap.map(count: 2) { (k) throws(NeuroDynError) in try behaviour.rest(neurons[k]).start }
        let runs = try ParallelMap.map(count: 4) { (k) throws(NeuroDynError) -> MeasuredNeuron.Run in
            let neuron = neurons[k % 2], start = starts[k % 2]
            if k < 2 {
                return try behaviour.run(
                    neuron, .waveform(waveform), for: length, from: start, sampleTimes: behaviour.sampleTimes(length))
            }
            return try behaviour.run(
                neuron, .constant(behaviour.shapeCurrent * 1e-6), for: behaviour.shapeDuration, from: start,
                sampleTimes: behaviour.sampleTimes(behaviour.shapeDuration))
        }
        return BehaviourTraces(
            setting: setting, noiseTarget: runs[0], noiseChip: runs[1], shapeTarget: runs[2], shapeChip: runs[3])
    }
}
