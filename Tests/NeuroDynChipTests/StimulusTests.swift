import Foundation
import Testing
import NeuroDynChip

/// Time-varying applied currents: their values and breakpoints, waveforms
/// read from CSV, seeded Ornstein–Uhlenbeck noise, and the solvers landing on
/// every breakpoint.
@Suite("Stimulus")
struct StimulusTests {
    @Test("Pulses are on from their start to just before their end; steps never end")
    func pulses() {
        let stimulus = Stimulus(offset: 1, pulses: [
            Stimulus.Pulse(start: 2, duration: 1, amplitude: 10),
            Stimulus.Pulse(start: 2.5, duration: .infinity, amplitude: 100),
        ])
        #expect(stimulus.value(at: 1.999) == 1)
        #expect(stimulus.value(at: 2) == 11)
        #expect(stimulus.value(at: 2.5) == 111)
        #expect(stimulus.value(at: 3.0.nextDown) == 111)
        #expect(stimulus.value(at: 3) == 101)
        #expect(stimulus.value(at: 1e9) == 101)
        #expect(stimulus.breakpoints == [2, 2.5, 3])
        #expect(!stimulus.isConstant && Stimulus.constant(4).isConstant)
        #expect(Stimulus.step(from: 1, to: 3, at: 5).value(at: 5) == 3)
    }

    @Test("A waveform interpolates linearly and holds its end values")
    func waveform() throws {
        let waveform = try PiecewiseLinearWaveform(times: [1, 2, 4], values: [0, 10, -10])
        #expect(waveform.value(at: 0) == 0)
        #expect(waveform.value(at: 1.5) == 5)
        #expect(waveform.value(at: 2) == 10)
        #expect(waveform.value(at: 3) == 0)
        #expect(waveform.value(at: 9) == -10)
        let stimulus = Stimulus(offset: 1, pulses: [Stimulus.Pulse(start: 2, duration: 1, amplitude: 1)], waveforms: [waveform])
        #expect(stimulus.value(at: 2.5) == 1 + 1 + 5)
        #expect(stimulus.breakpoints == [1, 2, 3, 4])
    }

    @Test("Scaling maps currents and times, as a mapping does target onto chip")
    func scaling() throws {
        let waveform = try PiecewiseLinearWaveform(times: [0, 1], values: [2, 4])
        let stimulus = Stimulus(offset: 1, pulses: [Stimulus.Pulse(start: 1, duration: 2, amplitude: 3)], waveforms: [waveform])
        let scaled = try stimulus.scaled(current: 10, time: 0.5)
        for t in [0.0, 0.25, 0.5, 0.75, 1, 1.4, 1.5, 2] {
            #expect(scaled.value(at: t * 0.5) == 10 * stimulus.value(at: t))
        }
        let mapping = RegisterFile.Mapping(voltageScale: 3, speedUp: 4, currentGain: 2e-5, voltageOffset: 0.7)
        let chip = try mapping.chipStimulus(stimulus)
        #expect(chip.value(at: mapping.chipTime(1.5)) == mapping.chipCurrent(stimulus.value(at: 1.5)))
        #expect(throws: NeuroDynError.self) { _ = try stimulus.scaled(current: 0, time: 1) }
        #expect(throws: NeuroDynError.self) { _ = try stimulus.scaled(current: 1, time: .nan) }
    }

    @Test("Bad stimuli are refused, naming the part", arguments: [
        (Stimulus(offset: .nan), "constant"),
        (Stimulus(pulses: [Stimulus.Pulse(start: .infinity, duration: 1, amplitude: 1)]), "pulse 1 starts"),
        (Stimulus(pulses: [Stimulus.Pulse(start: 0, duration: 1, amplitude: 1), Stimulus.Pulse(start: 0, duration: 0, amplitude: 1)]),
         "pulse 2 has duration 0"),
        (Stimulus(pulses: [Stimulus.Pulse(start: 0, duration: -1, amplitude: 1)]), "duration -1"),
        (Stimulus(pulses: [Stimulus.Pulse(start: 0, duration: 1, amplitude: .infinity)]), "amplitude inf"),
    ])
    func invalid(stimulus: Stimulus, fragment: String) {
        #expect {
            try stimulus.validate()
        } throws: { error in
            "\(error)".contains(fragment)
        }
        #expect(throws: NeuroDynError.self) {
            _ = try NeuroDynNeuron.defaultChip.simulate(stimulus: stimulus, duration: 0.001)
        }
    }

    @Test("Waveforms refuse unordered, non-finite or mismatched samples", arguments: [
        ([Double](), [Double](), "at least one"),
        ([0, 1], [1], "2 times but 1 values"),
        ([0, 1, 1], [1, 2, 3], "sample 3: time 1.0 does not come after 1.0"),
        ([0, .nan], [1, 2], "sample 2: time nan"),
        ([0, 1], [1, -.infinity], "sample 2: current -inf"),
    ] as [([Double], [Double], String)])
    func invalidWaveform(times: [Double], values: [Double], fragment: String) {
        #expect {
            _ = try PiecewiseLinearWaveform(times: times, values: values)
        } throws: { error in
            "\(error)".contains(fragment)
        }
    }
}

