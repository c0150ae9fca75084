import NeuroDynChip
import RealModule

/// Estimates a die's mismatch factors from measurements alone: voltage-clamp
/// readings and steps of a ``MeasurableDie``, with codes chosen so that each
/// measurement isolates a few factors.
///
/// What identifies what (every factor of ``MismatchFactors`` is identified):
/// 1. **Conductances and reversal potentials** (3 I–V curves). One channel
///    on, its gates held fully open (α on every weight, β off, so x∞ = 1
///    whatever the factors): I(V) = g/k · tanh(k (V − E)). Steady readings at
///    ``voltageOffsets`` give g, hence the conductance factor, and E, hence
///    the reversal factor (E − V_ref scales with it; a large reversal code
///    makes it precise).
/// 2. **Spline weights and exponents** (42 steps). One weight alone carries
///    its rate; the other rate of the gate is off and the gate's partner
///    (h for m, m for h) is held open. The gate is first held shut (for an
///    α weight) or open (for a β weight), then the codes switch and the
///    current relaxes: A (1 − e^{−a t})^p for α, A e^{−p b t} for β. The
///    rise's shape gives the exponent and a; pooled over the gate's seven α
///    steps, the exponent turns the decay's p·b into b. A weight's rate is
///    w f σ_j(V) / (C_gate V_T) with w its programmed current and σ_j the
///    sigmoid at the clamp voltage, both known, so a gives the factor f.
///
/// Assumed known (the bench sets them or they are shared by the whole die):
/// the biases, the chip constants and the spline centres. A deviation of
/// those is absorbed into the factors it scales (a gate capacitance 10% high
/// reads as every weight 10% low), which is what calibration needs.
///
/// Deterministic for a deterministic die: the same die and settings give the
/// same estimate.
public struct DieCharacterization: Sendable {
    /// Clamp voltages of the I–V curves, relative to V_ref, in volts.
    public var voltageOffsets: [Double] = [-0.3, -0.2, -0.1, 0, 0.1, 0.2, 0.3]
    /// The conductance code of the channel under test.
    public var conductanceCode = 300
    /// The reversal code of an I–V curve (its zero crossing is V_ref plus
    /// this code's offset times the factor).
    public var reversalCode = 600
    /// The code of every weight that holds a gate open or shut.
    public var holdingCode = 1023
    /// The rate each probed weight is given, nominally, in 1/s: its code is
    /// chosen for it, so that the relaxation is slow against the sampling.
    public var probeRate = 10_000.0
    /// The span of a step's sampling, in nominal time constants of the
    /// relaxation.
    public var stepSpan = 8.0
    /// Samples per step (fewer when the bench cannot sample that fast). The
    /// step's duration is fixed by ``stepSpan``, so more samples cost no
    /// bench time: 800 (one per µs at 10 000/s) halve the noise's effect of
    /// 200, which raised the yield of measured calibration over 1000 dies
    /// with 1% noise from 94.9% to 95.6%.
    public var samplesPerStep = 800
    /// How far past its centre (in volts, towards the side where it is on)
    /// a probed weight's sigmoid is clamped: 2 V_T/κ puts it at 88%.
    public var probeOffset: Double?
    /// Readings smaller than this (A) are left out of the step fits: a bench
    /// reads currents under its floor as 0.
    public var floorGuard = 5e-12

    public init() {}

