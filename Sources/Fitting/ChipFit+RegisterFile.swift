import Foundation
import NeuroDynChip

extension ChipFit {
    /// The register file of this fit: its biases, its codes and the mapping.
    public var registerFile: RegisterFile {
        do {
            return try RegisterFile(biases: biases, neurons: [registers], mapping: mapping)
        } catch {
            preconditionFailure("a fit's register file is valid: \(error)")
        }
    }

    /// The register file as JSON, with the `target` and `fit` objects the
    /// contract allows: what was fitted, and the fit's figures.
    ///
    /// Deterministic: the same fit always gives the same bytes. With a
    /// `fidelity` report, the `fit` object carries it too, and with a
    /// `behaviour` report its summary (`fit.behaviour`); a fit for a die
    /// records the die's factors in `fit.die` (`neurodyn-factors/1`), and a
    /// `calibration` record becomes the top-level `calibration` object.
    /// `model` names the model in `target` (`model`, `model_file`,
    /// `model_sha256`) so that ``HodgkinHuxleyFitter/recorded(in:neuron:relativeTo:)``
    /// can rebuild the target (``FitTarget/record``; HH 1952 by default).
    public func registerFileJSON(
        model: ModelRecord = .hodgkinHuxley1952, fidelity: FidelityReport? = nil, behaviour: BehaviourReport? = nil,
        calibration: CalibrationRecord? = nil
    ) throws(RegisterFileError) -> Data {
        do {
            return try RegisterFile.encoder.encode(FitDocument(
                fit: self, model: model, fidelity: fidelity, behaviour: behaviour?.summary(), calibration: calibration))
        } catch {
            throw .malformed(reason: "cannot encode the fit: \(error)")
        }
    }
}

/// The JSON document of a fit: the register file's keys plus `target` and `fit`.
struct FitDocument: Encodable {
    let fit: ChipFit
    let model: ModelRecord
    let fidelity: FidelityReport?
    let behaviour: BehaviourReport.Summary?
    let calibration: CalibrationRecord?

    enum Keys: String, CodingKey { case target, fit, calibration }

    struct Target: Encodable {
        let model: String
        let model_file: String?
        let model_sha256: String
        let units = "SI"
        let scl_v: Double
        let g: PerChannel<Double>
        let E: PerChannel<Double>
        let C: Double
    }

    struct GateFigures: Codable {
        let kind: String
        let rate_max_relative_error: PerRate<FitQuality.Pair>
        let x_inf_max_abs_error: FitQuality.Pair
        let tau_max_relative_error: FitQuality.Pair
    }

    struct Analog: Encodable {
        let g: PerChannel<Double>
        let E_offset: PerChannel<Double>
        let Ib: PerGate<PerRate<[Double]>>
    }

    struct Figures: Encodable {
        let kappa_lin: Double
        let sigma_t: Double
        let sigma_w: Double
        let sigma_g: Double
        let v_mean: Double
        let grid_points: Int
        let weights_per_second: PerGate<PerRate<[Double]>>
        let analog: Analog
        let quality: PerGate<GateFigures>
        let saturated: [RegisterAdjustment]
        let conductance_factors: PerChannel<Double>
        let rate_factors: PerGate<PerRate<Double>>
        let reversal_shifts_V: PerChannel<Double>
        let weight_penalty: Double
        let fit_range: HodgkinHuxleyFitter.FitRange
        let rate_weighting: HodgkinHuxleyFitter.RateWeighting
        let drive_compensation: PerChannel<Double>
        let die: MismatchFactors?
        let fidelity: FidelityReport?
        let behaviour: BehaviourReport.Summary?
    }

    func encode(to encoder: any Encoder) throws {
        try fit.registerFile.encode(to: encoder)
        var container = encoder.container(keyedBy: Keys.self)
        let target = fit.target
        try container.encode(
            Target(
                model: model.name, model_file: model.file, model_sha256: model.digest, scl_v: fit.voltageScale,
                g: target.conductances, E: target.reversalPotentials, C: target.capacitance),
            forKey: .target)
        let quality = fit.quality.gates  // computed once
        try container.encode(
            Figures(
                kappa_lin: fit.constants.kappaLinear, sigma_t: fit.timeScales.timeScale,
                sigma_w: fit.timeScales.fromWeights, sigma_g: fit.timeScales.fromConductances,
                v_mean: fit.meanVoltage, grid_points: fit.voltageGrid.count,
                weights_per_second: fit.gates.map { _, g in g.weights },
                analog: Analog(
                    g: fit.analog.conductances, E_offset: fit.analog.reversalOffsets, Ib: fit.analog.splineWeights),
                quality: quality.map { gate, q in
                    GateFigures(
                        kind: fit.gates[gate].kind.rawValue, rate_max_relative_error: q.rates,
                        x_inf_max_abs_error: q.steadyState, tau_max_relative_error: q.timeConstant)
                },
                saturated: fit.saturated,
                conductance_factors: fit.conductanceFactors,
                rate_factors: fit.rateFactors,
                reversal_shifts_V: fit.reversalShifts,
                weight_penalty: fit.weightPenalty,
                fit_range: fit.fitRange, rate_weighting: fit.rateWeighting, drive_compensation: fit.driveCompensation,
                die: fit.die.isNone ? nil : fit.die,
                fidelity: fidelity, behaviour: behaviour),
            forKey: .fit)
        try container.encodeIfPresent(calibration, forKey: .calibration)
    }
}
