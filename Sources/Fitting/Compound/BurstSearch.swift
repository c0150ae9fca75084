import NeuroDynChip

/// Tunes a compound's slow part on its rounded codes until the chip bursts
/// as the target: a coordinate search (the best of every single move, until
/// none helps or the budget is spent) over the slow part's leak offset (±1,
/// ±2 codes), g_Na and g_K (×0.95, 0.98, 1.02, 1.05), the scale of both n
/// rates (their time constant), of n's β alone (its steady state), and each
/// of n's fourteen codes (±1). When the start does not burst, a coarse look
/// comes first: offsets within ±6 µA/cm² every 0.5, n's β halved, kept or
/// doubled.
///
/// The objective, summed over the currents it matches (the design current
/// first): |spikes per burst − target's| + 3 |period / target's − 1|; a chip
/// that does not burst scores 10 plus its relative distance to the target's
/// spike count. With a rebound test, the distance between the chip's and the
/// target's rebound spike counts is added.
struct BurstSearch: Sendable {
    let fast: ChipFit
    let slowBiases: ChipBiases
    let constants: ChipConstants
    /// What to match: the design current's reference first.
    let references: [BurstReference]
    /// A rebound test and the target's rebound spikes under it, matched too.
    let rebound: (test: ReboundProtocol, targetSpikes: Int)?
    let budget: Int
    /// The slow part's die.
    var slowDie: MismatchFactors = .none

    /// The search's moves on the slow part.
    struct Knobs: Hashable {
        var leak = 0
        var sodium = 1.0
        var potassium = 1.0
        var rates = 1.0
        var beta = 1.0
        /// Codes added to each of n's α and β weights (after the scales).
        var alphaSteps = [Int](repeating: 0, count: SplineCodes.count)
        var betaSteps = [Int](repeating: 0, count: SplineCodes.count)

        func applied(to base: NeuronRegisters) -> NeuronRegisters {
            var r = base
            r.leakOffset = base.leakOffset + leak
            r.conductances.sodium = base.conductances.sodium.scaled(by: sodium)
            r.conductances.potassium = base.conductances.potassium.scaled(by: potassium)
            func stepped(_ codes: [DigitalCode], _ steps: [Int]) -> [DigitalCode] {
                zip(codes, steps).map { DigitalCode(clamping: $0.value + $1) }
            }
            // Seven codes in, seven out: SplineCodes cannot refuse them.
            if let alpha = try? SplineCodes(stepped(base.splines.n.alpha.codes.map { $0.scaled(by: rates) }, alphaSteps)),
               let beta = try? SplineCodes(stepped(base.splines.n.beta.codes.map { $0.scaled(by: rates * beta) }, betaSteps)) {
                r.splines.n = PerRate(alpha: alpha, beta: beta)
            }
            return r
        }

        var neighbours: [Knobs] {
            var moves: [Knobs] = []
            for step in [-2, -1, 1, 2] {
                var k = self
                k.leak += step
                moves.append(k)
            }
            for factor in [0.95, 0.98, 1.02, 1.05] {
                for path in [\Knobs.sodium, \.potassium, \.rates, \.beta] {
                    var k = self
                    k[keyPath: path] *= factor
                    moves.append(k)
                }
            }
            for j in 0..<SplineCodes.count {
                for step in [-1, 1] {
                    var a = self
                    a.alphaSteps[j] += step
                    moves.append(a)
                    var b = self
                    b.betaSteps[j] += step
                    moves.append(b)
                }
            }
            return moves
        }
    }

    struct Outcome {
        let registers: NeuronRegisters
        let measured: Measured
        let evaluations: Int
    }

    /// What the search measures of a chip compound.
    struct Measured {
        /// The bursts after the settling time at each reference's current.
        let trains: [BurstTrain]
        /// The rebound spikes under the rebound test (nil without one).
        let reboundSpikes: Int?
    }

    /// The chip compound's bursts at each reference's current, and its
    /// rebound spikes, with `slow` as the slow part's codes.
    func measure(slow: NeuronRegisters) throws(FittingError) -> Measured {
        var slowNeuron = NeuroDynNeuron(registers: slow, biases: slowBiases, constants: constants)
        slowNeuron.perturb(with: slowDie)
        let neurons = [fast.neuron, slowNeuron]
        func spikes(_ stimulus: Stimulus, duration: Double) throws(FittingError) -> [Double] {
            do {
                return try CompoundFit.chipSpikeTimes(
                    neurons: neurons, mapping: fast.mapping, stimulus: CompoundVerification.units(stimulus).si,
                    duration: duration)
            } catch {
                throw .invalidTarget("the chip compound cannot be simulated: \(error.description)")
            }
        }
        var trains: [BurstTrain] = []
        for reference in references {
            let times = try spikes(.constant(reference.current), duration: reference.duration)
            trains.append(BurstTrain(spikeTimes: times, start: reference.settling, end: reference.duration))
        }
        var reboundSpikes: Int?
        if let test = rebound?.test { reboundSpikes = test.reboundSpikes(try spikes(test.stimulus, duration: test.end)) }
        return Measured(trains: trains, reboundSpikes: reboundSpikes)
    }

