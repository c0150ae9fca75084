extension FidelitySearch {
    /// One setting of the fitter the search adjusts, relative to the base
    /// fitter's own value (so a search can start from an earlier search's
    /// result, as calibration does).
    ///
    /// Conductance and rate knobs are logarithms of factors; reversal knobs
    /// are shifts in units of 100 mV on the scaled axis; the drive knob adds
    /// to the Na drive compensation λ.
    public enum Knob: String, CaseIterable, Sendable, Hashable {
        case sodiumConductance, potassiumConductance, leakConductance
        case alphaH, betaH, alphaN, betaN
        case sodiumReversal, potassiumReversal, leakReversal
        case sodiumDrive

        /// The nine knobs of the steady-rate search: the conductances, the
        /// slow rates and the Na and K reversal potentials.
        public static let firing: [Knob] = [
            .sodiumConductance, .potassiumConductance, .leakConductance, .alphaH, .betaH, .alphaN, .betaN,
            .sodiumReversal, .potassiumReversal,
        ]

        /// Every knob: the behaviour search also moves E_L and the Na drive compensation.
        public static let behaviour: [Knob] = allCases

        /// `base` with this knob set to `value`.
        func apply(_ value: Double, to fitter: inout HodgkinHuxleyFitter, base: HodgkinHuxleyFitter) {
            guard value != 0 else { return }
            let factor = Double.exp(value), shift = value * 0.1
            switch self {
            case .sodiumConductance: fitter.conductanceFactors.sodium = base.conductanceFactors.sodium * factor
            case .potassiumConductance: fitter.conductanceFactors.potassium = base.conductanceFactors.potassium * factor
            case .leakConductance: fitter.conductanceFactors.leak = base.conductanceFactors.leak * factor
            case .alphaH: fitter.rateFactors.h.alpha = base.rateFactors.h.alpha * factor
            case .betaH: fitter.rateFactors.h.beta = base.rateFactors.h.beta * factor
            case .alphaN: fitter.rateFactors.n.alpha = base.rateFactors.n.alpha * factor
            case .betaN: fitter.rateFactors.n.beta = base.rateFactors.n.beta * factor
            case .sodiumReversal: fitter.reversalShifts.sodium = base.reversalShifts.sodium + shift
            case .potassiumReversal: fitter.reversalShifts.potassium = base.reversalShifts.potassium + shift
            case .leakReversal: fitter.reversalShifts.leak = base.reversalShifts.leak + shift
            case .sodiumDrive: fitter.driveCompensation.sodium = base.driveCompensation.sodium + value
            }
        }
    }

    /// A point of the search: one value per knob of ``FidelitySearch/knobs``, in that order.
    struct Point: Sendable, Hashable {
        var values: [Double]

        func fitter(from base: HodgkinHuxleyFitter, knobs: [Knob]) -> HodgkinHuxleyFitter {
            var fitter = base
            for (knob, value) in zip(knobs, values) { knob.apply(value, to: &fitter, base: base) }
            return fitter
        }
    }
}