    /// Characterizes `die`, whose nominal programming is relative to its
    /// ``MeasurableDie/conversions``.
    ///
    /// - Throws: ``BringUpError/measurement(_:)`` when the die refuses a
    ///   measurement (a voltage outside its clamp range, say),
    ///   ``BringUpError/unidentified(factor:reason:)`` when a fit fails,
    ///   ``BringUpError/invalidSetting(name:value:)`` for settings that
    ///   cannot work.
    public func characterize<Die: MeasurableDie>(_ die: inout Die) throws(BringUpError) -> DieEstimate {
        try validate()
        let start = die.ledger
        let conversions = die.conversions
        var conductances = PerChannel(sodium: 1.0, potassium: 1, leak: 1), conductanceErrors = PerChannel(sodium: 0.0, potassium: 0, leak: 0)
        var reversals = conductances, reversalErrors = conductanceErrors
        for channel in IonChannel.allCases {
            let estimate = try reversalCurve(of: channel, on: &die)
            conductances[channel] = estimate.conductance.value
            conductanceErrors[channel] = estimate.conductance.error
            reversals[channel] = estimate.reversal.value
            reversalErrors[channel] = estimate.reversal.error
        }
        var weights = PerGate { _ in PerRate { _ in [Double](repeating: 1, count: SplineCodes.count) } }
        var weightErrors = PerGate { _ in PerRate { _ in [Double](repeating: 0, count: SplineCodes.count) } }
        var exponents = GateExponents.nominal, exponentErrors = GateExponents(p: 0, q: 0, r: 0)
        for gate in Gate.allCases {
            // The rises first: they give the exponent that the decays need.
            var rises: [(factor: Estimate, exponent: Estimate)] = []
            for j in 0..<SplineCodes.count {
                rises.append(try rise(gate, weight: j, on: &die, conversions: conversions))
            }
            let exponent = Self.pooled(rises.map(\.exponent))
            weights[gate].alpha = rises.map(\.factor.value)
            weightErrors[gate].alpha = rises.map(\.factor.error)
            for j in 0..<SplineCodes.count {
                let decay = try decay(gate, weight: j, exponent: exponent.value, on: &die, conversions: conversions)
                weights[gate].beta[j] = decay.value
                let relative = (Self.square(decay.error / max(decay.value, .leastNormalMagnitude))
                    + Self.square(exponent.error / exponent.value)).squareRoot()
                weightErrors[gate].beta[j] = relative * decay.value
            }
            switch gate {
            case .m: exponents.p = exponent.value; exponentErrors.p = exponent.error
            case .h: exponents.q = exponent.value; exponentErrors.q = exponent.error
            case .n: exponents.r = exponent.value; exponentErrors.r = exponent.error
            }
        }
        do {
            let factors = try MismatchFactors(
                splineWeights: weights, conductances: conductances, reversals: reversals, exponents: exponents)
            let uncertainty = try MismatchFactors(
                splineWeights: weightErrors, conductances: conductanceErrors, reversals: reversalErrors,
                exponents: exponentErrors)
            return DieEstimate(factors: factors, uncertainty: uncertainty, ledger: die.ledger - start)
        } catch {
            throw .unidentified(factor: "factors", reason: error.description)
        }
    }

    private func validate() throws(BringUpError) {
        let settings: [(String, Double, Bool)] = [
            ("probe rate", probeRate, probeRate > 0), ("step span", stepSpan, stepSpan > 0),
            ("samples per step", Double(samplesPerStep), samplesPerStep >= 10),
            ("floor guard", floorGuard, floorGuard >= 0),
            ("conductance code", Double(conductanceCode), (1...DigitalCode.maximum).contains(conductanceCode)),
            ("reversal code", Double(reversalCode), (1...SignedDigitalCode.maximumMagnitude).contains(reversalCode)),
            ("holding code", Double(holdingCode), (1...DigitalCode.maximum).contains(holdingCode)),
            ("voltage offsets", Double(voltageOffsets.count), voltageOffsets.count >= 3 && voltageOffsets.allSatisfy(\.isFinite)),
        ]
        for (name, value, valid) in settings where !(valid && value.isFinite) {
            throw .invalidSetting(name: name, value: value)
        }
        if let probeOffset, !(probeOffset.isFinite && probeOffset >= 0) {
            throw .invalidSetting(name: "probe offset", value: probeOffset)
        }
    }

    // MARK: - Measurements

    /// An estimate and its standard error.
    struct Estimate {
        var value: Double
        var error: Double
    }

