import NeuroDynChip

/// Step 5 of the fit: codes from weights, conductances and reversal
/// potentials, with their analog equivalents and any out-of-range registers.
struct Quantization: Sendable {
    let registers: NeuronRegisters
    let analog: AnalogNeuronParameters
    let outOfRange: [RegisterAdjustment]

    /// - Parameter die: the codes are for this die. The nominal codes come
    ///   first, as for a nominal die (rounded, spline codes refined against the
    ///   target); then each is divided by its register's factor and rounded,
    ///   and a rate's spline codes are refined against the rate the nominal
    ///   codes give, through the die's scaled sigmoids. So the die carries the
    ///   nominal chip's currents as closely as whole codes allow. A factor of 0
    ///   (a dead current, which no code restores) leaves the nominal code.
    init(
        problem: FitProblem, weights: PerGate<PerRate<[Double]>>, timeScale: Double, refinesCodes: Bool = false,
        die: MismatchFactors = .none
    ) {
        let constants = problem.constants, biases = problem.biases
        let conversions = problem.conversions
        var adjustments: [RegisterAdjustment] = []
        func nearest(_ exact: Double) -> Int {
            let rounded = exact.rounded(.toNearestOrEven)
            return rounded >= Double(Int.max) ? Int.max : (rounded <= Double(Int.min) ? Int.min : Int(rounded))
        }
        /// The nominal code `requested` for a register of the die with `factor`, in range.
        func code(
            _ requested: Int, factor: Double = 1, range: ClosedRange<Int>, register: @autoclosure () -> String,
            remedy: @autoclosure () -> String
        ) -> Int {
            let wanted = factor > 0 && factor != 1 ? nearest(Double(requested) / factor) : requested
            let emitted = min(max(wanted, range.lowerBound), range.upperBound)
            if emitted != wanted {
                adjustments.append(RegisterAdjustment(
                    register: register(), requested: wanted, emitted: emitted, remedy: remedy()))
            }
            return emitted
        }
        let ampsPerWeight = constants.gateCapacitance * constants.thermalVoltage / timeScale
        let analogWeights = weights.map { _, rates in rates.map { _, w in w.map { $0 * ampsPerWeight } } }
        // The rate (1/s of target time) of one weight LSB.
        let perCode = conversions.weightPerCode * conversions.ratePerAmpere * timeScale
        let splineCodes = analogWeights.map { gate, rates in
            rates.map { rate, amps in
                let name = "dIb.\(gate.rawValue).\(rate.rawValue)"
                let basis = problem.basis(for: gate, rate)
                var codes = amps.enumerated().map { j, amp in
                    code(nearest(amp / conversions.weightPerCode), range: DigitalCode.range, register: "\(name)[\(j)]",
                         remedy: Self.masterRemedy(current: amp, biases: biases))
                }
                if refinesCodes {
                    codes = CodeRefinement.refine(
                        codes: codes, basis: basis, target: problem.targetRates[gate][rate], perCode: perCode,
                        weights: problem.refinementWeights(gate, rate))
                }
                let factors = die.splineWeights[gate][rate]
                guard factors.contains(where: { $0 != 1 }) else { return SplineCodes(clampedValues: codes) }
                let nominal = codes
                codes = nominal.enumerated().map { j, d in
                    code(d, factor: factors[j], range: DigitalCode.range, register: "\(name)[\(j)]",
                         remedy: Self.masterRemedy(current: amps[j], biases: biases))
                }
                guard refinesCodes, nominal.contains(where: { $0 != 0 }) else { return SplineCodes(clampedValues: codes) }
                return SplineCodes(clampedValues: CodeRefinement.refine(
                    codes: codes, basis: basis.scalingColumns(by: factors),
                    target: basis.times(nominal.map { Double($0) * perCode }), perCode: perCode))
            }
        }
        let ratio = problem.capacitanceRatio
        let analogConductances = problem.chipConductances.map { _, g in g / timeScale / ratio }
        let conductanceCodes = analogConductances.map { channel, g in
            DigitalCode(clamping: code(
                nearest(g / conversions.conductancePerCode), factor: die.conductances[channel],
                range: DigitalCode.range, register: "dg.\(channel.rawValue)",
                remedy: Self.masterRemedy(current: g * constants.thermalVoltage / constants.kappaLinear, biases: biases)))
        }
        let offsets = problem.chipReversals.map { _, e in e - problem.meanVoltage }
        let reversalCodes = offsets.map { channel, offset in
            SignedDigitalCode(clamping: code(
                nearest(offset / conversions.reversalPerCode), factor: die.reversals[channel],
                range: SignedDigitalCode.range, register: "dE.\(channel.rawValue)",
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
