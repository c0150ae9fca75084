import NeuroDynChip

/// What a compound fit matches: the target's bursts at the design current,
/// and the voltages and slow-gate values its slow wave passes through.
struct BurstReference: Sendable {
    /// The target's bursts (times in s), after the settling time.
    let bursts: BurstTrain
    /// Where the target's slow wave lives.
    let slowWave: SlowWaveWindow
    /// The design current, µA/cm² (total).
    let current: Double
    /// Measure span, s.
    let duration: Double
    let settling: Double

    /// - Throws: ``FittingError/invalidTarget(_:)`` when the target does not
    ///   burst at `current` (µA/cm²) or cannot be simulated.
    init(target: CompoundTarget, current: Double, duration: Double, settling: Double) throws(FittingError) {
        let samples = Array(stride(from: settling * 1e3, through: duration * 1e3, by: 0.5))
        let result: NetworkResult
        do {
            result = try target.simulate(.constant(current), duration: duration * 1e3, samples: samples)
        } catch {
            throw .invalidTarget("the compound target cannot be simulated at \(current) µA/cm²: \(error)")
        }
        let spikes = result.spikeTimes[0].map { $0 * 1e-3 }
        bursts = BurstTrain(spikeTimes: spikes, start: settling, end: duration)
        guard bursts.isBursting, bursts.period != nil else {
            throw .invalidTarget("the compound target does not burst at \(current) µA/cm² (\(spikes.count) spikes in \(duration) s)")
        }
        let trace = result.simulation.trace
        let origin = target.parts[0].voltageOrigin
        let voltages = trace.component(0).map { $0 - origin }
        // The slow part's n: state [V, m, h, n of part 0, m, h, n of part 1].
        let slowGate = trace.component(6)
        slowWave = SlowWaveWindow(voltages: voltages, slowGate: slowGate)
        self.current = current
        self.duration = duration
        self.settling = settling
    }
}

/// The part of the compound's phase plane a slow wave crosses: the voltages
/// between bursts (from 5 mV below the trough to 20 mV above it, relative
/// to the model's origin) and the slow part's n over the bursts (its range
/// widened by 0.05 each way, within 0…1).
public struct SlowWaveWindow: Sendable, Hashable {
    /// Voltages relative to the model's origin, mV, 1 mV apart.
    public let voltages: [Double]
    /// Values of the slow gate, 0.05 apart.
    public let slowGate: [Double]

    init(voltages trace: [Double], slowGate gate: [Double]) {
        let trough = trace.min() ?? 0
        voltages = Array(stride(from: (trough - 5).rounded(.down), through: trough + 20, by: 1))
        let low = max(0, (gate.min() ?? 0) - 0.05), high = min(1, (gate.max() ?? 1) + 0.05)
        slowGate = Array(stride(from: low, through: high + 1e-9, by: 0.05))
    }
}
