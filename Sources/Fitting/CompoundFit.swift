import NeuroDynChip

/// A compound neuron (several chip neurons short-circuited onto one
/// membrane, ``CompoundMembrane``) fitted part by part onto one board.
///
/// The parts share what one membrane and one board impose:
/// - **the biases** (one set per board);
/// - **the voltage frame**: the first part's mean voltage, so that one chip
///   voltage stands for one model voltage in every part
///   (``HodgkinHuxleyFitter/meanVoltage``);
/// - **the time scale**: the largest σ_t any part needs on its own, so that
///   no part's weight or conductance leaves its range
///   (``HodgkinHuxleyFitter/fixedTimeScale``). A part slower than the
///   fastest gets proportionally smaller codes: this is where 10 bits run out.
///
/// The applied current is the total into the shared membrane: with the
/// parts' capacitances added on both sides, `mapping.current_gain` of the
/// first part maps it (every part has the same gain when their capacitances
/// are equal, which ``init(parts:)`` requires).
public struct CompoundFit: Sendable {
    /// Each part's fit, in membrane order, on the shared time scale.
    public let parts: [ChipFit]
    /// σ_t each part would choose alone (same order).
    public let ownTimeScales: [Double]

    /// Fits `parts` (each with its own settings: target, scl_v, penalty,
    /// recipe's choices; only the first part's biases count) with the
    /// shared biases, voltage frame and time scale.
    ///
    /// - Throws: ``FittingError/invalidSetting(name:value:)`` for parts with
    ///   another scl_v or capacitance than the first; ``FittingError`` of a part's fit.
    public init(parts fitters: [HodgkinHuxleyFitter]) throws(FittingError) {
        guard let first = fitters.first else { throw .invalidSetting(name: "compound parts", value: 0) }
        for fitter in fitters.dropFirst() {
            guard fitter.voltageScale == first.voltageScale else {
                throw .invalidSetting(name: "scl_v of a compound part", value: fitter.voltageScale)
            }
            guard fitter.target.capacitance == first.target.capacitance else {
                throw .invalidSetting(name: "capacitance of a compound part", value: fitter.target.capacitance)
            }
        }
        // The first part's own fit sets the voltage frame and its own σ_t.
        let firstFit = try first.fit()
        var shared = fitters.map { fitter in
            var fitter = fitter
            fitter.biases = first.biases
            fitter.constants = first.constants
            fitter.meanVoltage = firstFit.meanVoltage
            return fitter
        }
        var own = [firstFit.timeScales.timeScale]
        for fitter in shared.dropFirst() { own.append(try fitter.fit().timeScales.timeScale) }
        let timeScale = own.max()!
        for k in shared.indices { shared[k].fixedTimeScale = timeScale }
        var fits: [ChipFit] = []
        for fitter in shared { fits.append(try fitter.fit()) }
        parts = fits
        ownTimeScales = own
    }

    /// The shared mapping (the first part's: every part has the same).
    public var mapping: RegisterFile.Mapping { parts[0].mapping }

    /// The chip's compound membrane, each part a nominal die.
    public func membrane() throws(NeuroDynError) -> CompoundMembrane<ChipMembrane> {
        try CompoundMembrane(parts.map { ChipMembrane($0.neuron) })
    }

    /// The chip compound under the total target current `current` (A/cm²)
    /// for `duration` (s, target time), from the target's rest with every
    /// gate at 0; spike times in target seconds (upward crossings of 50 mV
    /// above the rest, scaled).
    public func spikeTimes(current: Double, duration: Double, relativeTolerance: Double = 1e-6) throws(NeuroDynError)
        -> [Double]
    {
        let mapping = self.mapping.relativeToOrigin
        let membrane = try membrane()
        let dynamics = try NetworkDynamics<CompoundMembrane<ChipMembrane>, ChipSynapse>(
            membranes: [membrane], connections: [], gapJunctions: [],
            stimuli: [.constant(mapping.chipCurrent(current))])
        var start = [Double](repeating: 0, count: membrane.stateCount)
        start[0] = mapping.chipVoltage(0)
        let result = try dynamics.simulate(
            duration: mapping.chipTime(duration), initialState: start,
            options: SolverOptions(
                relativeTolerance: relativeTolerance, absoluteTolerance: 1e-9, trace: .none,
                spikeThreshold: mapping.chipVoltage(0.05)))
        return result.spikeTimes[0].map { $0 * mapping.speedUp }
    }
}
