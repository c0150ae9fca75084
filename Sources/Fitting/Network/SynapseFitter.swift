import NeuroDynChip

/// Fits a conductance-based synapse (its α/β kinetics, g and E, in the target's
/// biological units with rest at 0) onto a NeuroDyn synapse, under the voltage
/// axis of a neuron fit: the same scl_v, grid, spline centres and reversal
/// origin, so the synapse sees the chip voltages its neurons produce.
///
/// α is fitted with the rising sigmoids (s = +1, it sees V_pre), β with the
/// falling ones (s = −1, it sees V_post), by non-negative least squares on
/// the neuron fit's grid. The codes depend on the time scale σ_t of the whole
/// board (``BoardFitter``): weight w (1/s of target time) becomes
/// I_b = w C_gate V_T / σ_t, g becomes g / σ_t / C_ratio and E becomes
/// E·scl_v − V_mean relative to V_ref, as a neuron's channel does.
public struct SynapseFitter: Sendable {
    /// The presynaptic and postsynaptic neurons.
    public var pre: Int
    public var post: Int
    /// The kinetics, biological units (mV, 1/ms), unscaled.
    public var kinetics: SynapseKinetics
    /// g in mS/cm² of the target.
    public var conductance: Double
    /// E in mV of the target (rest at 0).
    public var reversal: Double

    public init(pre: Int, post: Int, kinetics: SynapseKinetics = .ampa, conductance: Double, reversal: Double) {
        self.pre = pre
        self.post = post
        self.kinetics = kinetics
        self.conductance = conductance
        self.reversal = reversal
    }

    /// The continuous fit of the kinetics on `neuron`'s voltage axis: weights in
    /// 1/s of target time and the slow-downs σ_w and σ_g this synapse needs.
    ///
    /// - Throws: ``FittingError/invalidTarget(_:)`` for a non-finite or
    ///   negative g, a non-finite E, or rates that are not finite and ≥ 0 on
    ///   the grid; errors of the NNLS solver.
    public func continuousFit(on neuron: ChipFit) throws(FittingError) -> SynapseFit.Continuous {
        guard conductance.isFinite && conductance >= 0 else { throw .invalidTarget("synapse g = \(conductance) mS/cm²") }
        guard reversal.isFinite else { throw .invalidTarget("synapse E = \(reversal) mV") }
        let scaled = kinetics.scaled(voltage: neuron.voltageScale, time: 1).inSIUnits()
        let grid = neuron.voltageGrid
        let constants = neuron.constants
        let slope = constants.kappa / constants.thermalVoltage
        let solver = NonNegativeLeastSquares()
        var weights = PerRate(alpha: [Double](), beta: [])
        var errors = PerRate(alpha: 0.0, beta: 0.0)
        for rate in Rate.allCases {
            let direction: Double = rate == .alpha ? 1 : -1
            var entries = [Double](repeating: 0, count: grid.count * SplineCodes.count)
            for j in 0..<SplineCodes.count {
                for (i, v) in grid.enumerated() {
                    let pair = Logistic.pair(slope * (neuron.fitCentres[j] - v))
                    entries[i + j * grid.count] = direction > 0 ? pair.increasing : pair.decreasing
                }
            }
            let target = grid.map { scaled.value(rate, at: $0) }
            if let bad = target.first(where: { !($0.isFinite && $0 >= 0) }) {
                throw .invalidTarget("synapse \(rate.rawValue) = \(bad) /s on the fit grid")
            }
            let basis = Matrix(rows: grid.count, columns: SplineCodes.count, columnMajor: entries)
            let solution = try solver.solve(basis, target).solution
            weights[rate] = solution
            var worst = 0.0
            let scale = target.max() ?? 0
            for i in grid.indices {
                var sum = 0.0
                for j in 0..<SplineCodes.count { sum += solution[j] * entries[i + j * grid.count] }
                worst = max(worst, abs(sum - target[i]))
            }
            errors[rate] = scale > 0 ? worst / scale : 0
        }
        let fullScale = 1023.0 / 1024 * neuron.biases.masterCurrent
        let largest = (weights.alpha + weights.beta).max() ?? 0
        let conductanceSI = conductance * 1e-3
        return SynapseFit.Continuous(
            weights: weights, maximumRelativeError: errors,
            fromWeights: largest * constants.gateCapacitance * constants.thermalVoltage / fullScale,
            fromConductance: conductanceSI / (fullScale * constants.kappaLinear / constants.thermalVoltage)
                / neuron.problem.capacitanceRatio)
    }

