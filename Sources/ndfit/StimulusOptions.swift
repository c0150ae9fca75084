import ArgumentParser
import Foundation
import NeuroDynChip

/// The time-varying input of `simulate` and `perturb --simulate`: steps,
/// pulses, a sampled waveform and seeded Ornstein–Uhlenbeck noise, added to
/// the constant current, in the simulated model's units.
///
/// For a network, each part drives every neuron, or only neuron K when
/// written `K:…` (`--pulse 2:0.005,0.001,1e-9`); neuron k's noise is drawn
/// with seed `--noise-seed` + k, so every neuron has its own realisation.
struct StimulusOptions: ParsableArguments {
    @Option(name: .customLong("step"), help: ArgumentHelp(
        "From time T on, add current I (repeatable; for a network, K:T,I adds it to neuron K only).", valueName: "T,I"))
    var steps: [String] = []

    @Option(name: .customLong("pulse"), help: ArgumentHelp(
        "Add current I from time T for a duration D (repeatable; the solver never steps over a pulse; K:T,D,I for neuron K of a network).",
        valueName: "T,D,I"))
    var pulses: [String] = []

    @Option(help: ArgumentHelp(
        "Add a sampled current: a CSV file of t,I rows (a header line is allowed), joined linearly, held at its ends (K:file for neuron K of a network).",
        valueName: "file"))
    var waveform: String?

    @Option(help: ArgumentHelp(
        "Add Ornstein–Uhlenbeck noise with mean μ, standard deviation σ and correlation time τ, frozen by --noise-seed (K:μ,σ,τ for neuron K of a network).",
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

    /// The stimulus of a single-neuron run: `constant` plus every part given,
    /// in the command's units.
    ///
    /// - Throws: ``ValidationError`` for a part aimed at a neuron (`K:`);
    ///   ``CommandFailure`` for a waveform file that cannot be read or parsed,
    ///   or a noise that cannot be generated (naming the problem).
    func stimulus(constant: Double, duration: Double) throws -> Stimulus {
        if let aimed = try parts().first(where: { $0.neuron != nil }) {
            throw ValidationError("\(aimed.option) \(aimed.text): a neuron prefix K: applies to network register files only")
        }
        return try stimulus(constant: constant, duration: duration, neuron: 0)
    }

    /// One stimulus per neuron of a network: neuron k's constant current plus
    /// every part aimed at every neuron or at k.
    ///
    /// - Throws: ``ValidationError`` for a part aimed at a neuron the network
    ///   does not have; the errors of ``stimulus(constant:duration:)``.
    func stimuli(constants: [Double], duration: Double) throws -> [Stimulus] {
        if let aimed = try parts().first(where: { ($0.neuron ?? 0) >= constants.count }) {
            throw ValidationError("\(aimed.option) \(aimed.text): the network has no neuron \(aimed.neuron ?? 0) (it has \(constants.count))")
        }
        return try constants.enumerated().map { k, constant in try stimulus(constant: constant, duration: duration, neuron: k) }
    }

    /// Every part given, with the neuron it is aimed at (nil: every neuron).
    private func parts() throws -> [(option: String, text: String, neuron: Int?)] {
        var list: [(String, String, Int?)] = []
        for (option, texts) in [("--step", steps), ("--pulse", pulses), ("--waveform", waveform.map { [$0] } ?? []),
                                ("--noise", noise.map { [$0] } ?? [])] {
            for text in texts { list.append((option, text, try NeuronTarget.split(text, option: option).neuron)) }
        }
        return list
    }

    private func stimulus(constant: Double, duration: Double, neuron: Int) throws -> Stimulus {
        var stimulus = Stimulus.constant(constant)
        func aimed(_ text: String, _ option: String) throws -> String? {
            let (target, rest) = try NeuronTarget.split(text, option: option)
            return target == nil || target == neuron ? rest : nil
        }
        for text in steps {
            guard let rest = try aimed(text, "--step") else { continue }
            let values = try Self.numbers(rest, count: 2, option: "--step", shape: "T,I")
            stimulus.pulses.append(Stimulus.Pulse(start: values[0], duration: .infinity, amplitude: values[1]))
        }
        for text in pulses {
            guard let rest = try aimed(text, "--pulse") else { continue }
            let (start, length, current) = try Self.pulse(rest)
            stimulus.pulses.append(Stimulus.Pulse(start: start, duration: length, amplitude: current))
        }
        if let waveform, let path = try aimed(waveform, "--waveform") {
            let text = String(decoding: try InputFile.read(path), as: UTF8.self)
            do {
                stimulus.waveforms.append(try PiecewiseLinearWaveform(csv: text))
            } catch {
                throw CommandFailure("\(path): \(error.description)")
            }
        }
        if let noise, let rest = try aimed(noise, "--noise") {
            let (mean, deviation, correlation) = try Self.noise(rest)
            do {
                stimulus.waveforms.append(try OrnsteinUhlenbeckCurrent(
                    mean: mean, standardDeviation: deviation, correlationTime: correlation, sampleInterval: noiseInterval
                ).waveform(duration: duration, seed: noiseSeed &+ UInt64(neuron)))
            } catch {
                throw CommandFailure("--noise: \(error.description)")
            }
        }
        return stimulus
    }

    private func parsedSteps() throws -> [(Double, Double)] {
        try steps.map { text in
            let values = try Self.numbers(try NeuronTarget.split(text, option: "--step").rest, count: 2, option: "--step", shape: "T,I")
            return (values[0], values[1])
        }
    }

    private func parsedPulses() throws -> [(Double, Double, Double)] {
        try pulses.map { text in try Self.pulse(try NeuronTarget.split(text, option: "--pulse").rest) }
    }

    private static func pulse(_ text: String) throws -> (Double, Double, Double) {
        let values = try numbers(text, count: 3, option: "--pulse", shape: "T,D,I")
        guard values[1] > 0 else { throw ValidationError("--pulse duration must be positive (got \(values[1]) in \"\(text)\")") }
        return (values[0], values[1], values[2])
    }

    private func parsedNoise() throws -> (Double, Double, Double)? {
        guard let noise else { return nil }
        return try Self.noise(try NeuronTarget.split(noise, option: "--noise").rest)
    }

    private static func noise(_ text: String) throws -> (Double, Double, Double) {
        let values = try numbers(text, count: 3, option: "--noise", shape: "μ,σ,τ")
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
