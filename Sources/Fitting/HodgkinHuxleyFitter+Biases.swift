import NeuroDynChip

extension HodgkinHuxleyFitter {
    /// The same fitter with I_voltage raised, if needed, to the smallest value
    /// that keeps every reversal code within ±1023 (I_voltage ≥ max|E − V_mean| ·
    /// 1024 / (1023 · R_rev), with 0.1% to spare). Unchanged when the codes
    /// already fit.
    ///
    /// Raising I_voltage also widens the spline spacing; the fit adapts to it.
    public func withVoltageCurrentForReversals() throws(FittingError) -> HodgkinHuxleyFitter {
        let model = try scaledTarget()
        let e = model.reversalPotentials
        let mean = (e.potassium + e.sodium) / 2
        let widest = e.values.map { abs($0 - mean) }.max() ?? 0
        let needed = widest * 1024 / (1023 * constants.reversalResistance) * 1.001
        guard needed > biases.voltageCurrent else { return self }
        var fitter = self
        do {
            fitter.biases = try biases.with(voltageCurrent: needed)
        } catch {
            throw .invalidSetting(name: "I_voltage", value: needed)
        }
        return fitter
    }
}

extension HodgkinHuxleyFitter {
    /// The starting point of a fit for fidelity with every setting chosen
    /// automatically, as `ndfit fit` does when given no bias: capacitance
    /// scaling 0.1 (the finest rate codes relative to the conductances),
    /// I_voltage raised just enough for the reversal codes, and the weight
    /// penalty ``fidelityWeightPenalty``. Hand it to ``FidelitySearch``.
    ///
    /// - Throws: ``FittingError/invalidSetting(name:value:)`` for a bad scl_v.
    public static func forFidelity(
        voltageScale: Double, target: HodgkinHuxleyModel = .standard, constants: ChipConstants = .neuroDyn
    ) throws(FittingError) -> HodgkinHuxleyFitter {
        let biases: ChipBiases
        do {
            biases = try ChipBiases(capacitanceScaling: 0.1)
        } catch {
            preconditionFailure("capacitance scaling 0.1 is valid: \(error)")
        }
        var fitter = HodgkinHuxleyFitter(
            target: target, voltageScale: voltageScale, biases: biases, constants: constants)
        fitter.weightPenalty = fidelityWeightPenalty
        return try fitter.withVoltageCurrentForReversals()
    }
}