    /// The sum over the references of each one's score, plus the distance
    /// in spikes to the target's rebound burst.
    func score(_ measured: Measured) -> Double {
        let bursts = zip(measured.trains, references).map { Self.score($0, against: $1) }.reduce(0, +)
        guard let rebound, let spikes = measured.reboundSpikes else { return bursts }
        return bursts + Double(abs(spikes - rebound.targetSpikes))
    }

    /// |spikes per burst − target's| + 3 |period / target's − 1|, or for a
    /// chip that does not burst 10 plus its relative distance to the target's
    /// spike count.
    static func score(_ train: BurstTrain, against reference: BurstReference) -> Double {
        guard train.isBursting, let period = train.period, let target = reference.bursts.period else {
            // Not bursting: silent (held at rest or on a plateau) or tonic.
            // The distance to the target's spike count points the way.
            let wanted = Double(reference.bursts.spikeCount)
            return 10 + abs(Double(train.spikeCount) - wanted) / wanted
        }
        func mean(_ counts: [Int]) -> Double { Double(counts.reduce(0, +)) / Double(max(counts.count, 1)) }
        return abs(mean(train.spikesPerBurst) - mean(reference.bursts.spikesPerBurst)) + 3 * abs(period / target - 1)
    }

    /// The leak offset's current per code, µA/cm² (near the slow wave, where its tanh is saturated).
    func offsetPerCode(_ registers: NeuronRegisters) -> Double {
        var probe = registers
        probe.leakOffset = 1
        let mapping = fast.mapping.relativeToOrigin
        var neuron = NeuroDynNeuron(registers: probe, biases: slowBiases, constants: constants)
        neuron.perturb(with: slowDie)
        let chip = ChannelCurrents(neuron, at: mapping.chipVoltage(0), slowGate: 0).leak
        return abs(mapping.targetCurrent(chip)) * 1e6
    }

    /// Each of `knobs` applied to `start`, measured and scored, in order
    /// (run concurrently).
    func measured(_ knobs: [Knobs], start: NeuronRegisters) throws(FittingError)
        -> [(knobs: Knobs, measured: Measured, score: Double)]
    {
        try ParallelMap.map(count: knobs.count) { (i) throws(FittingError) in
            let measured = try measure(slow: knobs[i].applied(to: start))
            return (knobs[i], measured, score(measured))
        }
    }

    func tune(_ start: NeuronRegisters) throws(FittingError) -> Outcome {
        var best = Knobs()
        var bestMeasured = try measure(slow: start)
        var bestScore = score(bestMeasured)
        var evaluations = 1
        var seen: Set<Knobs> = [best]
        // A coarse look first, for a start in the bursting region: offsets
        // within ±6 µA/cm² every 0.5, n's β halved, kept or doubled.
        let perCode = offsetPerCode(start)
        if Self.score(bestMeasured.trains[0], against: references[0]) >= 10, perCode > 0 {
            var grid: [Knobs] = []
            for tenths in stride(from: -60, through: 60, by: 5) {
                for beta in [1.0, 0.5, 2] {
                    var k = Knobs()
                    k.leak = Int((Double(tenths) / 10 / perCode).rounded())
                    k.beta = beta
                    if !seen.contains(k) && !grid.contains(k) { grid.append(k) }
                }
            }
            let tried = Array(grid.prefix(max(0, budget - evaluations)))
            seen.formUnion(tried)
            evaluations += tried.count
            for (k, measured, s) in try measured(tried, start: start) where s < bestScore - 1e-9 {
                (best, bestMeasured, bestScore) = (k, measured, s)
            }
        }
        // Each round tries every unseen move of the best so far (concurrently;
        // the outcome is the first best in the moves' order, as if in turn)
        // and keeps the best.
        var improved = true
        while improved && evaluations < budget {
            improved = false
            let moves = Array(best.neighbours.filter { !seen.contains($0) }.prefix(budget - evaluations))
            seen.formUnion(moves)
            evaluations += moves.count
            var round = (knobs: best, measured: bestMeasured, score: bestScore)
            for (move, measured, s) in try measured(moves, start: start) where s < round.score - 1e-9 {
                round = (move, measured, s)
            }
            if round.score < bestScore - 1e-9 {
                (best, bestMeasured, bestScore) = round
                improved = true
            }
        }
        return Outcome(registers: best.applied(to: start), measured: bestMeasured, evaluations: evaluations)
    }
}
