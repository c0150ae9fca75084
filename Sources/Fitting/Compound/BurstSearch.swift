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
/// The objective at the design current: |spikes per burst − target's| +
/// 3 |period / target's − 1|; a chip that does not burst scores 10 plus its
/// relative distance to the target's spike count.
struct BurstSearch: Sendable {
    let fast: ChipFit
    let slowBiases: ChipBiases
    let constants: ChipConstants
    let reference: BurstReference
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
        let bursts: BurstTrain
        let evaluations: Int
    }

    /// The chip compound's bursts, and its spike count, after the settling
    /// time at the design current with `slow` as the slow part's codes.
    func bursts(slow: NeuronRegisters) throws(FittingError) -> (train: BurstTrain, spikes: Int) {
        var slowNeuron = NeuroDynNeuron(registers: slow, biases: slowBiases, constants: constants)
        slowNeuron.perturb(with: slowDie)
        let neurons = [fast.neuron, slowNeuron]
        let spikes: [Double]
        do {
            spikes = try CompoundFit.chipSpikeTimes(
                neurons: neurons, mapping: fast.mapping, stimulus: .constant(reference.current * 1e-6),
                duration: reference.duration)
        } catch {
            throw .invalidTarget("the chip compound cannot be simulated: \(error.description)")
        }
        return (
            BurstTrain(spikeTimes: spikes, start: reference.settling, end: reference.duration),
            spikes.filter { $0 >= reference.settling }.count
        )
    }

    func score(_ measured: (train: BurstTrain, spikes: Int)) -> Double {
        let (train, spikeCount) = measured
        guard train.isBursting, let period = train.period, let target = reference.bursts.period else {
            // Not bursting: silent (held at rest or on a plateau) or tonic.
            // The distance to the target's spike count points the way.
            let wanted = Double(reference.spikeCount)
            return 10 + abs(Double(spikeCount) - wanted) / wanted
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

    func tune(_ start: NeuronRegisters) throws(FittingError) -> Outcome {
        var best = Knobs()
        var bestTrain = try bursts(slow: start)
        var bestScore = score(bestTrain)
        var evaluations = 1
        var seen: Set<Knobs> = [best]
        // A coarse look first, for a start in the bursting region: offsets
        // within ±6 µA/cm² every 0.5, n's β halved, kept or doubled.
        let perCode = offsetPerCode(start)
        if bestScore >= 10, perCode > 0 {
            for tenths in stride(from: -60, through: 60, by: 5) {
                for beta in [1.0, 0.5, 2] where evaluations < budget {
                    var k = Knobs()
                    k.leak = Int((Double(tenths) / 10 / perCode).rounded())
                    k.beta = beta
                    guard !seen.contains(k) else { continue }
                    seen.insert(k)
                    evaluations += 1
                    let train = try bursts(slow: k.applied(to: start))
                    let s = score(train)
                    if s < bestScore - 1e-9 { (best, bestTrain, bestScore) = (k, train, s) }
                }
            }
        }
        var improved = true
        while improved && evaluations < budget {
            improved = false
            var round = (knobs: best, train: bestTrain, score: bestScore)
            for move in best.neighbours where !seen.contains(move) && evaluations < budget {
                seen.insert(move)
                evaluations += 1
                let train = try bursts(slow: move.applied(to: start))
                let s = score(train)
                if s < round.score - 1e-9 { round = (move, train, s) }
            }
            if round.score < bestScore - 1e-9 {
                (best, bestTrain, bestScore) = round
                improved = true
            }
        }
        return Outcome(registers: best.applied(to: start), bursts: bestTrain.train, evaluations: evaluations)
    }
}
