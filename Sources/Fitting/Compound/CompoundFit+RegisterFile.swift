import Foundation
import NeuroDynChip

extension CompoundFit {
    /// The neuron each part is programmed into (``CompoundFitter/neuronIndices``).
    public var neuronIndices: [Int] { CompoundFitter.neuronIndices }

    /// The register file of this fit: the spiking part as neuron 0 on board
    /// 0, the slow part as neuron 4 on board 1 (with its own biases), neurons
    /// 1–3 unused (every code 0), the two tied by a short circuit, and the
    /// shared mapping.
    public var registerFile: RegisterFile {
        var neurons = [NeuronRegisters](repeating: .unused, count: neuronIndices.max()! + 1)
        for (part, index) in neuronIndices.enumerated() { neurons[index] = registers[part] }
        do {
            return try RegisterFile(
                biases: biases[0], neurons: neurons, mapping: mapping,
                boardBiases: [neuronIndices[1] / RegisterFile.neuronCapacity: biases[1]],
                compoundNeurons: [try CompoundNeuron(neurons: neuronIndices, tie: .short)])
        } catch {
            preconditionFailure("a compound fit's register file is valid: \(error)")
        }
    }

    /// The register file as JSON with the `target` (the compound model) and
    /// `fit` objects: the bursts of target and chip at the design current
    /// (`bursts`) and at the other currents the search matched
    /// (`also_matched`), the target's band, the rebound test matched
    /// (`rebound`), and how the slow part was corrected and tuned. Deterministic.
    ///
    /// - Parameters:
    ///   - model: the compound model's record (`target.model`,
    ///     `target.model_file`, `target.model_sha256`).
    ///   - calibration: how the pair was calibrated for its dies, written
    ///     as the top-level `calibration` object; the dies themselves go to
    ///     `fit.dies` whenever they are not nominal.
    public func registerFileJSON(model: ModelRecord, calibration: CompoundCalibration? = nil) throws(RegisterFileError) -> Data {
        do {
            return try RegisterFile.encoder.encode(CompoundFitDocument(fit: self, model: model, calibration: calibration))
        } catch {
            throw .malformed(reason: "cannot encode the fit: \(error)")
        }
    }
}

extension NeuronRegisters {
    /// Every code 0: a neuron the file holds only to reach a later one.
    public static let unused = NeuronRegisters(
        conductances: PerChannel(sodium: 0, potassium: 0, leak: 0),
        reversals: PerChannel(sodium: 0, potassium: 0, leak: 0),
        splines: PerGate(
            m: PerRate(alpha: .zero, beta: .zero), h: PerRate(alpha: .zero, beta: .zero),
            n: PerRate(alpha: .zero, beta: .zero)))
}

/// The measures of a burst train as a fit records them (times in s of the target).
public struct BurstSummary: Codable, Sendable, Hashable {
    /// Spikes in the measured span, in bursts or not.
    public let spikes: Int
    public let bursts: Int
    public let spikes_per_burst: [Int]
    public let period_s: Double?
    public let intra_burst_rate_Hz: Double?
    public let duty_cycle: Double?

    public init(_ train: BurstTrain) {
        spikes = train.spikeCount
        bursts = train.bursts.count
        spikes_per_burst = train.spikesPerBurst
        period_s = train.period
        intra_burst_rate_Hz = train.intraBurstRate
        duty_cycle = train.dutyCycle
    }
}

/// The JSON document of a compound fit: the register file's keys plus `target` and `fit`.
struct CompoundFitDocument: Encodable {
    let fit: CompoundFit
    let model: ModelRecord
    let calibration: CompoundCalibration?

    enum Keys: String, CodingKey { case target, fit, calibration }

    struct NeuronDie: Encodable {
        let neuron: Int
        let factors: MismatchFactors
    }

    struct Target: Encodable {
        let model: String
        let model_file: String?
        let model_sha256: String
        let parts: Int
        let scl_v: Double
    }

    struct Bursts: Encodable {
        let current_uA_per_cm2: Double
        let measured_from_s: Double
        let measured_to_s: Double
        let target: BurstSummary
        let chip: BurstSummary
    }

    struct Part: Encodable {
        let neuron: Int
        let sigma_t_own: Double
        let saturated: [RegisterAdjustment]
    }

    struct Figures: Encodable {
        let sigma_t: Double
        let v_mean: Double
        let parts: [Part]
        let slow_wave_voltages_mV: [Double]
        let slow_wave_n: [Double]
        let correction_factors: [String: Double]
        let search_evaluations: Int
        let bursts: Bursts
        let also_matched: [Bursts]
        let band_uA_per_cm2: [Double]?
        let rebound: RecordedRebound?
        let dies: [NeuronDie]?
    }

    func encode(to encoder: any Encoder) throws {
        try fit.registerFile.encode(to: encoder)
        var container = encoder.container(keyedBy: Keys.self)
        try container.encode(
            Target(
                model: model.name, model_file: model.file, model_sha256: model.digest, parts: fit.parts.count,
                scl_v: fit.parts[0].voltageScale),
            forKey: .target)
        let window = fit.slowWaveWindow
        let bursts = fit.matched.map {
            Bursts(current_uA_per_cm2: $0.current, measured_from_s: fit.measureSpan.from, measured_to_s: fit.measureSpan.to,
                   target: BurstSummary($0.target), chip: BurstSummary($0.chip))
        }
        try container.encode(
            Figures(
                sigma_t: fit.parts[0].timeScales.timeScale, v_mean: fit.parts[0].meanVoltage,
                parts: fit.parts.indices.map { k in
                    Part(neuron: fit.neuronIndices[k], sigma_t_own: fit.ownTimeScales[k], saturated: fit.parts[k].saturated)
                },
                slow_wave_voltages_mV: [window.voltages.first ?? 0, window.voltages.last ?? 0],
                slow_wave_n: [window.slowGate.first ?? 0, window.slowGate.last ?? 0],
                correction_factors: ["g_na": fit.correctionFactors.sodium, "g_k": fit.correctionFactors.potassium],
                search_evaluations: fit.searchEvaluations,
                bursts: bursts[0], also_matched: Array(bursts.dropFirst()),
                band_uA_per_cm2: fit.targetBand.map { [$0.lowerBound, $0.upperBound] },
                rebound: fit.rebound.map(RecordedRebound.init),
                dies: fit.dies.allSatisfy { $0 == .none }
                    ? nil : zip(fit.neuronIndices, fit.dies).map { NeuronDie(neuron: $0, factors: $1) }),
            forKey: .fit)
        try container.encodeIfPresent(calibration, forKey: .calibration)
    }
}

/// How a compound's pair was calibrated for a die: where the die came from
/// and the bursts at the design current with the nominal and the
/// calibrated codes on it.
public struct CompoundCalibration: Sendable, Hashable, Encodable {
    /// Where the dies' factors came from, in words (`"σ = 0.15, seed 1, instance 3"`).
    public var source: String
    /// µA/cm², total.
    public var current_uA_per_cm2: Double
    public var before: BurstSummary
    public var after: BurstSummary

    public init(source: String, current: Double, before: BurstSummary, after: BurstSummary) {
        self.source = source
        current_uA_per_cm2 = current
        self.before = before
        self.after = after
    }
}
