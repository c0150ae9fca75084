import NeuroDynChip

/// Fits a Hodgkin–Huxley model, scaled by scl_v, onto a NeuroDyn neuron: the
/// procedure of section 3 of the specification, with the conductance slope
/// taken from the chip constants and out-of-range codes refused.
///
/// Steps: sample the scaled target on a voltage grid from E_K to E_Na/2; fit
/// each α and β by non-negative least squares onto seven sigmoids centred on
/// V_mean + (j − 3)Δ; derive the time scale σ_t that brings the largest weight
/// and conductance within I_master; quantize to codes (round half to even, as
/// numpy); map currents and voltages back.
public struct HodgkinHuxleyFitter: Sendable {
    /// What to do with a code that falls outside its register's range.
    public enum OutOfRangePolicy: Sendable, Hashable {
        /// Fail with ``FittingError/codesOutOfRange(_:)`` naming every such register.
        case fail
        /// Clamp to the range and record each clamped register in ``ChipFit/saturated``.
        case saturate
    }

    /// How the target's rates are sampled on the fit grid.
    public enum TargetSampling: Sendable, Hashable {
        /// Exactly (the linoid without cancellation near V_h). The default.
        case exact
        /// As the published Python code did: the linoid evaluated literally,
        /// which near V_h loses digits. The published fit has a grid point
        /// 1e-16 V from V_h = 75 mV (m) and 30 mV (n), sampled 0.6% and 2% off;
        /// this mode reproduces its weights bit for bit.
        case published
    }

    /// The target model, as given (usually ``HodgkinHuxleyModel/standard``); it
    /// is converted to SI units and scaled by ``voltageScale`` before fitting.
    public var target: HodgkinHuxleyModel
    /// scl_v, the voltage scaling of the target (> 0).
    public var voltageScale: Double
    /// The chip's bias settings.
    public var biases: ChipBiases
    /// The chip's constants; `kappaLinear` is the conductance slope used to
    /// convert conductances (0.2 for NeuroDyn; 0.7 reproduces the published fit).
    public var constants: ChipConstants
    /// Which voltages the rates are fitted over.
    public enum FitRange: String, Sendable, Hashable, Codable {
        /// E_K … E_Na/2, the published grid: nothing constrains the rates
        /// over the top of a spike.
        case published
        /// E_K … E_Na: the target's whole swing, spikes included.
        case reversals
    }

    /// How the grid points count in the rate fits.
    public enum RateWeighting: String, Sendable, Hashable, Codable {
        /// Every point alike (the published least squares): the largest rates dominate.
        case uniform
        /// Each point weighted by 1 / (α + β) of its gate: errors count
        /// relative to the gate's total rate, so as the errors of x∞ and τ they make.
        case totalRate = "total_rate"
    }

