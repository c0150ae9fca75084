import Dispatch
import NeuroDynChip

/// Calibration over a population of mismatched dies: instance k of seed N
/// (``MismatchModel/draw(seed:instance:)``) is measured with the nominal codes
/// (fidelity before), calibrated (``DieCalibration``) and measured again.
///
/// The fidelity error is the measure of ``FiringProtocol/standard`` against
/// the target of the nominal fit, with the nominal mapping (calibration keeps
/// it); rheobases are not located. The target's rates are computed once.
///
/// Instances run in batches on every core and are delivered in order; an
/// outcome depends only on (fit, mismatch, seed, k), never on the number of
/// threads. Nothing but the outcomes is kept: memory stays flat in the count.
public struct CalibrationRun: Sendable {
    /// The result for one die.
    public struct Outcome: Sendable, Hashable {
        /// The instance index k.
        public let instance: Int
        /// The die's fidelity with the nominal codes.
        public let before: FidelityReport
        /// The die's fidelity with its calibrated codes.
        public let after: FidelityReport
        /// Registers the die wanted past the end of their range (clamped).
        public let saturated: [String]
        /// With a ``CalibrationRun/bench``: the die's factors as measured,
        /// their standard errors and what measuring cost (nil without a
        /// bench, or when the characterization failed).
        public let estimate: DieEstimate?
        /// The RMS relative error of ``estimate`` against the drawn factors.
        public let estimateError: Double?
        /// Wall time of the calibration alone, in seconds (varies from run to
        /// run; not part of any deterministic output).
        public let seconds: Double
    }

    /// The calibration applied to every die (its fitter is the nominal fit's).
    public let calibration: DieCalibration
    public let mismatch: MismatchModel
    public let seed: UInt64
    public let firing: FiringProtocol
    /// The nominal fit.
    public let nominal: ChipFit
    /// The target's steady rates over ``firing``'s currents (Hz, chip time).
    public let targetRates: [Double]
    /// When set, each die is calibrated from measurements on this emulated
    /// bench (``MeasuredCalibration``), not from its drawn factors; its
    /// fidelity after is still that of the true die.
    public var bench: EmulatedBench?
    /// How a measured die is characterized (with ``bench``).
    public var characterization = DieCharacterization()

    /// Prepares the run: fits the nominal codes and measures the target once.
    ///
    /// - Throws: ``FittingError`` when the fitter fails;
    ///   ``FittingError/invalidTarget(_:)`` when the target cannot be simulated.
    public init(
        calibration: DieCalibration, mismatch: MismatchModel, seed: UInt64, firing: FiringProtocol? = nil
    ) throws(FittingError) {
        let firing = firing ?? FiringProtocol.standard.scalingCurrents(by: calibration.currentScale)
        // The search's target is measured once for every die.
        self.calibration = try calibration.prepared()
        self.mismatch = mismatch
        self.seed = seed
        self.firing = firing
        nominal = try calibration.fitter.fit()
        let target = nominal.comparisonTarget
        do {
            targetRates = try ParallelMap.map(count: firing.currents.count) { (k) throws(NeuroDynError) in
                try FiringRates.target(target, current: firing.currents[k], protocol: firing)
            }
        } catch {
            throw .invalidTarget("the target cannot be simulated: \(error.description)")
        }
    }

    /// The fidelity of `chip` (rates over the protocol's currents, no rheobases).
    public func fidelity(of chip: NeuroDynNeuron) -> FidelityReport {
        let mapping = nominal.mapping
        let rates = firing.currents.map { current in
            // A run that cannot be simulated counts as silent.
            (try? FiringRates.chip(chip, mapping: mapping, current: current, protocol: firing)) ?? 0
        }
        return FidelityReport(
            currents: firing.currents, targetRates: targetRates, chipRates: rates, targetRheobase: nil,
            chipRheobase: nil)
    }

    /// Measures, calibrates and measures again die `k`.
    public func outcome(_ k: Int) -> Outcome {
        let factors = mismatch.draw(seed: seed, instance: UInt64(k))
        var die = nominal.neuron
        die.perturb(with: factors)
        let before = fidelity(of: die)
        let start = DispatchTime.now().uptimeNanoseconds
        var estimate: DieEstimate?
        let calibrated: ChipFit?
        if let bench {
            var emulated = bench.die(factors, instance: UInt64(k), like: nominal.neuron)
            let measured = try? MeasuredCalibration(characterization: characterization, calibration: calibration)
                .calibrate(&emulated)
            estimate = measured?.estimate
            calibrated = measured?.fit
        } else {
            calibrated = try? calibration.calibrate(factors)
        }
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) * 1e-9
        // A calibration that fails (it cannot, for a fitter that fitted the
        // nominal die; a measured one can) leaves the die as it was. The die
        // after is the calibrated programming on the die's true factors.
        let after = calibrated.map { calibrated in
            var programmed = calibrated.neuron
            programmed.perturb(with: factors)
            return fidelity(of: programmed)
        } ?? before
        return Outcome(
            instance: k, before: before, after: after, saturated: calibrated?.saturated.map(\.register) ?? [],
            estimate: estimate, estimateError: estimate?.relativeError(against: factors), seconds: seconds)
    }

    /// Runs instances first..<first + count, calling `deliver` with each
    /// outcome in instance order, from the calling thread. A shard of a
    /// population (`first` > 0) gives exactly the outcomes the whole run
    /// gives for its instances.
    ///
    /// - Parameter batchSize: instances run concurrently before delivery.
    public func run(first: Int = 0, count: Int, batchSize: Int = 16, deliver: (Outcome) throws -> Void) rethrows {
        precondition(first >= 0 && count >= 0 && batchSize > 0, "first ≥ 0, count ≥ 0, batch > 0")
        var start = first
        let stop = first + count
        while start < stop {
            let batchStart = start, end = min(stop, start + batchSize)
            for outcome in ParallelMap.map(count: end - batchStart, { outcome(batchStart + $0) }) {
                try deliver(outcome)
            }
            start = end
        }
    }
}
