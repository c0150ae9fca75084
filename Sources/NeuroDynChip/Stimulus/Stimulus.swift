/// A time-varying applied current: a constant, plus rectangular pulses (a step
/// is a pulse that never ends), plus sampled waveforms (recorded currents,
/// seeded noise), all summed.
///
/// Units are the simulated model's: amperes and seconds of chip time for a
/// chip; for a target model, its current (A/cm² in SI units) and its time.
/// ``RegisterFile/Mapping/chipStimulus(_:)`` turns a target's stimulus into
/// the chip's (current × current_gain, time / scl_t).
///
/// The current is right-continuous: a pulse on [start, start + duration) is
/// on at its start and off at its end. Every time where the current jumps
/// (pulse edges) or bends (waveform samples) is a breakpoint
/// (``breakpoints``): the adaptive solver ends a step on each one and starts
/// afresh there, so it never steps over a pulse, however short.
public struct Stimulus: Sendable, Hashable {
    /// A rectangular pulse added to the current on [start, start + duration).
    public struct Pulse: Sendable, Hashable {
        /// When it switches on.
        public var start: Double
        /// How long it stays on (> 0; `.infinity` for a step).
        public var duration: Double
        /// The current it adds while on.
        public var amplitude: Double

        public init(start: Double, duration: Double, amplitude: Double) {
            self.start = start
            self.duration = duration
            self.amplitude = amplitude
        }

        /// When it switches off (∞ for a step).
        public var end: Double { start + duration }
    }

    /// The constant part of the current.
    public var offset: Double
    /// Pulses added to it.
    public var pulses: [Pulse]
    /// Sampled waveforms added to it.
    public var waveforms: [PiecewiseLinearWaveform]

    /// A stimulus from its parts (checked by ``validate()``, which every
    /// simulation calls).
    public init(offset: Double = 0, pulses: [Pulse] = [], waveforms: [PiecewiseLinearWaveform] = []) {
        self.offset = offset
        self.pulses = pulses
        self.waveforms = waveforms
    }

    /// A constant current.
    public static func constant(_ current: Double) -> Stimulus { Stimulus(offset: current) }

    /// `base` until `time`, then `level` for good.
    public static func step(from base: Double = 0, to level: Double, at time: Double) -> Stimulus {
        Stimulus(offset: base, pulses: [Pulse(start: time, duration: .infinity, amplitude: level - base)])
    }

    /// A sampled waveform alone.
    public static func waveform(_ waveform: PiecewiseLinearWaveform) -> Stimulus {
        Stimulus(waveforms: [waveform])
    }

    /// Whether the current is the same at every time.
    public var isConstant: Bool { pulses.isEmpty && waveforms.isEmpty }

    /// The current at `time` (right-continuous at pulse edges).
    @inline(__always)
    public func value(at time: Double) -> Double {
        var current = offset
        for pulse in pulses where time >= pulse.start && time < pulse.end { current += pulse.amplitude }
        for waveform in waveforms { current += waveform.value(at: time) }
        return current
    }

    /// Every time where the current jumps or bends, increasing, each once:
    /// pulse starts and (finite) ends, waveform sample times.
    public var breakpoints: [Double] {
        var times: [Double] = []
        for pulse in pulses {
            times.append(pulse.start)
            if pulse.end.isFinite { times.append(pulse.end) }
        }
        for waveform in waveforms { times += waveform.times }
        times.sort()
        var unique: [Double] = []
        unique.reserveCapacity(times.count)
        for time in times where time != unique.last { unique.append(time) }
        return unique
    }

    /// Checks that the stimulus can drive a simulation.
    ///
    /// - Throws: ``NeuroDynError/invalidStimulus(_:)`` for a non-finite
    ///   offset, a pulse with a non-finite start or amplitude, or a duration
    ///   that is not > 0 (∞ is a step). Waveforms are checked when made.
    public func validate() throws(NeuroDynError) {
        guard offset.isFinite else { throw .invalidStimulus("the constant current \(offset) is not finite") }
        for (k, pulse) in pulses.enumerated() {
            guard pulse.start.isFinite else { throw .invalidStimulus("pulse \(k + 1) starts at \(pulse.start)") }
            guard pulse.amplitude.isFinite else {
                throw .invalidStimulus("pulse \(k + 1) has amplitude \(pulse.amplitude)")
            }
            guard pulse.duration > 0 && !pulse.duration.isNaN else {
                throw .invalidStimulus("pulse \(k + 1) has duration \(pulse.duration); it must be > 0")
            }
        }
    }

    /// The same stimulus in other units: every current multiplied by
    /// `current`, every time by `time` (so a target stimulus becomes the
    /// chip's with `current` = current_gain and `time` = 1/scl_t).
    ///
    /// - Throws: ``NeuroDynError/invalidStimulus(_:)`` for a factor that is
    ///   not finite and > 0, or a waveform that the scaling breaks.
    public func scaled(current: Double, time: Double) throws(NeuroDynError) -> Stimulus {
        guard current.isFinite && current > 0 else { throw .invalidStimulus("current factor \(current) must be finite and > 0") }
        guard time.isFinite && time > 0 else { throw .invalidStimulus("time factor \(time) must be finite and > 0") }
        var waveforms: [PiecewiseLinearWaveform] = []
        for waveform in self.waveforms { waveforms.append(try waveform.scaled(current: current, time: time)) }
        return Stimulus(
            offset: offset * current,
            pulses: pulses.map { Pulse(start: $0.start * time, duration: $0.duration * time, amplitude: $0.amplitude * current) },
            waveforms: waveforms)
    }
}