    /// Spacing of the fit's voltage grid in volts on the scaled axis (default 0.5 mV).
    public var voltageStep: Double
    /// What to do with out-of-range codes.
    public var outOfRangePolicy: OutOfRangePolicy
    /// How the target's rates are sampled (default `.exact`).
    public var targetSampling: TargetSampling
    /// Factors on the target's conductances before they become codes (default
    /// 1): compensation for the chip's tanh conductance, which passes less
    /// current than g·ΔV at large drops. Finite and > 0.
    public var conductanceFactors: PerChannel<Double>
    /// Factors on the fitted rate weights before they become codes (default 1):
    /// a search for fidelity uses them to move slow rates across code
    /// boundaries. Finite and > 0.
    public var rateFactors: PerGate<PerRate<Double>>
    /// Shifts added to the reversal potentials (V, on the scaled axis) before
    /// they become codes (default 0): a search for fidelity uses them where the
    /// tanh conductance saturates. Finite.
    public var reversalShifts: PerChannel<Double> = PerChannel(sodium: 0, potassium: 0, leak: 0)
    /// Ridge penalty on the spline weights (dimensionless, finite, ≥ 0;
    /// default 0, the published procedure): each rate minimises
    /// ‖Aw − r‖² + μ²‖w‖² over w ≥ 0, with μ = penalty · ‖A‖_F/√7.
    ///
    /// Unpenalised, the rising rates are fitted with the far tail of the
    /// outermost sigmoid, whose weight is hundreds of times the rate it
    /// produces on the grid; that weight then sets σ_t and leaves every other
    /// rate and conductance a few LSB. A penalty of 1e-4
    /// (``fidelityWeightPenalty``) changes no rate by more than a fraction of
    /// a percent and, on the published grid with the biases of a fit for
    /// fidelity, lowers the largest weight 4.6× at scl_v = 3 and 40× at
    /// scl_v = 5 (at scl_v = 2 the largest weight is not a tail's, and it
    /// stays). Over E_K … E_Na (``FitRange/reversals``, as a fit for fidelity
    /// fits) the outer centres lie inside the fitted range and it matters less.
    public var weightPenalty: Double = 0
    /// The weight penalty of a fit for fidelity (1e-4).
    public static let fidelityWeightPenalty = 1e-4
    /// The deviations of the die the codes are for (default: none, a nominal
    /// die). Each register's code is chosen for the current it carries on that
    /// die: the value the fit wants divided by the register's factor, rounded
    /// (spline codes refined against the die's scaled sigmoids). A register
    /// with factor 0 carries nothing whatever its code, and gets the nominal
    /// one. The exponents p, q, r have no register; a search for fidelity
    /// compensates them through the conductances. ``ChipFit/neuron`` is then
    /// that die, programmed.
    public var die: MismatchFactors = .none
    /// σ_t to use instead of max(σ_w, σ_g) (default nil: derived). Set, the
    /// time scale and so the mapping (scl_t, current gain) stay what they
    /// are whatever the compensation factors do: calibration keeps a die on
    /// the time scale of the nominal fit. Codes that then need more than
    /// 1023 follow ``outOfRangePolicy``. Finite and > 0.
    public var fixedTimeScale: Double?
    /// The scaled voltage (V) that maps to V_ref, about which the seven
    /// spline centres sit, instead of (E_K + E_Na)/2 of the target (default
    /// nil). Neurons that share one membrane (a compound neuron) must share
    /// it: one chip voltage stands for one model voltage in all of them.
    public var meanVoltage: Double?
    /// Drive compensation per channel (Na through m, K through n; default 0):
    /// the fraction λ of the ratio ρ(V) = chip current / target current at
    /// equal gating (the tanh against the linear drive, with the compensation
    /// factors and shifts) that the gate's steady state absorbs,
    /// x∞' = x∞ ρ^(−λ/p), τ unchanged.
    public var driveCompensation: PerChannel<Double> = PerChannel(sodium: 0, potassium: 0, leak: 0)
    /// The voltages the rates are fitted over (default `.published`).
    public var fitRange: FitRange = .published
    /// How grid points count in the rate fits (default `.uniform`).
    public var rateWeighting: RateWeighting = .uniform
    /// Refine the rounded spline codes for relative error (``CodeRefinement``)
    /// instead of rounding once (default `true`; the published fit rounds once).
    public var refinesCodes: Bool

    public init(
        target: HodgkinHuxleyModel = .standard, voltageScale: Double = 3,
        biases: ChipBiases = .standard, constants: ChipConstants = .neuroDyn,
        voltageStep: Double = 0.5e-3, outOfRangePolicy: OutOfRangePolicy = .fail,
        targetSampling: TargetSampling = .exact,
        conductanceFactors: PerChannel<Double> = PerChannel(sodium: 1, potassium: 1, leak: 1),
        rateFactors: PerGate<PerRate<Double>> = .unit, refinesCodes: Bool = true
    ) {
        self.target = target
        self.voltageScale = voltageScale
        self.biases = biases
        self.constants = constants
        self.voltageStep = voltageStep
        self.outOfRangePolicy = outOfRangePolicy
        self.targetSampling = targetSampling
        self.conductanceFactors = conductanceFactors
        self.rateFactors = rateFactors
        self.refinesCodes = refinesCodes
    }

