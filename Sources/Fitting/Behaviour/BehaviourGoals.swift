import Foundation
/// The levels a chip's behaviour must reach against its target's, and the
/// assessment of a report against them.
///
/// Every assessment has a score: the error divided by its allowance, so a
/// score ≤ 1 meets the goal. The fidelity search minimises the sum of the
/// squared scores, so the same numbers that judge a fit also steer it.
public struct BehaviourGoals: Sendable, Hashable {
    /// Γ averaged over the noise settings, and the smallest Γ allowed.
    public var meanCoincidence: Double
    public var minimumCoincidence: Double
    /// Spike count under each noise setting, relative to the target's.
    public var spikeCountTolerance: Double
    /// Spike width, relative.
    public var widthTolerance: Double
    /// Spike peak and trough, in volts.
    public var peakTroughTolerance: Double
    /// Resting potential, in volts.
    public var restTolerance: Double
    /// Step deflections (steady and peak) and rise time, relative.
    public var stepTolerance: Double
    /// First-spike latencies, relative.
    public var latencyTolerance: Double
    /// The f-I error and the rheobase (relative).
    public var firingErrorLimit: Double
    public var rheobaseTolerance: Double

    public init(
        meanCoincidence: Double = 0.8, minimumCoincidence: Double = 0.6, spikeCountTolerance: Double = 0.15,
        widthTolerance: Double = 0.15, peakTroughTolerance: Double = 8e-3, restTolerance: Double = 2e-3,
        stepTolerance: Double = 0.2, latencyTolerance: Double = 0.1, firingErrorLimit: Double = 0.05,
        rheobaseTolerance: Double = 0.1
    ) {
        self.meanCoincidence = meanCoincidence
        self.minimumCoincidence = minimumCoincidence
        self.spikeCountTolerance = spikeCountTolerance
        self.widthTolerance = widthTolerance
        self.peakTroughTolerance = peakTroughTolerance
        self.restTolerance = restTolerance
        self.stepTolerance = stepTolerance
        self.latencyTolerance = latencyTolerance
        self.firingErrorLimit = firingErrorLimit
        self.rheobaseTolerance = rheobaseTolerance
    }

    /// The goals of dynamic fidelity: Γ ≥ 0.8 on average and ≥ 0.6 at every
    /// setting, spike counts within 15%, width within 15%, peak and trough
    /// within 8 mV, rest within 2 mV, no spike at the small step, step
    /// deflections and rise time within 20%, latencies within 10%, f-I error
    /// ≤ 0.05 and rheobase within 10%.
    public static let standard = BehaviourGoals()

    /// The unit of an assessed value.
    public enum Unit: String, Sendable, Hashable, Codable {
        case none = "", count, seconds = "s", volts = "V", currentDensity = "uA/cm2"
    }

    /// One measure judged against its goal.
    public struct Assessment: Sendable, Hashable, Codable {
        /// What is measured (`"spike width"`, `"latency at 10 µA/cm²"`).
        public var measure: String
        /// The target's and the chip's values (nil: not measurable, e.g. a
        /// neuron that does not fire), in ``unit``.
        public var target: Double?
        public var chip: Double?
        public var unit: Unit
        /// The error over its allowance (≤ 1 meets the goal; a chip that
        /// cannot be measured where the target can scores ``missingScore``).
        public var score: Double
        /// Whether the goal is met.
        public var met: Bool { score <= 1 }

        enum CodingKeys: String, CodingKey { case measure, target, chip, unit, score, met }

        public init(measure: String, target: Double?, chip: Double?, unit: Unit, score: Double) {
            self.measure = measure
            self.target = target
            self.chip = chip
            self.unit = unit
            self.score = score
        }