    /// The synapse's codes at time scale `timeScale` (σ_t of the board).
    ///
    /// - Throws: ``FittingError/codesOutOfRange(_:)`` naming each register
    ///   (`dg`, `dE`, `dIb.alpha[j]`) that does not fit, with the bias that
    ///   would bring it back; errors of ``continuousFit(on:)``.
    public func fit(on neuron: ChipFit, timeScale: Double) throws(FittingError) -> SynapseFit {
        try fit(continuous: try continuousFit(on: neuron), on: neuron, timeScale: timeScale)
    }

    /// The codes of an already computed continuous fit at time scale `timeScale`.
    func fit(continuous: SynapseFit.Continuous, on neuron: ChipFit, timeScale: Double) throws(FittingError) -> SynapseFit {
        guard timeScale.isFinite && timeScale > 0 else { throw .invalidSetting(name: "time scale", value: timeScale) }
        let conversions = ChipConversions(biases: neuron.biases, constants: neuron.constants)
        let constants = neuron.constants
        var outOfRange: [RegisterAdjustment] = []
        func code(_ exact: Double, register: String, range: ClosedRange<Int>, remedy: String) -> Int {
            let rounded = min(max(exact.rounded(), -1e9), 1e9)
            guard range.contains(Int(rounded)) else {
                let clamped = min(max(Int(rounded), range.lowerBound), range.upperBound)
                outOfRange.append(RegisterAdjustment(
                    register: "synapse \(pre)→\(post) \(register)", requested: Int(rounded), emitted: clamped, remedy: remedy))
                return clamped
            }
            return Int(rounded)
        }
        let analogWeights = continuous.weights.map { _, weights in
            weights.map { $0 * constants.gateCapacitance * constants.thermalVoltage / timeScale }
        }
        let splineValues = analogWeights.map { rate, weights in
            weights.enumerated().map { j, w in
                code(w / conversions.weightPerCode, register: "dIb.\(rate.rawValue)[\(j)]", range: DigitalCode.range,
                     remedy: "a larger board time scale")
            }
        }
        let analogConductance = conductance * 1e-3 / timeScale / neuron.problem.capacitanceRatio
        let dg = code(analogConductance / conversions.conductancePerCode, register: "dg", range: DigitalCode.range,
                      remedy: "a smaller g or a larger board time scale")
        let offset = reversal * 1e-3 * neuron.voltageScale - neuron.meanVoltage
        let dE = code(offset / conversions.reversalPerCode, register: "dE", range: SignedDigitalCode.range,
                      remedy: "an E within the neurons' reversal range, or a larger I_voltage")
        guard outOfRange.isEmpty else { throw .codesOutOfRange(outOfRange) }
        let registers: SynapseRegisters
        do {
            registers = SynapseRegisters(
                pre: pre, post: post, conductance: try DigitalCode(dg, register: "dg"),
                reversal: try SignedDigitalCode(dE, register: "dE"),
                splines: try splineValues.map { (rate, values) throws(NeuroDynError) in
                    try SplineCodes(values: values, name: "dIb.\(rate.rawValue)")
                })
        } catch {
            preconditionFailure("codes checked against their ranges: \(error)")
        }
        return SynapseFit(
            continuous: continuous, registers: registers, analogWeights: analogWeights,
            analogConductance: analogConductance, reversalOffset: offset, timeScale: timeScale)
    }
}

/// A synapse fitted onto the chip.
public struct SynapseFit: Sendable {
    /// The fit before quantization.
    public struct Continuous: Sendable {
        /// NNLS weights in 1/s of target time, seven per rate.
        public let weights: PerRate<[Double]>
        /// Per rate, the largest |fit − target| on the grid over the target's largest value.
        public let maximumRelativeError: PerRate<Double>
        /// σ_w: the slow-down the largest weight needs to fit I_max.
        public let fromWeights: Double
        /// σ_g: the slow-down the conductance needs to fit I_max.
        public let fromConductance: Double

        /// max(σ_w, σ_g).
        public var timeScale: Double { max(fromWeights, fromConductance) }
    }

    public let continuous: Continuous
    /// The emitted codes.
    public let registers: SynapseRegisters
    /// The unrounded spline currents in amperes.
    public let analogWeights: PerRate<[Double]>
    /// The unrounded conductance in siemens.
    public let analogConductance: Double
    /// The unrounded reversal offset from V_ref in volts.
    public let reversalOffset: Double
    /// The σ_t the codes were computed at.
    public let timeScale: Double
}
