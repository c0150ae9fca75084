import NeuroDynChip

/// How many mismatched dies of a compound fit still burst like the target,
/// before and after calibrating the pair for each die.
///
/// Die k's part on file neuron i has the factors ``MismatchModel/draw(seed:instance:element:)``
/// of (seed, instance k, element i), as every network of the file format
/// draws them. A die passes when it bursts at the design current with the
/// target's spikes per burst in every complete burst.
public struct CompoundMonteCarlo: Sendable {
    public let fit: CompoundFit
    public let mismatch: MismatchModel
    public let seed: UInt64

    public init(fit: CompoundFit, mismatch: MismatchModel, seed: UInt64) {
        self.fit = fit
        self.mismatch = mismatch
        self.seed = seed
    }

    /// One die's outcome.
    public struct Outcome: Codable, Sendable, Hashable {
        public let instance: Int
        /// The nominal codes on the die.
        public let before: BurstSummary
        public let beforePasses: Bool
        /// The pair calibrated for the die (nil when not asked).
        public let after: BurstSummary?
        public let afterPasses: Bool?

        enum CodingKeys: String, CodingKey {
            case instance, before, after
            case beforePasses = "before_passes", afterPasses = "after_passes"
        }
    }

    /// The factors of die `instance`, one per part.
    public func dies(_ instance: Int) -> [MismatchFactors] {
        fit.neuronIndices.map { mismatch.draw(seed: seed, instance: UInt64(instance), element: $0) }
    }

    /// Dies `first` … `first + count − 1`, run on every core; the results
    /// are the same whatever the number of threads.
    public func run(first: Int = 0, count: Int, calibrates: Bool) throws(FittingError) -> [Outcome] {
        let fit = self.fit
        return try ParallelMap.map(count: count) { (offset: Int) throws(FittingError) -> Outcome in
            let instance = first + offset
            let dies = self.dies(instance)
            let before = try fit.nominalBursts(on: dies)
            var after: BurstTrain?
            if calibrates { after = try fit.calibrated(for: dies).chipBursts }
            return Outcome(
                instance: instance, before: BurstSummary(before), beforePasses: fit.burstsLikeTarget(before),
                after: after.map(BurstSummary.init), afterPasses: after.map(fit.burstsLikeTarget))
        }
    }
}
