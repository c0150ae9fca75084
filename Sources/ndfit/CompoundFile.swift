import Fitting
import Foundation
import NeuroDynChip

/// A compound register file and the fit it came from.
enum CompoundFile {
    /// What the commands read from a compound fit's record.
    struct Record: Decodable {
        struct Target: Decodable {
            let model: String
            let model_file: String?
            /// Absent from files written before compound models were recorded by digest.
            let model_sha256: String?
        }
        struct Fit: Decodable {
            struct Bursts: Decodable { let current_uA_per_cm2: Double }
            let bursts: Bursts?
            /// The other currents the search matched (none in a file made before there were any).
            let also_matched: [Bursts]?
            /// The target's band (µA/cm²: lowest, highest).
            let band_uA_per_cm2: [Double]?
            /// The rebound test the search matched (none in a file made before there was one).
            let rebound: RecordedRebound?
        }
        let target: Target?
        let fit: Fit?

        /// The rebound test the fit matched, nil when it matched none.
        var reboundTest: ReboundProtocol? { fit?.rebound?.test }

        /// The target's band the fit recorded, nil when it has none.
        var band: ClosedRange<Double>? {
            guard let b = fit?.band_uA_per_cm2, b.count == 2, b[0].isFinite, b[1].isFinite, b[0] <= b[1] else { return nil }
            return b[0]...b[1]
        }
    }

    /// The compound model the file's record names (a built-in, or the model
    /// file it records, checked against its digest), or `given` (which must
    /// then be the recorded one); and the record (nil when the file has none
    /// that can be read).
    static func target(named given: String?, data: Data, path: String) throws
        -> (model: CompoundModel, target: CompoundTarget, record: Record?)
    {
        let record = try? JSONDecoder().decode(Record.self, from: data)
        let model: CompoundModel
        do {
            if let given {
                model = try CompoundModel.load(given)
                if let recorded = record?.target?.model_sha256, recorded != ModelRecord.digest(of: model) {
                    throw ModelError.changed(model: given, found: ModelRecord.digest(of: model), recorded: recorded)
                }
            } else if let target = record?.target, let digest = target.model_sha256 {
                model = try ModelRecord(name: target.model, file: target.model_file, digest: digest)
                    .loadCompound(relativeTo: InputFile.folder(of: path))
            } else {
                model = try CompoundModel.load(record?.target?.model ?? "")
            }
            return (model, try model.target(), record)
        } catch {
            throw CommandFailure("\(path): its compound model: \(error)")
        }
    }

    /// The fit of the file made again (the fit is deterministic), refused
    /// unless it gives the file's codes and biases: what is calibrated must
    /// be what was fitted. With the compound model and the record it was
    /// made from.
    ///
    /// The search matches what the record says it matched: the target's
    /// band as `fit` finds it by default when the record has one, else the
    /// currents it lists; and its rebound test, if any.
    static func refit(_ file: RegisterFile, data: Data, path: String) throws
        -> (fit: CompoundFit, model: CompoundModel, record: Record?)
    {
        let (model, target, record) = try target(named: nil, data: data, path: path)
        guard let mapping = file.mapping else { throw CommandFailure("\(path): has no mapping (it is not a fit's)") }
        var fitter = CompoundFitter(
            target: target, voltageScale: mapping.voltageScale,
            designCurrent: record?.fit?.bursts?.current_uA_per_cm2 ?? -5, biases: file.biases)
        if record?.band == nil {
            fitter.searchCurrents = .currents(record?.fit?.also_matched?.map(\.current_uA_per_cm2) ?? [])
        }
        fitter.rebound = record?.reboundTest
        let fit: CompoundFit
        do {
            let progress = ProgressReporter(label: "fitting the pair again")
            defer { progress.finish() }
            fit = try fitter.fit()
        }
        let written = fit.registerFile
        guard written.neurons == file.neurons, written.boardBiases == file.boardBiases,
              written.compoundNeurons == file.compoundNeurons
        else {
            throw CommandFailure("\(path): its codes are not those `ndfit fit --model \(model.name)` gives; only a compound file as fitted can be calibrated")
        }
        return (fit, model, record)
    }
}

/// `perturb --simulate [--calibrate]` on a compound file.
struct CompoundMonteCarloReport: Encodable {
    let sigma: Double
    let seed: UInt64
    let current_uA_per_cm2: Double
    let target_spikes_per_burst: [Int]
    let dies: [CompoundMonteCarlo.Outcome]

    var before: Int { dies.filter(\.beforePasses).count }
    var after: Int? { dies.first?.afterPasses == nil ? nil : dies.filter { $0.afterPasses == true }.count }

    enum Keys: String, CodingKey { case sigma, seed, current_uA_per_cm2, target_spikes_per_burst, dies, summary }
    struct Summary: Encodable { let count: Int; let bursting_like_target_before: Int; let bursting_like_target_after: Int? }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Keys.self)
        try container.encode(sigma, forKey: .sigma)
        try container.encode(seed, forKey: .seed)
        try container.encode(current_uA_per_cm2, forKey: .current_uA_per_cm2)
        try container.encode(target_spikes_per_burst, forKey: .target_spikes_per_burst)
        try container.encode(dies, forKey: .dies)
        try container.encode(Summary(count: dies.count, bursting_like_target_before: before, bursting_like_target_after: after), forKey: .summary)
    }

    var text: String {
        func spb(_ s: BurstSummary) -> String { s.spikes_per_burst.isEmpty ? "no bursts" : s.spikesPerBurstText }
        var lines = [String(format: "%d dies (σ = %g, seed %llu) at %g µA/cm²; the target bursts %@ spikes at a time",
                            dies.count, sigma, seed, current_uA_per_cm2,
                            target_spikes_per_burst.map(String.init).joined(separator: ","))]
        for die in dies {
            var line = "  die \(die.instance): \(spb(die.before))" + (die.beforePasses ? " (as the target)" : "")
            if let after = die.after {
                line += " → calibrated: \(spb(after))" + (die.afterPasses == true ? " (as the target)" : "")
                if let period = after.period_s { line += String(format: ", period %.1f ms", period * 1e3) }
            }
            lines.append(line)
        }
        lines.append(String(format: "bursting as the target: %d of %d before", before, dies.count)
            + (after.map { String(format: ", %d of %d after calibration", $0, dies.count) } ?? ""))
        return lines.joined(separator: "\n") + "\n"
    }
}
