import NeuroDynChip
import RealModule

/// Fits a two-part compound target (a spiking part and a slow part on one
/// membrane, as in the published bursting pair) onto two chip neurons, and
/// tunes the slow part until the chip bursts as the target does.
///
/// **Why two boards.** One board has one I_master, so one LSB of rate and of
/// conductance for both parts. The spiking part's g_Na sets the time scale
/// (at capacitance scaling 0.1 it is at full scale), and on that time scale
/// the slow part's slowest rates are a tenth of an LSB: its n gate cannot be
/// programmed. The slow part therefore sits on a second board of the cube
/// (neuron 4), whose I_master is lowered until its own largest code is at
/// full scale on the shared time scale. Both boards keep V_ref, the
/// capacitance scaling and the voltage frame (one chip voltage is one model
/// voltage); the slow board's I_voltage is raised if its reversals need it.
/// The two membranes are tied by a short circuit.
///
/// **Steps.**
/// 1. The spiking part: the fit for fidelity's settings
///    (``HodgkinHuxleyFitter/forFidelity(voltageScale:target:constants:referenceVoltage:voltageCurrent:masterCurrent:capacitanceScaling:)``),
///    no behaviour search: it sets the time scale and the voltage frame.
/// 2. The slow part on its board: the same settings, but with the Na drive
///    left to its conductance (no compensation in m∞: its reversal lies far
///    beyond the tanh's linear range, where the chip's current is nearly
///    constant and m∞ cannot make up for it).
/// 3. **Slow-wave correction** (``SlowWaveCorrection``): the slow part's g_Na,
///    g_K and an offset current through its leak (E_L at the end of its
///    range) are fitted by non-negative least squares so that the compound's
///    steady-state current, the slow gate held, matches the target's over
///    the voltages and slow-gate values of the target's own bursts. Bursts
///    begin and end where that curve folds, and a µA/cm² there moves them.
///    Then the slow gate's codes are refined over the slow wave and the
///    spike (``SlowGateRefinement``): a few LSB each, they must be spent
///    where the slow wave goes.
/// 4. **Burst search** (``BurstSearch``): the slow part's conductances, its
///    leak offset, the scale and balance of its n rates and each n code are
///    tuned on the rounded codes against the target's spikes per burst and
///    burst period at the design current and the ``searchCurrents`` (by
///    default near the edges of the band where the target bursts as at the
///    design current: matched at one current only, the chip's band is
///    narrower and shifted), and against its rebound spikes under the
///    ``rebound`` test.
public struct CompoundFitter: Sendable {
    /// The parts: the spiking part, then the slow part (biological units).
    public var target: CompoundTarget
    /// scl_v (default 3).
    public var voltageScale: Double
    /// The total applied current the bursts are tuned at, µA/cm² (default
    /// −5, the published pair's).
    public var designCurrent: Double
    /// The biases of the spiking part's board (default: those of a fit for fidelity).
    public var biases: ChipBiases?
    /// The chip constants.
    public var constants: ChipConstants
    /// Where besides the design current the burst search matches the
    /// target's bursts (default: the edges of the target's band, in steps of
    /// 0.05 µA/cm² within 1 µA/cm²).
    public var searchCurrents: SearchCurrents = .band(step: 0.05, reach: 1)
    /// A rebound test whose rebound spike count the burst search matches
    /// too, when the target fires a rebound burst under it (default: the
    /// published pair's protocol; nil: none).
    public var rebound: ReboundProtocol? = ReboundProtocol()
    /// The most settings the burst search tries (default 400; 0 skips it),
    /// each simulated at every search current and under the rebound test.
    public var searchBudget: Int
    /// Target time over which bursts are measured, s (default 4), after ``settlingTime``.
    public var duration: Double
    /// Target time left out of the burst measures (the initial train), s (default 1).
    public var settlingTime: Double

    public init(
        target: CompoundTarget = .burstingPair, voltageScale: Double = 3, designCurrent: Double = -5,
        biases: ChipBiases? = nil, constants: ChipConstants = .neuroDyn, searchBudget: Int = 400,
        duration: Double = 4, settlingTime: Double = 1
    ) {
        self.target = target
        self.voltageScale = voltageScale
        self.designCurrent = designCurrent
        self.biases = biases
        self.constants = constants
        self.searchBudget = searchBudget
        self.duration = duration
        self.settlingTime = settlingTime
    }