    /// Step 1: the I–V curve of `channel` with its gates held open.
    private func reversalCurve<Die: MeasurableDie>(
        of channel: IonChannel, on die: inout Die
    ) throws(BringUpError) -> (conductance: Estimate, reversal: Estimate) {
        let conversions = die.conversions
        var registers = Probe.silent
        registers.conductances[channel] = DigitalCode(clamping: conductanceCode)
        registers.reversals[channel] = SignedDigitalCode(clamping: reversalCode)
        switch channel {
        case .sodium:
            registers.splines.m = Probe.open(holdingCode)
            registers.splines.h = Probe.open(holdingCode)
        case .potassium: registers.splines.n = Probe.open(holdingCode)
        case .leak: break
        }
        let reference = conversions.biases.referenceVoltage
        let voltages = voltageOffsets.map { reference + $0 }
        let readings: [Double]
        do throws(MeasurementError) {
            readings = try die.clampCurrents(registers: registers, voltages: voltages)
        } catch {
            throw .measurement(error)
        }
        let nominalConductance = conversions.conductance(registers.conductances[channel])
        let nominalOffset = conversions.reversalOffset(registers.reversals[channel])
        let slope = conversions.constants.kappaLinear / (2 * conversions.constants.thermalVoltage)
        // Parameters: the conductance factor and the reversal factor.
        let fit = CurveFit.fit(observations: readings, start: [1, 1]) { p, i in
            let drop = voltages[i] - reference - nominalOffset * p[1]
            let t = Double.tanh(slope * drop)
            let value = nominalConductance * p[0] * t / slope
            let gradient = SIMD4(
                nominalConductance * t / slope, -nominalConductance * p[0] * (1 - t * t) * nominalOffset, 0, 0)
            return (value, gradient)
        }
        guard let fit, fit.parameters[0] > 0, fit.parameters[1] >= 0 else {
            throw .unidentified(factor: "dg.\(channel.rawValue), dE.\(channel.rawValue)", reason: "the I–V curve did not fit")
        }
        return (Estimate(value: fit.parameters[0], error: fit.standardErrors[0]),
                Estimate(value: fit.parameters[1], error: fit.standardErrors[1]))
    }

    /// The sigmoid of weight `j` of `rate` of `gate` at the probe voltage,
    /// the voltage, the code that gives it ``probeRate`` and the rate (1/s)
    /// that code gives nominally.
    private func probe(
        _ gate: Gate, _ rate: Rate, weight j: Int, conversions: ChipConversions
    ) -> (voltage: Double, code: Int, nominalRate: Double) {
        let constants = conversions.constants
        let offset = probeOffset ?? 2 * constants.thermalVoltage / constants.kappa
        let direction = gate.kind.direction(of: rate)
        let centre = conversions.splineCentres[j]
        let voltage = direction == .increasing ? centre + offset : centre - offset
        let sigmoid = Logistic.sigmoid(constants.kappa * (centre - voltage) / constants.thermalVoltage, direction: direction)
        let perCode = conversions.weightPerCode * conversions.ratePerAmpere * sigmoid
        let code = min(max(Int((probeRate / perCode).rounded()), 1), DigitalCode.maximum)
        return (voltage, code, Double(code) * perCode)
    }

    /// Registers that open `channel` for the steps of `gate`: the channel at
    /// the probe conductance, its reversal at the far end from `voltage`, the
    /// partner gate held open.
    private func stepBase(_ gate: Gate, voltage: Double, conversions: ChipConversions) -> NeuronRegisters {
        var registers = Probe.silent
        let channel: IonChannel = gate == .n ? .potassium : .sodium
        registers.conductances[channel] = DigitalCode(clamping: conductanceCode)
        let far = voltage > conversions.biases.referenceVoltage ? -SignedDigitalCode.maximumMagnitude : SignedDigitalCode.maximumMagnitude
        registers.reversals[channel] = SignedDigitalCode(clamping: far)
        switch gate {
        case .m: registers.splines.h = Probe.open(holdingCode)
        case .h: registers.splines.m = Probe.open(holdingCode)
        case .n: break
        }
        return registers
    }

