import NeuroDynChip

/// How a target becomes registers. `ndfit fit` selects one; every choice it
/// implies lives here.
public enum FitRecipe: String, Sendable, Hashable, CaseIterable {
    /// Section 3 of the model with the biases given (the standard ones where
    /// not): every α and β fitted by NNLS on the exact target, then the codes
    /// refined against the rounded registers.
    case plain
    /// The default: ``HodgkinHuxleyFitter/forFidelity(voltageScale:target:constants:referenceVoltage:voltageCurrent:masterCurrent:capacitanceScaling:)``
    /// (biases chosen where not given) tuned by the behaviour search
    /// (``FidelitySearch/behaviour(fitter:goals:budget:currentScale:)``).
    case fidelity
    /// As the published code fitted: its naive sampling of the linoid and one
    /// rounding of the codes (with κ_lin = 0.7 it gives the published codes).
    case published
}

/// What a fit is given. A bias left nil is the recipe's to choose.
public struct FitSettings: Sendable, Hashable {
    /// scl_v (> 0).
    public var voltageScale: Double
    /// V_ref (V).
    public var referenceVoltage: Double?
    /// I_voltage (A).
    public var voltageCurrent: Double?
    /// I_master (A).
    public var masterCurrent: Double?
    /// Membrane capacitance scaling.
    public var capacitanceScaling: Double?
    public var constants: ChipConstants
    /// Ridge penalty on the spline weights; nil for the recipe's
    /// (``HodgkinHuxleyFitter/fidelityWeightPenalty`` for ``FitRecipe/fidelity``, 0 otherwise).
    public var weightPenalty: Double?
    /// What to do with a code outside its register's range.
    public var outOfRangePolicy: HodgkinHuxleyFitter.OutOfRangePolicy

    public init(
        voltageScale: Double, referenceVoltage: Double? = nil, voltageCurrent: Double? = nil,
        masterCurrent: Double? = nil, capacitanceScaling: Double? = nil, constants: ChipConstants = .neuroDyn,
        weightPenalty: Double? = nil, outOfRangePolicy: HodgkinHuxleyFitter.OutOfRangePolicy = .fail
    ) {
        self.voltageScale = voltageScale
        self.referenceVoltage = referenceVoltage
        self.voltageCurrent = voltageCurrent
        self.masterCurrent = masterCurrent
        self.capacitanceScaling = capacitanceScaling
        self.constants = constants
        self.weightPenalty = weightPenalty
        self.outOfRangePolicy = outOfRangePolicy
    }
}

extension FitTarget {
    /// The fitter `recipe` settles on for this target: for
    /// ``FitRecipe/fidelity`` after its search (the costly step: about a
    /// second on two cores), otherwise as set up. Call
    /// ``HodgkinHuxleyFitter/fit()`` on it for the registers.
    ///
    /// - Throws: ``FittingError/invalidSetting(name:value:)`` for a bad scl_v
    ///   or bias; ``FittingError/invalidTarget(_:)`` when the target cannot be simulated.
    public func fitter(recipe: FitRecipe, settings: FitSettings) throws(FittingError) -> HodgkinHuxleyFitter {
        var fitter: HodgkinHuxleyFitter
        switch recipe {
        case .fidelity:
            fitter = try HodgkinHuxleyFitter.forFidelity(
                voltageScale: settings.voltageScale, target: target, constants: settings.constants,
                referenceVoltage: settings.referenceVoltage, voltageCurrent: settings.voltageCurrent,
                masterCurrent: settings.masterCurrent, capacitanceScaling: settings.capacitanceScaling)
        case .plain, .published:
            let biases = try HodgkinHuxleyFitter.standardBiases(
                referenceVoltage: settings.referenceVoltage, voltageCurrent: settings.voltageCurrent,
                masterCurrent: settings.masterCurrent, capacitanceScaling: settings.capacitanceScaling)
            fitter = HodgkinHuxleyFitter(
                target: target, voltageScale: settings.voltageScale, biases: biases, constants: settings.constants,
                targetSampling: recipe == .published ? .published : .exact, refinesCodes: recipe == .plain)
        }
        fitter.outOfRangePolicy = settings.outOfRangePolicy
        if let weightPenalty = settings.weightPenalty { fitter.weightPenalty = weightPenalty }
        guard recipe == .fidelity else { return fitter }
        return try FidelitySearch.behaviour(fitter: fitter, currentScale: currentScale).run().fitter
    }
}