    /// The currents besides the design current at which the burst search
    /// matches the target's spikes per burst and period.
    public enum SearchCurrents: Sendable, Hashable {
        /// None: the design current alone.
        case design
        /// The target's band around the design current (the currents at
        /// which it bursts with the design current's spikes per burst, found
        /// `step` µA/cm² at a time no further than `reach` away), at one step
        /// inside each of its edges. A target that keeps its spike counts a
        /// step or less on one side adds no current on that side.
        case band(step: Double, reach: Double)
        /// These currents, µA/cm² (total); the target must burst at each.
        case currents([Double])
    }

    /// The board a part sits on (part 0 on board 0 as neuron 0, part 1 on board 1 as neuron 4).
    public static let neuronIndices = [0, 4]

    /// Runs the fit.
    ///
    /// - Throws: ``FittingError/invalidSetting(name:value:)`` for a target
    ///   without exactly two parts, a bad scl_v, current, duration or budget;
    ///   ``FittingError/invalidTarget(_:)`` when the target does not burst at
    ///   the design current (there is nothing to match); errors of the parts' fits.
    public func fit() throws(FittingError) -> CompoundFit {
        guard target.parts.count == 2 else { throw .invalidSetting(name: "compound parts", value: Double(target.parts.count)) }
        guard designCurrent.isFinite else { throw .invalidSetting(name: "design current", value: designCurrent) }
        guard duration.isFinite && duration > settlingTime, settlingTime.isFinite && settlingTime >= 0 else {
            throw .invalidSetting(name: "burst measure duration", value: duration)
        }
        guard searchBudget >= 0 else { throw .invalidSetting(name: "search budget", value: Double(searchBudget)) }
        let reference = try BurstReference(target: target, current: designCurrent, duration: duration, settling: settlingTime)
        var references = [reference]
        var band: ClosedRange<Double>?
        switch searchCurrents {
        case .design: break
        case let .band(step, reach):
            guard step.isFinite && step > 0 else { throw .invalidSetting(name: "band step", value: step) }
            guard reach.isFinite && reach >= 0 else { throw .invalidSetting(name: "band reach", value: reach) }
            let found = BurstBand(around: reference, target: target, step: step, reach: reach)
            band = found.currents
            references += found.innerEdges
        case let .currents(currents):
            for current in currents {
                guard current.isFinite else { throw .invalidSetting(name: "search current", value: current) }
                references.append(try BurstReference(target: target, current: current, duration: duration, settling: settlingTime))
            }
        }

        // 1. The spiking part sets the time scale and the voltage frame.
        var fast = try HodgkinHuxleyFitter.forFidelity(
            voltageScale: voltageScale, target: target.parts[0], constants: constants,
            referenceVoltage: biases?.referenceVoltage, voltageCurrent: biases?.voltageCurrent,
            masterCurrent: biases?.masterCurrent, capacitanceScaling: biases?.capacitanceScaling)
        fast.outOfRangePolicy = .saturate
        let fastFit = try fast.fit()
        let timeScale = fastFit.timeScales.timeScale

        // 2. The slow part on its own board, on the shared frame and time scale.
        var slow = try HodgkinHuxleyFitter.forFidelity(
            voltageScale: voltageScale, target: target.parts[1], constants: constants,
            capacitanceScaling: fast.biases.capacitanceScaling)
        slow.outOfRangePolicy = .saturate
        slow.driveCompensation = PerChannel(sodium: 0, potassium: 0, leak: 0)
        slow.meanVoltage = fastFit.meanVoltage
        slow.biases = try Self.slowBoardBiases(fast: fast.biases, slow: slow, meanVoltage: fastFit.meanVoltage)
        // A first pass sets the conductance factors; the board's I_master is
        // then chosen with them, so that its largest code is at full scale.
        let ownTimeScale: Double
        (slow, ownTimeScale) = try Self.onOwnBoard(slow, timeScale: timeScale, masterCurrent: fast.biases.masterCurrent)
        let window = reference.slowWave
        let firstPass = try slow.fit()
        let factors = try SlowWaveCorrection(target: target, fast: fastFit, slow: firstPass, window: window).factors
        slow.conductanceFactors = PerChannel(sodium: factors.sodium, potassium: factors.potassium, leak: 1)
        slow = try Self.onOwnBoard(slow, timeScale: timeScale, masterCurrent: fast.biases.masterCurrent).fitter
        fast.fixedTimeScale = timeScale
        let pipeline = CompoundPipeline(
            target: target, fitters: [fast, slow], references: references, ownTimeScales: [timeScale, ownTimeScale],
            firstFactors: factors, rebound: try targetRebound(), band: band, constants: constants, budget: searchBudget)
        return try pipeline.run(dies: [.none, .none])
    }

