import NeuroDynChip

/// Step 5 of the fit: codes from weights, conductances and reversal
/// potentials, with their analog equivalents and any out-of-range registers.
struct Quantization: Sendable {
    let registers: NeuronRegisters
    let analog: AnalogNeuronParameters
    let outOfRange: [RegisterAdjustment]

    /// - Parameter die: each code is the wanted value over its register's
    ///   factor (a factor of 0 counts as 1: nothing can restore a dead current).
    init(
        problem: FitProblem, weights: PerGate<PerRate<[Double]>>, timeScale: Double, refinesCodes: Bool = false,
        die: MismatchFactors = .none
    ) {
        func live(_ factor: Double) -> Double { factor > 0 ? factor : 1 }
        let constants = problem.constants, biases = problem.biases
        let conversions = problem.conversions
        var adjustments: [RegisterAdjustment] = []
        func code(
            _ exact: Double, range: ClosedRange<Int>, register: @autoclosure () -> String,
            remedy: @autoclosure () -> String
        ) -> Int {
            let rounded = exact.rounded(.toNearestOrEven)
            let requested = rounded >= Double(Int.max) ? Int.max : (rounded <= Double(Int.min) ? Int.min : Int(rounded))
            let emitted = min(max(requested, range.lowerBound), range.upperBound)
            if emitted != requested {
                adjustments.append(RegisterAdjustment(
                    register: register(), requested: requested, emitted: emitted, remedy: remedy()))
            }
            return emitted
        }
        let ampsPerWeight = constants.gateCapacitance * constants.thermalVoltage / timeScale
        let analogWeights = weights.map { _, rates in rates.map { _, w in w.map { $0 * ampsPerWeight } } }
        // The rate (1/s of target time) of one weight LSB.
        let perCode = conversions.weightPerCode * conversions.ratePerAmpere * timeScale
        let splineCodes = analogWeights.map { gate, rates in
            rates.map { rate, amps in
                let factors = die.splineWeights[gate][rate].map(live)
                let rounded = amps.enumerated().map { j, amp in
                    code(amp / conversions.weightPerCode / factors[j], range: DigitalCode.range,
                         register: "dIb.\(gate.rawValue).\(rate.rawValue)[\(j)]",
                         remedy: Self.masterRemedy(current: amp, biases: biases))
                }
                guard refinesCodes else { return SplineCodes(clampedValues: rounded) }
                return SplineCodes(clampedValues: CodeRefinement.refine(
                    codes: rounded, basis: problem.basis(for: gate, rate).scalingColumns(by: factors),
                    target: problem.targetRates[gate][rate], perCode: perCode))
            }
        }
        let ratio = problem.capacitanceRatio
        let analogConductances = problem.chipConductances.map { _, g in g / timeScale / ratio }
        let conductanceCodes = analogConductances.map { channel, g in
            DigitalCode(clamping: code(
                g / conversions.conductancePerCode / live(die.conductances[channel]), range: DigitalCode.range,
                register: "dg.\(channel.rawValue)",
                remedy: Self.masterRemedy(current: g * constants.thermalVoltage / constants.kappaLinear, biases: biases)))
        }
        let offsets = problem.chipReversals.map { _, e in e - problem.meanVoltage }
        let reversalCodes = offsets.map { channel, offset in
            SignedDigitalCode(clamping: code(
                offset / conversions.reversalPerCode / live(die.reversals[channel]), range: SignedDigitalCode.range,
                register: "dE.\(channel.rawValue)",
                remedy: Self.voltageRemedy(offset: offset, constants: constants)))
        }
        registers = NeuronRegisters(conductances: conductanceCodes, reversals: reversalCodes, splines: splineCodes)
        do {
            analog = try AnalogNeuronParameters(
                conductances: analogConductances, reversalOffsets: offsets, splineWeights: analogWeights)
        } catch {
            // The target was validated (finite, non-negative conductances) and
            // NNLS weights are finite and non-negative.
            preconditionFailure("fitted analog values are invalid: \(error)")
        }
        outOfRange = adjustments
    }

    /// I_master large enough for `current` to fit 1023 codes. The time scale is
    /// chosen so this never binds, but the message is there if it does.
    static func masterRemedy(current: Double, biases: ChipBiases) -> String {
        let needed = current * 1024 / 1023
        return "raise I_master to at least \(nanoamps(needed)) nA (now \(nanoamps(biases.masterCurrent)) nA)"
    }

    /// I_voltage large enough for `offset` to fit 1023 codes. Raising it also
    /// widens the spline spacing, so the fit changes.
    static func voltageRemedy(offset: Double, constants: ChipConstants) -> String {
        let needed = abs(offset) * 1024 / (1023 * constants.reversalResistance)
        return "raise I_voltage to at least \(nanoamps(needed)) nA"
    }

    static func nanoamps(_ amps: Double) -> String {
        let value = (amps * 1e9 * 10).rounded(.up) / 10
        return String(value)
    }
}

extension SplineCodes {
    /// Seven codes already clamped into range.
    init(clampedValues: [Int]) {
        do {
            try self.init(clampedValues.map(DigitalCode.init(clamping:)))
        } catch {
            preconditionFailure("a fitted spline has seven codes: \(error)")
        }
    }
}