    private func sampling<Die: MeasurableDie>(rate: Double, on die: Die) -> (duration: Double, interval: Double) {
        let duration = stepSpan / rate
        return (duration, max(duration / Double(samplesPerStep), die.minimumSampleInterval))
    }

    private func step<Die: MeasurableDie>(
        _ step: ClampStep, on die: inout Die
    ) throws(BringUpError) -> (times: [Double], values: [Double]) {
        let trace: SampledTrace
        do throws(MeasurementError) { trace = try die.clampStep(step) } catch { throw .measurement(error) }
        let kept = trace.values.indices.filter { abs(trace.values[$0]) > floorGuard }
        return (kept.map { trace.times[$0] }, kept.map { trace.values[$0] })
    }

    /// One weight of `rate` of `gate` alone after the gate was held shut
    /// (α) or open (β): the readings above the floor, and the nominal rate
    /// of the weight (1/s).
    private func relaxation<Die: MeasurableDie>(
        _ gate: Gate, _ rate: Rate, weight j: Int, on die: inout Die, conversions: ChipConversions
    ) throws(BringUpError) -> (times: [Double], values: [Double], nominalRate: Double) {
        let (voltage, code, nominalRate) = probe(gate, rate, weight: j, conversions: conversions)
        var hold = stepBase(gate, voltage: voltage, conversions: conversions)
        hold.splines[gate] = rate == .alpha ? Probe.shut(holdingCode) : Probe.open(holdingCode)
        var registers = hold
        registers.splines[gate] = Probe.alone(rate, weight: j, code: code)
        // A closing gate's current decays e-fold faster than the gate: e^{−p b t}.
        let observed = rate == .alpha ? nominalRate : nominalRate * Self.nominalExponent(of: gate)
        let (duration, interval) = sampling(rate: observed, on: die)
        let samples = try step(
            ClampStep(hold: hold, holdVoltage: voltage, registers: registers, voltage: voltage, duration: duration,
                      sampleInterval: interval), on: &die)
        guard samples.values.count > 10 else {
            throw .unidentified(
                factor: "dIb.\(gate.rawValue).\(rate.rawValue)[\(j)]", reason: "the current stayed under the floor")
        }
        return (samples.times, samples.values, nominalRate)
    }

    /// An α weight alone, from the gate shut: A (1 − e^{−a t})^e.
    private func rise<Die: MeasurableDie>(
        _ gate: Gate, weight j: Int, on die: inout Die, conversions: ChipConversions
    ) throws(BringUpError) -> (factor: Estimate, exponent: Estimate) {
        let samples = try relaxation(gate, .alpha, weight: j, on: &die, conversions: conversions)
        let nominalRate = samples.nominalRate
        // Parameters: the plateau, the rate over its nominal value (the factor) and the exponent.
        let start = [samples.values[samples.values.count - 1], 1, Self.nominalExponent(of: gate)]
        let fit = CurveFit.fit(observations: samples.values, start: start) { p, i in
            let t = samples.times[i]
            let decay = Double.exp(-p[1] * nominalRate * t)
            let open = max(1 - decay, .leastNormalMagnitude)
            let shape = Double.pow(open, p[2])
            let gradient = SIMD4(
                shape, p[0] * p[2] * shape / open * decay * nominalRate * t, p[0] * shape * Double.log(open), 0)
            return (p[0] * shape, gradient)
        }
        guard let fit, fit.parameters[1] > 0, fit.parameters[2] > 0 else {
            throw .unidentified(factor: "dIb.\(gate.rawValue).alpha[\(j)]", reason: "the relaxation did not fit")
        }
        return (Estimate(value: fit.parameters[1], error: fit.standardErrors[1]),
                Estimate(value: fit.parameters[2], error: fit.standardErrors[2]))
    }