    /// Runs the fit.
    ///
    /// - Throws: ``FittingError/invalidSetting(name:value:)`` for a bad scl_v,
    ///   voltage step or constant; ``FittingError/invalidTarget(_:)`` when the
    ///   target's grid is too short to fit seven sigmoids;
    ///   ``FittingError/codesOutOfRange(_:)`` (policy `.fail`) naming every
    ///   register that would leave its range; NNLS errors as they come.
    public func fit() throws(FittingError) -> ChipFit {
        guard voltageScale.isFinite && voltageScale > 0 else {
            throw .invalidSetting(name: "scl_v", value: voltageScale)
        }
        for channel in IonChannel.allCases {
            let factor = conductanceFactors[channel]
            guard factor.isFinite && factor > 0 else {
                throw .invalidSetting(name: "conductance factor \(channel.rawValue)", value: factor)
            }
        }
        for gate in Gate.allCases {
            for rate in Rate.allCases where !(rateFactors[gate][rate].isFinite && rateFactors[gate][rate] > 0) {
                throw .invalidSetting(name: "rate factor \(rate.rawValue)_\(gate.rawValue)", value: rateFactors[gate][rate])
            }
        }
        if let channel = IonChannel.allCases.first(where: { !driveCompensation[$0].isFinite }) {
            throw .invalidSetting(name: "drive compensation \(channel.rawValue)", value: driveCompensation[channel])
        }
        if let meanVoltage, !meanVoltage.isFinite { throw .invalidSetting(name: "mean voltage", value: meanVoltage) }
        if let channel = IonChannel.allCases.first(where: { !reversalShifts[$0].isFinite }) {
            throw .invalidSetting(name: "reversal shift \(channel.rawValue)", value: reversalShifts[channel])
        }
        if let fixedTimeScale, !(fixedTimeScale.isFinite && fixedTimeScale > 0) {
            throw .invalidSetting(name: "time scale", value: fixedTimeScale)
        }
        guard weightPenalty.isFinite && weightPenalty >= 0 else {
            throw .invalidSetting(name: "weight penalty", value: weightPenalty)
        }
        guard voltageStep.isFinite && voltageStep > 0 else {
            throw .invalidSetting(name: "voltage step", value: voltageStep)
        }
        do {
            try constants.validate()
        } catch let NeuroDynError.invalidConstant(name, value) {
            throw .invalidSetting(name: name, value: value)
        } catch {
            throw .invalidSetting(name: "constants", value: .nan)
        }
        let model = try scaledTarget()
        let problem = try FitProblem(
            model: model, biases: biases, constants: constants, step: voltageStep, sampling: targetSampling,
            conductanceFactors: conductanceFactors, reversalShifts: reversalShifts, range: fitRange,
            weighting: rateWeighting, driveCompensation: driveCompensation, meanVoltage: meanVoltage)
        let continuous = try problem.solveWeights(penalty: weightPenalty).map { gate, rates in
            rates.map { rate, weights in weights.map { $0 * rateFactors[gate][rate] } }
        }
        let timeScales = problem.timeScales(weights: continuous, fixed: fixedTimeScale)
        let quantization = Quantization(
            problem: problem, weights: continuous, timeScale: timeScales.timeScale, refinesCodes: refinesCodes,
            die: die)
        let saturated = quantization.outOfRange
        if !saturated.isEmpty && outOfRangePolicy == .fail {
            throw .codesOutOfRange(saturated)
        }
        return ChipFit(
            problem: problem, voltageScale: voltageScale, continuousWeights: continuous,
            timeScales: timeScales, quantization: quantization, conductanceFactors: conductanceFactors,
            rateFactors: rateFactors, reversalShifts: reversalShifts, weightPenalty: weightPenalty,
            fitRange: fitRange, rateWeighting: rateWeighting, driveCompensation: driveCompensation, die: die)
    }
}

extension HodgkinHuxleyFitter {
    /// The target scaled by scl_v, in SI units: what is fitted.
    ///
    /// Scaled, then converted to SI: the order of the published code, so grid
    /// voltages agree with its to the last bit.
    func scaledTarget() throws(FittingError) -> HodgkinHuxleyModel {
        do {
            return try target.scaled(voltage: voltageScale, time: 1).inSIUnits()
        } catch {
            throw .invalidSetting(name: "scl_v", value: voltageScale)
        }
    }
}

extension PerGate where Value == PerRate<Double> {
    /// Every factor 1.
    public static let unit = PerGate(
        m: PerRate(alpha: 1, beta: 1), h: PerRate(alpha: 1, beta: 1), n: PerRate(alpha: 1, beta: 1))
}
