import Foundation
import NeuroDynChip

extension HodgkinHuxleyFitter {
    /// The fitter that wrote a register file, rebuilt from the file's biases
    /// and its `target` and `fit` records (what `ndfit fit --format json` and
    /// ``ChipFit/registerFileJSON(fidelity:calibration:)`` write): scl_v, κ_lin,
    /// the compensation factors, reversal shifts and weight penalty (and for a
    /// calibrated die's file, the die and the nominal time scale).
    ///
    /// The fitter is checked by refitting: its codes must be the file's codes
    /// for `neuron`, so a file edited by hand, or written by another tool, is
    /// refused rather than calibrated against a fit it does not hold. The
    /// target is the model the record names (``ModelRecord/recorded(in:)``),
    /// loaded again and checked against its digest; a relative model file is
    /// looked for from `folder` (the register file's), then from the working
    /// folder.
    ///
    /// - Throws: ``FittingError/fitNotRecorded(_:)`` naming what is missing or
    ///   which register differs, or why the model cannot be loaded again;
    ///   ``FittingError`` of the refit.
    public static func recorded(
        in data: Data, neuron: Int = 0, relativeTo folder: URL? = nil
    ) throws(FittingError) -> HodgkinHuxleyFitter {
        let file: RegisterFile
        do {
            file = try RegisterFile.decode(data)
        } catch {
            throw .fitNotRecorded(error.description)
        }
        guard file.neurons.indices.contains(neuron) else {
            throw .fitNotRecorded("the file holds \(file.neurons.count) neuron(s), not neuron \(neuron)")
        }
        let record: RecordedFit
        do {
            record = try RegisterFile.decodePart(RecordedFit.self, from: data)
        } catch {
            throw .fitNotRecorded("its fit record cannot be read: \(error.description)")
        }
        guard let target = record.target, let fit = record.fit else {
            throw .fitNotRecorded("the file has no \(record.target == nil ? "target" : "fit") record; write it with `ndfit fit --format json`")
        }
        let chipTarget: HodgkinHuxleyModel
        do {
            chipTarget = try (record.model ?? .hodgkinHuxley1952).load(relativeTo: folder).chipTarget()
        } catch {
            throw .fitNotRecorded(error.description)
        }
        var constants = ChipConstants.neuroDyn
        constants.kappaLinear = fit.kappa_lin
        var fitter = HodgkinHuxleyFitter(
            target: chipTarget, voltageScale: target.scl_v, biases: file.biases, constants: constants,
            outOfRangePolicy: (fit.saturated ?? []).isEmpty ? .fail : .saturate,
            conductanceFactors: fit.conductance_factors, rateFactors: fit.rate_factors)
        fitter.reversalShifts = fit.reversal_shifts_V
        fitter.weightPenalty = fit.weight_penalty ?? 0
        fitter.fitRange = fit.fit_range ?? .published
        fitter.rateWeighting = fit.rate_weighting ?? .uniform
        fitter.driveCompensation = fit.drive_compensation ?? PerChannel(sodium: 0, potassium: 0, leak: 0)
        if let die = fit.die {
            // A calibrated die's file: its codes are for that die, on the
            // nominal time scale.
            fitter.die = die
            fitter.fixedTimeScale = fit.sigma_t
            fitter.outOfRangePolicy = .saturate
        }
        let refit = try fitter.fit().registers
        let wanted = file.neurons[neuron]
        if let register = Self.firstDifference(refit, wanted) {
            throw .fitNotRecorded(
                "its codes are not those of its recorded fit (\(register.name): file \(register.file), fit \(register.fit)); was it edited?")
        }
        return fitter
    }

    /// The first register (in register-file order) where two sets of codes differ.
    static func firstDifference(
        _ fit: NeuronRegisters, _ file: NeuronRegisters
    ) -> (name: String, file: Int, fit: Int)? {
        for channel in IonChannel.allCases {
            if fit.conductances[channel] != file.conductances[channel] {
                return ("dg.\(channel.rawValue)", file.conductances[channel].value, fit.conductances[channel].value)
            }
            if fit.reversals[channel] != file.reversals[channel] {
                return ("dE.\(channel.rawValue)", file.reversals[channel].value, fit.reversals[channel].value)
            }
        }
        for gate in Gate.allCases {
            for rate in Rate.allCases {
                let a = fit.splines[gate][rate].values, b = file.splines[gate][rate].values
                if let j = a.indices.first(where: { a[$0] != b[$0] }) {
                    return ("dIb.\(gate.rawValue).\(rate.rawValue)[\(j)]", b[j], a[j])
                }
            }
        }
        return nil
    }
}

/// The parts of a fit's register file that rebuild its fitter.
private struct RecordedFit: Decodable {
    struct Target: Decodable {
        let scl_v: Double
        /// The model's name; `hodgkin-huxley` in files written before model files.
        let model: String?
        let model_file: String?
        let model_sha256: String?
    }

    /// The model the record names; nil for files that name none.
    var model: ModelRecord? {
        guard let target, let digest = target.model_sha256, let name = target.model else { return nil }
        return ModelRecord(name: name, file: target.model_file, digest: digest)
    }

    struct Fit: Decodable {
        let kappa_lin: Double
        let sigma_t: Double
        let conductance_factors: PerChannel<Double>
        let rate_factors: PerGate<PerRate<Double>>
        let reversal_shifts_V: PerChannel<Double>
        /// Absent in files written before the penalty existed (then 0).
        let weight_penalty: Double?
        /// Absent in files written before fits for behaviour (then the
        /// published grid, uniform weights, no drive compensation).
        let fit_range: HodgkinHuxleyFitter.FitRange?
        let rate_weighting: HodgkinHuxleyFitter.RateWeighting?
        let drive_compensation: PerChannel<Double>?
        let saturated: [RegisterAdjustment]?
        /// Present in the file of a calibrated die.
        let die: MismatchFactors?
    }

    let target: Target?
    let fit: Fit?
}

extension ModelRecord {
    /// The model a register file's fit record names (`target.model`,
    /// `target.model_file`, `target.model_sha256`); nil for a file written
    /// before fits recorded their model (HH 1952 then), or one without a record.
    ///
    /// - Throws: ``FittingError/fitNotRecorded(_:)`` when the data is not a
    ///   JSON object or its `target` record is malformed.
    public static func recorded(in data: Data) throws(FittingError) -> ModelRecord? {
        do {
            return try RegisterFile.decodePart(RecordedFit.self, from: data).model
        } catch {
            throw .fitNotRecorded("its fit record cannot be read: \(error.description)")
        }
    }
}
