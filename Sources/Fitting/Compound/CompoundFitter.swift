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
///    burst period at the design current.
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
    /// The most simulations the burst search runs (default 200; 0 skips it).
    public var searchBudget: Int
    /// Target time over which bursts are measured, s (default 4), after ``settlingTime``.
    public var duration: Double
    /// Target time left out of the burst measures (the initial train), s (default 1).
    public var settlingTime: Double

    public init(
        target: CompoundTarget = .burstingPair, voltageScale: Double = 3, designCurrent: Double = -5,
        biases: ChipBiases? = nil, constants: ChipConstants = .neuroDyn, searchBudget: Int = 200,
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
            target: target, fitters: [fast, slow], reference: reference, ownTimeScales: [timeScale, ownTimeScale],
            firstFactors: factors, constants: constants, budget: searchBudget)
        return try pipeline.run(dies: [.none, .none])
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
