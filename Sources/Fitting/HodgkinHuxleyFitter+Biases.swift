import NeuroDynChip

extension HodgkinHuxleyFitter {
    /// The same fitter with I_voltage raised, if needed, to the smallest value
    /// that keeps every reversal code within ±1023 (I_voltage ≥ max|E − V_mean| ·
    /// 1024 / (1023 · R_rev), with 0.1% to spare). Unchanged when the codes
    /// already fit.
    ///
    /// Raising I_voltage also widens the spline spacing; the fit adapts to it.
    public func withVoltageCurrentForReversals() throws(FittingError) -> HodgkinHuxleyFitter {
        let needed = try voltageCurrentForReversals() * 1.001
        guard needed > biases.voltageCurrent else { return self }
        return try with(voltageCurrent: needed)
    }

    /// max|E − V_mean| · 1024 / (1023 · R_rev): the smallest I_voltage for the reversal codes (A).
    func voltageCurrentForReversals() throws(FittingError) -> Double {
        let model = try scaledTarget()
        let e = model.reversalPotentials
        let mean = (e.potassium + e.sodium) / 2
        let widest = e.values.map { abs($0 - mean) }.max() ?? 0
        return widest * 1024 / (1023 * constants.reversalResistance)
    }

    private func with(voltageCurrent: Double) throws(FittingError) -> HodgkinHuxleyFitter {
        var fitter = self
        do {
            fitter.biases = try biases.with(voltageCurrent: voltageCurrent)
        } catch {
            throw .invalidSetting(name: "I_voltage", value: voltageCurrent)
        }
        return fitter
    }
}

extension HodgkinHuxleyFitter {
    /// The starting point of a fit for fidelity with every setting chosen
    /// automatically, as `ndfit fit` does when given no bias: capacitance
    /// scaling 0.1 (the finest rate codes relative to the conductances), or
    /// the smallest of ``capacitanceScalingLadder`` at which a leak the target
    /// has does not round to code 0 (Wang–Buzsáki's g_L is 1/350 of its g_Na
    /// and needs 0.5 at scl_v 3; without a leak the chip fires at rest),
    /// I_voltage raised just enough for the reversal codes, the weight
    /// penalty ``fidelityWeightPenalty``, rates fitted over the whole swing
    /// (``FitRange/reversals``) relative to each gate's total rate
    /// (``RateWeighting/totalRate``), and the Na drive compensated in m∞
    /// (λ = 1). Hand it to ``FidelitySearch``.
    ///
    /// A bias given here replaces the automatic choice (an I_voltage given is
    /// kept even if a reversal code then leaves its range: the fit says so).
    ///
    /// - Throws: ``FittingError/invalidSetting(name:value:)`` for a bad scl_v or bias.
    public static func forFidelity(
        voltageScale: Double, target: HodgkinHuxleyModel = .standard, constants: ChipConstants = .neuroDyn,
        referenceVoltage: Double? = nil, voltageCurrent: Double? = nil, masterCurrent: Double? = nil,
        capacitanceScaling: Double? = nil
    ) throws(FittingError) -> HodgkinHuxleyFitter {
        if capacitanceScaling == nil, target.conductances.leak > 0 {
            var finest: HodgkinHuxleyFitter?
            for scaling in capacitanceScalingLadder {
                let fitter = try forFidelity(
                    voltageScale: voltageScale, target: target, constants: constants,
                    referenceVoltage: referenceVoltage, voltageCurrent: voltageCurrent, masterCurrent: masterCurrent,
                    capacitanceScaling: scaling)
                if let fit = try? fitter.fit(), fit.registers.conductances.leak.value > 0 { return fitter }
                finest = finest ?? fitter
            }
            // No scaling keeps the leak: the finest rate codes, as for any target.
            return finest!
        }
        let biases = try standardBiases(
            referenceVoltage: referenceVoltage, voltageCurrent: voltageCurrent, masterCurrent: masterCurrent,
            capacitanceScaling: capacitanceScaling ?? capacitanceScalingLadder[0])
        var fitter = HodgkinHuxleyFitter(
            target: target, voltageScale: voltageScale, biases: biases, constants: constants)
        fitter.weightPenalty = fidelityWeightPenalty
        fitter.fitRange = .reversals
        fitter.rateWeighting = .totalRate
        fitter.driveCompensation = PerChannel(sodium: 1, potassium: 0, leak: 0)
        return voltageCurrent == nil ? try fitter.withVoltageCurrentForReversals() : fitter
    }

    /// The standard biases with those given in their place.
    ///
    /// - Throws: ``FittingError/invalidSetting(name:value:)`` naming a bias
    ///   out of its range.
    static func standardBiases(
        referenceVoltage: Double?, voltageCurrent: Double?, masterCurrent: Double?, capacitanceScaling: Double?
    ) throws(FittingError) -> ChipBiases {
        do {
            return try ChipBiases.standard.with(
                referenceVoltage: referenceVoltage, voltageCurrent: voltageCurrent, masterCurrent: masterCurrent,
                capacitanceScaling: capacitanceScaling)
        } catch let NeuroDynError.invalidBias(name, value) {
            throw .invalidSetting(name: name, value: value)
        } catch {
            throw .invalidSetting(name: "biases", value: .nan)
        }
    }

    /// The capacitance scalings ``forFidelity(voltageScale:target:constants:referenceVoltage:voltageCurrent:masterCurrent:capacitanceScaling:)``
    /// tries, in order, when none is given: a larger scaling raises every
    /// conductance code with the membrane it charges.
    public static let capacitanceScalingLadder = [0.1, 0.2, 0.5, 1]

    /// The fit for fidelity of the target at `voltageScale`, every setting
    /// chosen: ``forFidelity(voltageScale:target:constants:)`` tuned by the
    /// behaviour search (``FidelitySearch/behaviour(fitter:goals:budget:currentScale:)``).
    /// What `ndfit fit --scl-v x` emits.
    ///
    /// - Throws: ``FittingError`` for a bad scl_v or a target that cannot be simulated.
    public static func tunedForFidelity(
        voltageScale: Double, target: HodgkinHuxleyModel = .standard, constants: ChipConstants = .neuroDyn
    ) throws(FittingError) -> HodgkinHuxleyFitter {
        let base = try forFidelity(voltageScale: voltageScale, target: target, constants: constants)
        let currentScale = try TargetCurrentScale.factor(for: target)
        return try FidelitySearch.behaviour(fitter: base, currentScale: currentScale).run().fitter
    }
}
