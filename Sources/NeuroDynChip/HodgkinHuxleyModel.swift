/// The Hodgkin–Huxley model of the specification (section 2), shifted so that
/// rest is at 0, optionally scaled in voltage and time and expressed in SI units.
///
/// Biological units: mV, ms, mS/cm², µA/cm², µF/cm². SI: V, s, S/cm², A/cm², F/cm².
///
/// Scaling by (scl_v, scl_t) gives the same dynamics with voltages scl_v times
/// larger and time scl_t times faster. Applied currents are always given as
/// the *unscaled* current they stand for (e.g. 10 µA/cm², or 1e-5 A/cm² in
/// SI): the model multiplies them by scl_v · scl_t itself.
public struct HodgkinHuxleyModel: Sendable, Hashable {
    /// Unit systems of the model.
    public enum Units: String, Sendable, Hashable, Codable {
        case biological
        case si
    }

    /// Maximal conductances (mS/cm² or S/cm²).
    public private(set) var conductances: PerChannel<Double>
    /// Reversal potentials relative to rest (mV or V).
    public private(set) var reversalPotentials: PerChannel<Double>
    /// Membrane capacitance (µF/cm² or F/cm²).
    public private(set) var capacitance: Double
    /// α and β of each gate.
    public private(set) var rates: PerGate<PerRate<HodgkinHuxleyRate>>
    /// The voltage scaling applied so far (1 for the original model).
    public private(set) var voltageScale: Double = 1
    /// The time scaling applied so far (1 for the original model).
    public private(set) var timeScale: Double = 1
    /// The unit system of every value.
    public private(set) var units: Units = .biological
    /// The absolute voltage (V, of the unscaled model) that this model's 0
    /// stands for: 0 for HH 1952, whose rest is at 0; a model read from a
    /// file is shifted so that its origin (usually its rest) is at 0, and
    /// register files record the origin as `mapping.model_voltage_origin`.
    public internal(set) var voltageOrigin: Double = 0

    /// The original model of Hodgkin and Huxley (1952) with rest at 0 mV:
    /// g = 120, 36, 0.3 mS/cm²; E = 120, −12, 10.6 mV; C = 1 µF/cm².
    public static let standard = HodgkinHuxleyModel(
        conductances: PerChannel(sodium: 120, potassium: 36, leak: 0.3),
        reversalPotentials: PerChannel(sodium: 120, potassium: -12, leak: 10.6),
        capacitance: 1,
        rates: PerGate(
            m: PerRate(
                alpha: .linoid(amplitude: 0.1, halfVoltage: 25, slope: 10),
                beta: .exponential(amplitude: 4, halfVoltage: 0, slope: 18)),
            h: PerRate(
                alpha: .exponential(amplitude: 0.07, halfVoltage: 0, slope: 20),
                beta: .logistic(amplitude: 1, halfVoltage: 30, slope: 10)),
            n: PerRate(
                alpha: .linoid(amplitude: 0.01, halfVoltage: 10, slope: 10),
                beta: .exponential(amplitude: 0.125, halfVoltage: 0, slope: 80))))

    /// A model from its parameters (biological units, unscaled).
    public init(
        conductances: PerChannel<Double>, reversalPotentials: PerChannel<Double>,
        capacitance: Double, rates: PerGate<PerRate<HodgkinHuxleyRate>>
    ) {
        self.conductances = conductances
        self.reversalPotentials = reversalPotentials
        self.capacitance = capacitance
        self.rates = rates
    }

    /// The model scaled by `voltage` (scl_v) and `time` (scl_t), on top of any
    /// earlier scaling: every V_h, K and E × scl_v; the linoid's A × scl_t/scl_v;
    /// other amplitudes and every g × scl_t.
    /// - Throws: ``NeuroDynError/invalidScaling(name:value:)`` for a factor that
    ///   is not finite and positive.
    public func scaled(voltage: Double, time: Double) throws(NeuroDynError) -> HodgkinHuxleyModel {
        guard voltage.isFinite && voltage > 0 else { throw .invalidScaling(name: "scl_v", value: voltage) }
        guard time.isFinite && time > 0 else { throw .invalidScaling(name: "scl_t", value: time) }
        var copy = self
        copy.conductances = conductances.map { _, g in g * time }
        copy.reversalPotentials = reversalPotentials.map { _, e in e * voltage }
        copy.rates = rates.map { _, pair in
            pair.map { _, rate in rate.scaled(voltageFactor: voltage, timeFactor: time) }
        }
        copy.voltageScale *= voltage
        copy.timeScale *= time
        return copy
    }

    /// The same model in SI units (unchanged if already SI): mV → V, 1/ms → 1/s,
    /// linoid A × 1e6, mS/cm² → S/cm², µF/cm² → F/cm².
    public func inSIUnits() -> HodgkinHuxleyModel {
        guard units == .biological else { return self }
        var copy = self
        copy.conductances = conductances.map { _, g in g * 1e-3 }
        copy.reversalPotentials = reversalPotentials.map { _, e in e * 1e-3 }
        copy.capacitance = capacitance * 1e-6
        copy.rates = rates.map { _, pair in pair.map { _, rate in rate.inSIUnits() } }
        copy.units = .si
        return copy
    }