    /// ``rebound`` and the target's rebound spikes under it; nil without a
    /// test or when the target fires no rebound burst.
    func targetRebound() throws(FittingError) -> (test: ReboundProtocol, targetSpikes: Int)? {
        guard let rebound else { return nil }
        for (name, value) in [("rebound base", rebound.base), ("rebound step", rebound.step)] where !value.isFinite {
            throw .invalidSetting(name: name, value: value)
        }
        guard rebound.stepStart.isFinite && rebound.stepStart >= 0 else {
            throw .invalidSetting(name: "rebound step start", value: rebound.stepStart)
        }
        guard rebound.stepEnd.isFinite && rebound.stepEnd > rebound.stepStart else {
            throw .invalidSetting(name: "rebound step end", value: rebound.stepEnd)
        }
        guard rebound.end.isFinite && rebound.end > rebound.stepEnd else {
            throw .invalidSetting(name: "rebound protocol end", value: rebound.end)
        }
        let spikes: [Double]
        do {
            let stimulus = CompoundVerification.units(rebound.stimulus).biological
            spikes = try target.simulate(stimulus, duration: rebound.end * 1e3).spikeTimes[0].map { $0 * 1e-3 }
        } catch {
            throw .invalidTarget("the compound target cannot be simulated under the rebound test: \(error)")
        }
        let count = rebound.reboundSpikes(spikes)
        return count > 0 ? (rebound, count) : nil
    }

    /// The slow part's board: the spiking board's biases, I_voltage raised
    /// if the slow part's reversals need it on the shared voltage frame.
    static func slowBoardBiases(fast: ChipBiases, slow: HodgkinHuxleyFitter, meanVoltage: Double) throws(FittingError)
        -> ChipBiases
    {
        let reversals = try slow.scaledTarget().reversalPotentials
        let widest = reversals.values.map { abs($0 - meanVoltage) }.max() ?? 0
        let needed = widest * 1024 / (1023 * slow.constants.reversalResistance) * 1.001
        guard needed > fast.voltageCurrent else { return fast }
        do {
            return try fast.with(voltageCurrent: needed)
        } catch {
            throw .invalidSetting(name: "I_voltage", value: needed)
        }
    }

    /// `slow` with the I_master at which its largest code is at full scale
    /// on `timeScale` (its own σ_t at `masterCurrent`, the spiking board's,
    /// scaled down; rounded down to three significant digits so that no
    /// code passes full scale, and never above `masterCurrent`), fixed to
    /// that time scale; and that own σ_t.
    static func onOwnBoard(_ slow: HodgkinHuxleyFitter, timeScale: Double, masterCurrent: Double) throws(FittingError)
        -> (fitter: HodgkinHuxleyFitter, ownTimeScale: Double)
    {
        var fitter = slow
        fitter.fixedTimeScale = nil
        fitter.biases = try withMasterCurrent(fitter.biases, masterCurrent)
        let own = try fitter.fit().timeScales.timeScale
        let exact = masterCurrent * min(own / timeScale, 1)
        guard exact.isFinite && exact > 0 else { throw .invalidSetting(name: "I_master", value: exact) }
        let unit = Double.pow(10, Double.log10(exact).rounded(.down) - 2)
        fitter.biases = try withMasterCurrent(fitter.biases, (exact / unit).rounded(.down) * unit)
        fitter.fixedTimeScale = timeScale
        return (fitter, own)
    }

    static func withMasterCurrent(_ biases: ChipBiases, _ current: Double) throws(FittingError) -> ChipBiases {
        do {
            return try biases.with(masterCurrent: current)
        } catch {
            throw .invalidSetting(name: "I_master", value: current)
        }
    }
}
