import NeuroDynChip

/// A post-inhibitory rebound test: a holding current, a hyperpolarising step
/// on top of it, and the spikes that follow its end (the rebound burst).
/// The defaults are the published pair's protocol: −6 µA/cm², a step of −2
/// from 1.5 to 2.1 s, the run ending at 2.6 s.
public struct ReboundProtocol: Sendable, Hashable {
    /// The holding current, µA/cm² (total).
    public var base: Double
    /// The step added to it, µA/cm² (negative: hyperpolarising).
    public var step: Double
    /// When the step begins and ends, and when the run ends, s of model time.
    public var stepStart: Double
    public var stepEnd: Double
    public var end: Double

    public init(base: Double = -6, step: Double = -2, stepStart: Double = 1.5, stepEnd: Double = 2.1, end: Double = 2.6) {
        self.base = base
        self.step = step
        self.stepStart = stepStart
        self.stepEnd = stepEnd
        self.end = end
    }

    /// The stimulus, µA/cm² over s.
    public var stimulus: Stimulus {
        Stimulus(offset: base, pulses: [Stimulus.Pulse(start: stepStart, duration: stepEnd - stepStart, amplitude: step)])
    }

    /// The spikes before the step (s): the initial train.
    public func initialSpikes(_ spikeTimes: [Double]) -> Int { spikeTimes.filter { $0 < stepStart }.count }

    /// The spikes after the step ends (s): the rebound burst.
    public func reboundSpikes(_ spikeTimes: [Double]) -> Int { spikeTimes.filter { $0 >= stepEnd }.count }
}

/// A rebound test as a compound fit's file records it (`fit.rebound`), with
/// the rebound spikes of target and chip under it.
public struct RecordedRebound: Codable, Sendable, Hashable {
    public let base_uA_per_cm2: Double
    public let step_uA_per_cm2: Double
    /// When the step begins and ends, s.
    public let step_s: [Double]
    public let end_s: Double
    public let target_rebound_spikes: Int
    public let chip_rebound_spikes: Int

    init(_ match: CompoundFit.ReboundMatch) {
        base_uA_per_cm2 = match.test.base
        step_uA_per_cm2 = match.test.step
        step_s = [match.test.stepStart, match.test.stepEnd]
        end_s = match.test.end
        target_rebound_spikes = match.target
        chip_rebound_spikes = match.chip
    }

    /// The test, nil when `step_s` does not hold a start and an end.
    public var test: ReboundProtocol? {
        guard step_s.count == 2 else { return nil }
        return ReboundProtocol(base: base_uA_per_cm2, step: step_uA_per_cm2, stepStart: step_s[0], stepEnd: step_s[1], end: end_s)
    }
}