        public init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            measure = try container.decode(String.self, forKey: .measure)
            target = try container.decodeIfPresent(Double.self, forKey: .target)
            chip = try container.decodeIfPresent(Double.self, forKey: .chip)
            unit = try container.decode(Unit.self, forKey: .unit)
            score = try container.decode(Double.self, forKey: .score)
        }

        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(measure, forKey: .measure)
            try container.encode(target, forKey: .target)
            try container.encode(chip, forKey: .chip)
            try container.encode(unit, forKey: .unit)
            try container.encode(score, forKey: .score)
            try container.encode(met, forKey: .met)
        }
    }

    /// The score of a measure the chip lacks while the target has it.
    public static let missingScore = 10.0

    /// Every measure of `report` against these goals, in a fixed order:
    /// Γ mean and minimum, spike counts, shape, rest, step, latencies, f-I.
    public func assess(_ report: BehaviourReport) -> [Assessment] {
        let target = report.target, chip = report.chip
        var result: [Assessment] = []
        /// A measure scored by `error` where both neurons have it, 0 where
        /// neither has, the missing score where only the target has.
        func compare(_ name: String, _ t: Double?, _ c: Double?, _ unit: Unit, error: (Double, Double) -> Double) {
            let score: Double
            switch (t, c) {
            case let (t?, c?): score = error(t, c)
            case (nil, nil): score = 0
            case (.some, nil), (nil, .some): score = Self.missingScore
            }
            result.append(Assessment(measure: name, target: t, chip: c, unit: unit, score: score))
        }
        /// Relative to the target's value; a target of 0 is met only by 0.
        func relative(_ name: String, _ t: Double?, _ c: Double?, _ tolerance: Double, _ unit: Unit) {
            compare(name, t, c, unit) { t, c in
                t == 0 ? (c == 0 ? 0 : Self.missingScore) : abs(c - t) / (tolerance * abs(t))
            }
        }
        func absolute(_ name: String, _ t: Double?, _ c: Double?, _ tolerance: Double, _ unit: Unit) {
            compare(name, t, c, unit) { t, c in abs(c - t) / tolerance }
        }
        let gammas = report.coincidences
        let mean = report.meanCoincidence, minimum = gammas.compactMap { $0 }.min()
        result.append(Assessment(
            measure: "Γ mean", target: 1, chip: mean, unit: .none,
            score: mean.map { max(0, 1 - $0) / (1 - meanCoincidence) } ?? Self.missingScore))
        result.append(Assessment(
            measure: "Γ minimum", target: 1, chip: minimum, unit: .none,
            score: minimum.map { max(0, 1 - $0) / (1 - minimumCoincidence) } ?? Self.missingScore))
        for (k, setting) in report.noise.enumerated() {
            relative(
                "spikes under noise μ \(Self.format(setting.mean)), σ \(Self.format(setting.standardDeviation))",
                Double(target.noiseSpikes[k].count), Double(chip.noiseSpikes[k].count), spikeCountTolerance, .count)
        }
        relative("spike width", target.shape?.width, chip.shape?.width, widthTolerance, .seconds)
        // Voltages as the model has them: measured from its origin, which is added back.
        let origin = report.voltageOrigin
        func level(_ v: Double?) -> Double? { v.map { $0 + origin } }
        absolute("spike peak", level(target.shape?.peak), level(chip.shape?.peak), peakTroughTolerance, .volts)
        absolute("spike trough", level(target.shape?.trough), level(chip.shape?.trough), peakTroughTolerance, .volts)
        absolute("resting potential", level(target.rest), level(chip.rest), restTolerance, .volts)
        let stepSpikes = Double(chip.step?.spikes ?? 0), targetStepSpikes = Double(target.step?.spikes ?? 0)
        result.append(Assessment(
            measure: "spikes at the small step", target: targetStepSpikes, chip: stepSpikes, unit: .count,
            score: stepSpikes == targetStepSpikes ? 0 : Self.missingScore))
        relative("step steady deflection", target.step?.steadyDeflection, chip.step?.steadyDeflection, stepTolerance, .volts)
        relative("step peak deflection", target.step?.peakDeflection, chip.step?.peakDeflection, stepTolerance, .volts)
        relative("step rise time", target.step?.riseTime, chip.step?.riseTime, stepTolerance, .seconds)
        for (k, current) in report.latencyCurrents.enumerated() {
            relative(
                "latency at \(Self.format(current)) µA/cm²", target.latencies[k], chip.latencies[k], latencyTolerance,
                .seconds)
        }
        if let firing = report.firing {
            result.append(Assessment(
                measure: "f-I error", target: 0, chip: firing.error.isFinite ? firing.error : nil, unit: .none,
                score: firing.error.isFinite ? firing.error / firingErrorLimit : Self.missingScore))
            relative("rheobase", firing.targetRheobase, firing.chipRheobase, rheobaseTolerance, .currentDensity)
        }
        return result
    }

    static func format(_ x: Double) -> String {
        x == x.rounded() ? String(Int(x)) : String(format: "%.4g", x)
    }
}