@Suite("Waveforms from CSV")
struct WaveformCSVTests {
    @Test("Header, comments, blank lines and CRLF are accepted")
    func reads() throws {
        let text = "# a recorded current\r\nt,I\r\n0, 1e-9\r\n\r\n0.001,2e-9\n0.003 ,-1e-9\n"
        let waveform = try PiecewiseLinearWaveform(csv: text)
        #expect(waveform.times == [0, 0.001, 0.003])
        #expect(waveform.values == [1e-9, 2e-9, -1e-9])
        #expect(try PiecewiseLinearWaveform(csv: "0,1").values == [1])
    }

    @Test("Bad rows are refused, naming the line", arguments: [
        ("", "no t,I rows"),
        ("t,I\n", "no t,I rows"),
        ("t,I\n0,1\n1,2,3\n", "line 3 has 3 fields"),
        ("0,1\nabc,2\n", "line 2: time \"abc\""),
        ("0,1\n1,x\n", "line 2: current \"x\""),
        ("0,1\n1,nan\n", "line 2: current \"nan\""),
        ("0,1\n2,1\n1,1\n", "line 3: time 1.0 does not come after 2.0"),
        ("0\n", "line 1 has 1 fields"),
    ])
    func refuses(text: String, fragment: String) {
        #expect {
            _ = try PiecewiseLinearWaveform(csv: text)
        } throws: { error in
            "\(error)".contains(fragment)
        }
    }
}

@Suite("Ornstein–Uhlenbeck current")
struct OrnsteinUhlenbeckTests {
    static let noise = OrnsteinUhlenbeckCurrent(mean: 6, standardDeviation: 2, correlationTime: 2e-3)

    @Test("Frozen: the same seed gives the same samples; another seed or stream does not")
    func frozen() throws {
        let a = try Self.noise.waveform(duration: 0.05, seed: 3)
        let b = try Self.noise.waveform(duration: 0.05, seed: 3)
        #expect(a == b)
        #expect(a.times.count == 501 && a.times.last! >= 0.05)
        #expect(try Self.noise.waveform(duration: 0.05, seed: 4) != a)
        #expect(try Self.noise.waveform(duration: 0.05, seed: 3, stream: 1) != a)
    }

    /// 200,000 samples (Δ = τ/20, ρ = e^{−1/20}) of an AR(1) process: the
    /// standard errors of the sample mean, variance and lag-1 correlation are
    /// σ √((1+ρ)/(1−ρ)/N) = 0.014σ, σ² √(2(1+ρ²)/(1−ρ²)/N) = 0.014σ² and
    /// √((1−ρ²)/N) = 7e-4; each estimate must lie within 5 of them.
    @Test("Mean, variance and correlation are those of the process")
    func statistics() throws {
        let samples = try Self.noise.waveform(duration: 200_000 * 1e-4 - 1e-9, seed: 11).values
        let count = Double(samples.count)
        let rho = exp(-1.0 / 20)
        let mean = samples.reduce(0, +) / count
        let variance = samples.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / count
        var lagged = 0.0
        for k in 1..<samples.count { lagged += (samples[k] - mean) * (samples[k - 1] - mean) }
        let correlation = lagged / (count - 1) / variance
        #expect(abs(mean - 6) <= 5 * 2 * ((1 + rho) / (1 - rho) / count).squareRoot())
        #expect(abs(variance - 4) <= 5 * 4 * (2 * (1 + rho * rho) / (1 - rho * rho) / count).squareRoot())
        #expect(abs(correlation - rho) <= 5 * ((1 - rho * rho) / count).squareRoot())
    }

    @Test("σ = 0 is the constant mean; bad settings are refused")
    func settings() throws {
        let flat = try OrnsteinUhlenbeckCurrent(mean: 2, standardDeviation: 0, correlationTime: 1).waveform(duration: 1, seed: 1)
        #expect(flat.values.allSatisfy { $0 == 2 })
        let bad: [OrnsteinUhlenbeckCurrent] = [
            .init(mean: .nan, standardDeviation: 1, correlationTime: 1),
            .init(mean: 0, standardDeviation: -1, correlationTime: 1),
            .init(mean: 0, standardDeviation: 1, correlationTime: 0),
            .init(mean: 0, standardDeviation: 1, correlationTime: 1, sampleInterval: .infinity),
        ]
        for noise in bad {
            #expect(throws: NeuroDynError.self) { _ = try noise.waveform(duration: 1, seed: 1) }
        }
        #expect(throws: NeuroDynError.self) { _ = try Self.noise.waveform(duration: 0, seed: 1) }
        #expect(throws: NeuroDynError.self) { _ = try Self.noise.waveform(duration: 1e9, seed: 1) }
    }
}
