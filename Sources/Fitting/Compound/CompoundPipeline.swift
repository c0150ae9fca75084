import NeuroDynChip

/// Steps 3 and 4 of ``CompoundFitter`` (the slow-wave correction, the slow
/// gate's refinement and the burst search) from the parts' fitters, for a
/// nominal pair or for given dies: calibrating a die's pair is running them
/// again with its factors, on the nominal time scale and biases.
struct CompoundPipeline: Sendable {
    let target: CompoundTarget
    /// The spiking and the slow part's fitters, on their boards, time scale fixed.
    let fitters: [HodgkinHuxleyFitter]
    /// The target's bursts at the design current, then at each other search current.
    let references: [BurstReference]
    let ownTimeScales: [Double]
    /// The factors the first pass's correction put on the slow part's g_Na and g_K.
    let firstFactors: (sodium: Double, potassium: Double)
    /// The rebound test the search matches, and the target's rebound spikes under it.
    let rebound: (test: ReboundProtocol, targetSpikes: Int)?
    /// The target's band, when the search currents were taken from it.
    let band: ClosedRange<Double>?
    let constants: ChipConstants
    let budget: Int

    func run(dies: [MismatchFactors]) throws(FittingError) -> CompoundFit {
        var fast = fitters[0], slow = fitters[1]
        fast.die = dies[0]
        slow.die = dies[1]
        let fastFit = try fast.fit(), slowFit = try slow.fit()
        let window = references[0].slowWave
        let correction = try SlowWaveCorrection(target: target, fast: fastFit, slow: slowFit, window: window)
        let top = target.parts[0].reversalPotentials.sodium - target.parts[0].voltageOrigin
        let refinement = SlowGateRefinement(
            gate: .n, voltages: Array(stride(from: window.voltages[0], through: top, by: 1)),
            target: target.parts[1], mapping: fastFit.mapping, biases: slowFit.biases, constants: constants,
            die: dies[1])
        let corrected = refinement.refined(correction.corrected(slowFit.registers))
        let search = BurstSearch(
            fast: fastFit, slowBiases: slowFit.biases, constants: constants, references: references, rebound: rebound,
            budget: budget, slowDie: dies[1])
        let tuned = try search.tune(corrected)
        return CompoundFit(
            parts: [fastFit, slowFit], registers: [fastFit.registers, tuned.registers], dies: dies,
            ownTimeScales: ownTimeScales, matched: zip(references, tuned.measured.trains).map {
                CompoundFit.Matched(current: $0.current, target: $0.bursts, chip: $1)
            },
            targetBand: band,
            rebound: rebound.flatMap { test in
                tuned.measured.reboundSpikes.map { CompoundFit.ReboundMatch(test: test.test, target: test.targetSpikes, chip: $0) }
            },
            searchEvaluations: tuned.evaluations, slowWaveWindow: window,
            correctionFactors: firstFactors, measureSpan: (references[0].settling, references[0].duration), pipeline: self)
    }
}
