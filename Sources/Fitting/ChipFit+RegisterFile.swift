import Foundation
import NeuroDynChip

extension ChipFit {
    /// The register file of this fit: its biases, its codes and the mapping.
    public var registerFile: RegisterFile {
        do {
            return try RegisterFile(
                biases: biases, neurons: [registers],
                mapping: RegisterFile.Mapping(
                    voltageScale: voltageScale, speedUp: speedUp, currentGain: currentGain,
                    voltageOffset: voltageOffset))
        } catch {
            preconditionFailure("a fit's register file is valid: \(error)")
        }
    }

    /// The register file as JSON, with the `target` and `fit` objects the
    /// contract allows: what was fitted, and the fit's figures.
    ///
    /// Deterministic: the same fit always gives the same bytes. With a
    /// `fidelity` report, the `fit` object carries it too.
    public func registerFileJSON(fidelity: FidelityReport? = nil) throws(RegisterFileError) -> Data {
        do {
            return try RegisterFile.encoder.encode(FitDocument(fit: self, fidelity: fidelity))
        } catch {
            throw .malformed(reason: "cannot encode the fit: \(error)")
        }
    }
}

/// The JSON document of a fit: the register file's keys plus `target` and `fit`.
struct FitDocument: Encodable {
    let fit: ChipFit
    let fidelity: FidelityReport?

    enum Keys: String, CodingKey { case target, fit }

    struct Channels: Encodable {
        let na: Double, k: Double, l: Double
        init(_ values: PerChannel<Double>) { (na, k, l) = (values.sodium, values.potassium, values.leak) }
    }

    struct Rates<Value: Encodable>: Encodable {
        let alpha: Value, beta: Value
        init(_ pair: PerRate<Value>) { (alpha, beta) = (pair.alpha, pair.beta) }
    }

    struct Gates<Value: Encodable>: Encodable {
        let m: Value, h: Value, n: Value
        init(_ values: PerGate<Value>) { (m, h, n) = (values.m, values.h, values.n) }
    }

    struct Target: Encodable {
        let model = "hodgkin-huxley"
        let units = "SI"
        let scl_v: Double
        let g: Channels
        let E: Channels
        let C: Double
    }

    struct GateFigures: Encodable {
        let kind: String
        let rate_max_relative_error: Rates<FitQuality.Pair>
        let x_inf_max_abs_error: FitQuality.Pair
        let tau_max_relative_error: FitQuality.Pair
    }

    struct Analog: Encodable {
        let g: Channels
        let E_offset: Channels
        let Ib: Gates<Rates<[Double]>>
    }

    struct Figures: Encodable {
        let kappa_lin: Double
        let sigma_t: Double
        let sigma_w: Double
        let sigma_g: Double
        let v_mean: Double
        let grid_points: Int
        let weights_per_second: Gates<Rates<[Double]>>
        let analog: Analog
        let quality: Gates<GateFigures>
        let saturated: [RegisterAdjustment]
        let conductance_factors: Channels
        let rate_factors: Gates<Rates<Double>>
        let fidelity: FidelityReport?
    }

    func encode(to encoder: any Encoder) throws {
        try fit.registerFile.encode(to: encoder)
        var container = encoder.container(keyedBy: Keys.self)
        let target = fit.target
        try container.encode(
            Target(scl_v: fit.voltageScale, g: Channels(target.conductances),
                   E: Channels(target.reversalPotentials), C: target.capacitance),
            forKey: .target)
        let quality = fit.quality.gates  // computed once
        try container.encode(
            Figures(
                kappa_lin: fit.constants.kappaLinear, sigma_t: fit.timeScales.timeScale,
                sigma_w: fit.timeScales.fromWeights, sigma_g: fit.timeScales.fromConductances,
                v_mean: fit.meanVoltage, grid_points: fit.voltageGrid.count,
                weights_per_second: Gates(fit.gates.map { _, g in Rates(g.weights) }),
                analog: Analog(
                    g: Channels(fit.analog.conductances), E_offset: Channels(fit.analog.reversalOffsets),
                    Ib: Gates(fit.analog.splineWeights.map { _, r in Rates(r) })),
                quality: Gates(quality.map { gate, q in
                    GateFigures(
                        kind: fit.gates[gate].kind.rawValue, rate_max_relative_error: Rates(q.rates),
                        x_inf_max_abs_error: q.steadyState, tau_max_relative_error: q.timeConstant)
                }),
                saturated: fit.saturated,
                conductance_factors: Channels(fit.conductanceFactors),
                rate_factors: Gates(fit.rateFactors.map { _, r in Rates(r) }),
                fidelity: fidelity),
            forKey: .fit)
    }
}