    /// The standard model as a fit compares a chip with it
    /// (``comparisonTarget(voltageScale:speedUp:)-instance``).
    public static func comparisonTarget(voltageScale: Double, speedUp: Double) throws(NeuroDynError) -> HodgkinHuxleyModel {
        try standard.comparisonTarget(voltageScale: voltageScale, speedUp: speedUp)
    }

    /// This model as a fit compares a chip with it: scaled by `voltageScale`
    /// (scl_v), in SI units, then sped up by `speedUp` (scl_t). Every tool
    /// builds the comparison target this one way, so they agree to the last bit.
    ///
    /// - Throws: ``NeuroDynError/invalidScaling(name:value:)`` for a factor
    ///   that is not finite and positive.
    public func comparisonTarget(voltageScale: Double, speedUp: Double) throws(NeuroDynError) -> HodgkinHuxleyModel {
        try scaled(voltage: voltageScale, time: 1).inSIUnits().scaled(voltage: 1, time: speedUp)
    }

    /// How this model's units relate to those of the unscaled target (SI:
    /// volts with rest at 0, seconds, A/cm²), as a register file's mapping
    /// relates a chip's: voltages × scl_v, time / scl_t, currents as they are
    /// (the model scales them itself), no offset, the model's voltage origin.
    /// Meaningful in SI units.
    public var targetMapping: RegisterFile.Mapping {
        RegisterFile.Mapping(
            voltageScale: voltageScale, speedUp: timeScale, currentGain: 1, voltageOffset: 0,
            modelVoltageOrigin: voltageOrigin)
    }

    /// The factor on an applied current: scl_v · scl_t.
    public var currentScale: Double { voltageScale * timeScale }

    /// Rate α or β of `gate` at voltage `v`.
    public func rate(_ rate: Rate, of gate: Gate, at v: Double) -> Double {
        rates[gate][rate].value(at: v)
    }

    /// α / (α + β) of `gate` at `v`.
    public func steadyState(of gate: Gate, at v: Double) -> Double {
        let a = rate(.alpha, of: gate, at: v)
        return a / (a + rate(.beta, of: gate, at: v))
    }

    /// 1 / (α + β) of `gate` at `v`.
    public func timeConstant(of gate: Gate, at v: Double) -> Double {
        1 / (rate(.alpha, of: gate, at: v) + rate(.beta, of: gate, at: v))
    }

    /// The equations under a constant applied current, given as the unscaled
    /// current it stands for (µA/cm² or A/cm²).
    public func dynamics(appliedCurrent: Double) -> HodgkinHuxleyDynamics {
        HodgkinHuxleyDynamics(model: self, appliedCurrent: appliedCurrent)
    }

    /// The equations under a time-varying applied current: the unscaled
    /// current it stands for, over the model's own (scaled) time.
    public func dynamics(stimulus: Stimulus) -> HodgkinHuxleyDynamics {
        HodgkinHuxleyDynamics(model: self, stimulus: stimulus)
    }

    /// Simulates the model with the adaptive Dormand–Prince integrator.
    ///
    /// - Parameters:
    ///   - appliedCurrent: the unscaled current it stands for (µA/cm² or A/cm²).
    ///   - duration: in the model's time unit, > 0.
    ///   - initialState: `[V, m, h, n]`.
    /// - Throws: ``NeuroDynError`` for invalid input.
    public func simulate(
        appliedCurrent: Double, duration: Double, initialState: [Double] = [0, 0, 0, 0],
        options: SolverOptions = SolverOptions(), progress: ((Double) -> Void)? = nil
    ) throws(NeuroDynError) -> SimulationResult {
        try RunArguments.validate(appliedCurrent: appliedCurrent, duration: duration)
        return try simulate(
            stimulus: .constant(appliedCurrent), duration: duration, initialState: initialState, options: options,
            progress: progress)
    }

    /// Simulates the model under a time-varying current (the unscaled current
    /// it stands for, over the model's time); the solver lands on every
    /// breakpoint of the stimulus.
    ///
    /// - Throws: ``NeuroDynError`` for invalid input.
    public func simulate(
        stimulus: Stimulus, duration: Double, initialState: [Double] = [0, 0, 0, 0],
        options: SolverOptions = SolverOptions(), progress: ((Double) -> Void)? = nil
    ) throws(NeuroDynError) -> SimulationResult {
        try RunArguments.validate(stimulus: stimulus, duration: duration)
        return try DormandPrince45.integrate(
            dynamics(stimulus: stimulus), initialState: initialState,
            from: 0, to: duration, options: options, progress: progress)
    }
}
