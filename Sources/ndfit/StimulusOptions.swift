import ArgumentParser
import Foundation
import NeuroDynChip

/// The time-varying input of `simulate` and `perturb --simulate`: steps,
/// pulses, a sampled waveform and seeded Ornstein–Uhlenbeck noise, added to
/// the constant current, in the simulated model's units.
struct StimulusOptions: ParsableArguments {
    @Option(name: .customLong("step"), help: ArgumentHelp(
        "From time T on, add current I (repeatable).", valueName: "T,I"))
    var steps: [String] = []

    @Option(name: .customLong("pulse"), help: ArgumentHelp(
        "Add current I from time T for a duration D (repeatable; the solver never steps over a pulse).",
        valueName: "T,D,I"))
    var pulses: [String] = []

    @Option(help: ArgumentHelp(
        "Add a sampled current: a CSV file of t,I rows (a header line is allowed), joined linearly, held at its ends.",
        valueName: "file"))
    var waveform: String?

    @Option(help: ArgumentHelp(
        "Add Ornstein–Uhlenbeck noise with mean μ, standard deviation σ and correlation time τ, frozen by --noise-seed.",
        valueName: "μ,σ,τ"))
    var noise: String?

    @Option(name: .customLong("noise-seed"), help: ArgumentHelp("Seed of the noise (default 1).", valueName: "n"))
    var noiseSeed: UInt64 = 1

    @Option(name: .customLong("noise-interval"), help: ArgumentHelp(
        "Sample spacing of the noise (default τ/20).", valueName: "Δ"))
    var noiseInterval: Double?

    func validate() throws {
        _ = try parsedSteps()
        _ = try parsedPulses()
        _ = try parsedNoise()
        if let waveform, waveform.isEmpty { throw ValidationError("--waveform needs a file name") }
        if let noiseInterval, !(noiseInterval.isFinite && noiseInterval > 0) {
            throw ValidationError("--noise-interval must be a finite positive number (got \(noiseInterval))")
        }
    }

    /// Whether anything beyond the constant current is given.
    var isTimeVarying: Bool { !steps.isEmpty || !pulses.isEmpty || waveform != nil || noise != nil }

    /// The stimulus: `constant` plus every part given, in the command's units.
    ///
    /// - Throws: ``CommandFailure`` for a waveform file that cannot be read or
    ///   parsed, or a noise that cannot be generated (naming the problem).
    func stimulus(constant: Double, duration: Double) throws -> Stimulus {
        var stimulus = Stimulus.constant(constant)
        for (time, current) in try parsedSteps() {
            stimulus.pulses.append(Stimulus.Pulse(start: time, duration: .infinity, amplitude: current))
        }
        for (start, length, current) in try parsedPulses() {
            stimulus.pulses.append(Stimulus.Pulse(start: start, duration: length, amplitude: current))
        }
        if let waveform {
            let text = String(decoding: try InputFile.read(waveform), as: UTF8.self)
            do {
                stimulus.waveforms.append(try PiecewiseLinearWaveform(csv: text))
            } catch {
                throw CommandFailure("\(waveform): \(error.description)")
            }
        }
        if let (mean, deviation, correlation) = try parsedNoise() {
            do {
                stimulus.waveforms.append(try OrnsteinUhlenbeckCurrent(
                    mean: mean, standardDeviation: deviation, correlationTime: correlation, sampleInterval: noiseInterval
                ).waveform(duration: duration, seed: noiseSeed))
            } catch {
                throw CommandFailure("--noise: \(error.description)")
            }
        }
        return stimulus
    }

    private func parsedSteps() throws -> [(Double, Double)] {
        try steps.map { text in
            let values = try Self.numbers(text, count: 2, option: "--step", shape: "T,I")
            return (values[0], values[1])
        }
    }

    private func parsedPulses() throws -> [(Double, Double, Double)] {
        try pulses.map { text in
            let values = try Self.numbers(text, count: 3, option: "--pulse", shape: "T,D,I")
            guard values[1] > 0 else { throw ValidationError("--pulse duration must be positive (got \(values[1]) in \"\(text)\")") }
            return (values[0], values[1], values[2])
        }
    }

    private func parsedNoise() throws -> (Double, Double, Double)? {
        guard let noise else { return nil }
        let values = try Self.numbers(noise, count: 3, option: "--noise", shape: "μ,σ,τ")
        guard values[1] >= 0 else { throw ValidationError("--noise σ must be ≥ 0 (got \(values[1]))") }
        guard values[2] > 0 else { throw ValidationError("--noise τ must be positive (got \(values[2]))") }
        return (values[0], values[1], values[2])
    }

    /// `count` comma-separated finite numbers.
    static func numbers(_ text: String, count: Int, option: String, shape: String) throws -> [Double] {
        let parts = text.split(separator: ",", omittingEmptySubsequences: false)
            .map { $0.trimmingCharacters(in: .whitespaces) }
        guard parts.count == count else {
            throw ValidationError("\(option) needs \(count) comma-separated values \(shape) (got \"\(text)\")")
        }
        return try parts.map { part in
            guard let value = Double(part), value.isFinite else {
                throw ValidationError("\(option) value \"\(part)\" is not a finite number (in \"\(text)\")")
            }
            return value
        }
    }
}
