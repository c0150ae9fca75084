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