    /// A β weight alone, from the gate open: A e^{−e b t}, with e the pooled exponent.
    private func decay<Die: MeasurableDie>(
        _ gate: Gate, weight j: Int, exponent: Double, on die: inout Die, conversions: ChipConversions
    ) throws(BringUpError) -> Estimate {
        let samples = try relaxation(gate, .beta, weight: j, on: &die, conversions: conversions)
        let observed = samples.nominalRate * Self.nominalExponent(of: gate)
        // Parameters: the amplitude and the observed rate e·b over its nominal value.
        let fit = CurveFit.fit(observations: samples.values, start: [samples.values[0], 1]) { p, i in
            let t = samples.times[i]
            let value = p[0] * Double.exp(-p[1] * observed * t)
            return (value, SIMD4(value / p[0], -value * observed * t, 0, 0))
        }
        guard let fit, fit.parameters[1] > 0, exponent > 0 else {
            throw .unidentified(factor: "dIb.\(gate.rawValue).beta[\(j)]", reason: "the relaxation did not fit")
        }
        let scale = Self.nominalExponent(of: gate) / exponent
        return Estimate(value: fit.parameters[1] * scale, error: fit.standardErrors[1] * scale)
    }

    // MARK: - Helpers

    private static func nominalExponent(of gate: Gate) -> Double {
        switch gate {
        case .m: GateExponents.nominal.p
        case .h: GateExponents.nominal.q
        case .n: GateExponents.nominal.r
        }
    }

    /// The inverse-variance mean of estimates (the plain mean when any is exact).
    static func pooled(_ estimates: [Estimate]) -> Estimate {
        if estimates.contains(where: { $0.error == 0 }) {
            let exact = estimates.filter { $0.error == 0 }.map(\.value)
            return Estimate(value: exact.reduce(0, +) / Double(exact.count), error: 0)
        }
        let weights = estimates.map { 1 / ($0.error * $0.error) }
        let total = weights.reduce(0, +)
        let mean = zip(weights, estimates).map { $0 * $1.value }.reduce(0, +) / total
        return Estimate(value: mean, error: (1 / total).squareRoot())
    }

    private static func square(_ x: Double) -> Double { x * x }
}

/// The register patterns of the characterization.
enum Probe {
    /// Every code 0: no current flows.
    static let silent = NeuronRegisters(
        conductances: PerChannel(sodium: .zero, potassium: .zero, leak: .zero),
        reversals: PerChannel(sodium: SignedDigitalCode(clamping: 0), potassium: SignedDigitalCode(clamping: 0), leak: SignedDigitalCode(clamping: 0)),
        splines: PerGate { _ in PerRate { _ in SplineCodes.zero } })

    private static func codes(_ values: [Int]) -> SplineCodes {
        // Every value is clamped into range, so the codes are valid.
        (try? SplineCodes(values: values.map { min(max($0, 0), DigitalCode.maximum) })) ?? .zero
    }

    /// α on every weight, β off: the gate opens fully at every voltage.
    static func open(_ code: Int) -> PerRate<SplineCodes> {
        PerRate(alpha: codes([Int](repeating: code, count: SplineCodes.count)), beta: .zero)
    }

    /// α off, β on every weight: the gate shuts fully.
    static func shut(_ code: Int) -> PerRate<SplineCodes> {
        PerRate(alpha: .zero, beta: codes([Int](repeating: code, count: SplineCodes.count)))
    }

    /// One weight of one rate at `code`, every other weight off.
    static func alone(_ rate: Rate, weight j: Int, code: Int) -> PerRate<SplineCodes> {
        var values = [Int](repeating: 0, count: SplineCodes.count)
        values[j] = code
        return rate == .alpha ? PerRate(alpha: codes(values), beta: .zero) : PerRate(alpha: .zero, beta: codes(values))
    }
}
