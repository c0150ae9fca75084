import NeuroDynChip
import RealModule

/// The sampled target and the sigmoid bases of one fit: everything that does
/// not depend on the NNLS solutions.
struct FitProblem: Sendable {
    let model: HodgkinHuxleyModel
    let biases: ChipBiases
    let constants: ChipConstants
    let conversions: ChipConversions
    /// Scaled SI voltages E_K, E_K + step, … while below the range's top
    /// (E_Na / 2, or E_Na).
    let grid: [Double]
    /// (E_K + E_Na) / 2 on the scaled axis.
    let meanVoltage: Double
    /// V_mean + (j − 3) Δ.
    let centres: [Double]
    /// Sigmoid bases, grid × 7, for rising and falling rates.
    let risingBasis: Matrix
    let fallingBasis: Matrix
    /// The rates the splines are fitted to on the grid, in 1/s: the target's,
    /// with the drive compensation folded into m∞ (and n∞) when asked.
    let targetRates: PerGate<PerRate<[Double]>>
    let kinds: PerGate<GateKind>
    /// The conductances the chip is to have, in S/cm² of the target: the
    /// target's times the fitter's compensation factors.
    let chipConductances: PerChannel<Double>
    /// The reversal potentials the chip is to have (V, scaled axis): the
    /// target's plus the fitter's shifts.
    let chipReversals: PerChannel<Double>
    /// Per gate, the weight of each grid row in the rate fits (nil: uniform):
    /// 1 / (α + β) of the target for ``HodgkinHuxleyFitter/RateWeighting/totalRate``.
    let rowWeights: PerGate<[Double]>?

    init(
        model: HodgkinHuxleyModel, biases: ChipBiases, constants: ChipConstants, step: Double,
        sampling: HodgkinHuxleyFitter.TargetSampling,
        conductanceFactors: PerChannel<Double> = PerChannel(sodium: 1, potassium: 1, leak: 1),
        reversalShifts: PerChannel<Double> = PerChannel(sodium: 0, potassium: 0, leak: 0),
        range: HodgkinHuxleyFitter.FitRange = .published, weighting: HodgkinHuxleyFitter.RateWeighting = .uniform,
        driveCompensation: PerChannel<Double> = PerChannel(sodium: 0, potassium: 0, leak: 0),
        meanVoltage sharedMean: Double? = nil
    ) throws(FittingError) {
        for channel in IonChannel.allCases {
            let g = model.conductances[channel], e = model.reversalPotentials[channel]
            guard g.isFinite && g >= 0 else { throw .invalidTarget("conductance g_\(channel.rawValue) = \(g)") }
            guard e.isFinite else { throw .invalidTarget("reversal potential E_\(channel.rawValue) = \(e)") }
        }
        guard model.capacitance.isFinite && model.capacitance > 0 else {
            throw .invalidTarget("capacitance \(model.capacitance)")
        }
        self.model = model
        chipConductances = model.conductances.map { channel, g in g * conductanceFactors[channel] }
        chipReversals = model.reversalPotentials.map { channel, e in e + reversalShifts[channel] }
        self.biases = biases
        self.constants = constants
        conversions = ChipConversions(biases: biases, constants: constants)
        let eK = model.reversalPotentials.potassium, eNa = model.reversalPotentials.sodium
        // Same count as numpy's arange: ⌈(stop − start) / step⌉ points start + i·step.
        let top = range == .published ? eNa / 2 : eNa
        let span = (top - eK) / step
        guard span.isFinite, span.rounded(.up) >= Double(SplineCodes.count) else {
            throw .invalidTarget("the grid from E_K = \(eK) V to \(top) V has fewer than 7 points")
        }
        let count = Int(span.rounded(.up))
        // numpy fills arange with start + i·δ, δ = (start + step) − start, which
        // can differ from step in its last bits; the same points keep the
        // published samples (and so its fit) reproducible.
        let increment = (eK + step) - eK
        grid = (0..<count).map { eK + Double($0) * increment }
        meanVoltage = sharedMean ?? (eK + eNa) / 2
        let spacing = conversions.splineSpacing
        let mean = meanVoltage
        centres = (0..<SplineCodes.count).map { mean + Double($0 - 3) * spacing }
        var rising = [Double](repeating: 0, count: count * SplineCodes.count)
        var falling = rising
        let slope = constants.kappa / constants.thermalVoltage
        // The centres are evenly spaced, so along a grid row e^{x_j} = e^{x_0} ρ^j
        // with x_j = κ (V_b,j − V)/V_T and ρ = e^{κΔ/V_T}: one exponential and six
        // products per row (≤ 6 ulp from seven exponentials). Where a product
        // could overflow, the row is evaluated directly.
        let ratio = Double.exp(slope * spacing)
        let reach = slope * spacing * Double(SplineCodes.count - 1)
        let centreList = centres, gridList = grid
        rising.withUnsafeMutableBufferPointer { up in
            falling.withUnsafeMutableBufferPointer { down in
                for i in 0..<count {
                    let x0 = slope * (centreList[0] - gridList[i])
                    if abs(x0) + reach < 600 {
                        var growth = Double.exp(x0)
                        for j in 0..<SplineCodes.count {
                            let inverse = 1 / (1 + growth)
                            up[i + j * count] = inverse
                            down[i + j * count] = growth * inverse
                            growth *= ratio
                        }
                    } else {
                        for j in 0..<SplineCodes.count {
                            let pair = Logistic.pair(slope * (centreList[j] - gridList[i]))
                            up[i + j * count] = pair.increasing
                            down[i + j * count] = pair.decreasing
                        }
                    }
                }
            }
        }
        risingBasis = Matrix(rows: count, columns: SplineCodes.count, columnMajor: rising)
        fallingBasis = Matrix(rows: count, columns: SplineCodes.count, columnMajor: falling)
        let grid = self.grid
        var sampled = PerGate { gate in
            PerRate { rate in
                let function = model.rates[gate][rate]
                return sampling == .exact ? function.values(at: grid) : grid.map(function.publishedValue(at:))
            }
        }
        for (channel, gate, exponent) in [(IonChannel.sodium, Gate.m, 3.0), (.potassium, .n, 4.0)]
        where driveCompensation[channel] != 0 && model.conductances[channel] > 0 {
            sampled[gate] = Self.compensatingDrive(
                sampled[gate], grid: grid, exponent: exponent, lambda: driveCompensation[channel],
                target: (model.conductances[channel], model.reversalPotentials[channel]),
                chip: (chipConductances[channel], chipReversals[channel]),
                tanhSlope: constants.kappaLinear / (2 * constants.thermalVoltage))
        }
        targetRates = sampled
        for gate in Gate.allCases {
            for rate in Rate.allCases {
                if let bad = targetRates[gate][rate].first(where: { !$0.isFinite || $0 < 0 }) {
                    throw .invalidTarget("\(rate.rawValue)_\(gate.rawValue) = \(bad) on the fit grid")
                }
            }
        }
        let rates = targetRates
        kinds = PerGate { gate in
            rates[gate].alpha.last! > rates[gate].alpha.first! ? .activation : .inactivation
        }
        switch weighting {
        case .uniform: rowWeights = nil
        case .totalRate:
            rowWeights = PerGate { gate in zip(rates[gate].alpha, rates[gate].beta).map { 1 / ($0 + $1) } }
        }
    }

    /// The weight of each grid row in the relative error that code refinement
    /// minimises for one rate: the fit's row weights, or 1 / r (relative error).
    func refinementWeights(_ gate: Gate, _ rate: Rate) -> [Double] {
        rowWeights?[gate] ?? targetRates[gate][rate].map { $0 > 0 ? 1 / $0 : 0 }
    }

    /// A gate's rates with the drive of its channel folded into its steady
    /// state: with ρ(V) = chip current / target current at equal gating (the
    /// chip's g tanh(k(V − E))/k against the target's g (V − E)), the gate is
    /// given x∞' = x∞ ρ^(−λ/p) and the same τ, so x'^p ρ = x^p in the steady
    /// state. ρ is kept within [1/4, 4], and taken as the ratio of the
    /// conductances where the drive vanishes.
    static func compensatingDrive(
        _ rates: PerRate<[Double]>, grid: [Double], exponent: Double, lambda: Double,
        target: (conductance: Double, reversal: Double), chip: (conductance: Double, reversal: Double),
        tanhSlope: Double
    ) -> PerRate<[Double]> {
        var alpha = rates.alpha, beta = rates.beta
        for i in grid.indices {
            let drop = grid[i] - target.reversal, chipDrop = grid[i] - chip.reversal
            let chipDrive = abs(tanhSlope * chipDrop) < 1e-8 ? chipDrop : Double.tanh(tanhSlope * chipDrop) / tanhSlope
            var ratio = abs(drop) < 1e-12
                ? chip.conductance / target.conductance : chip.conductance * chipDrive / (target.conductance * drop)
            if !(ratio > 0) { ratio = 1 }
            ratio = min(max(ratio, 0.25), 4)
            let total = alpha[i] + beta[i]
            let steady = min(alpha[i] / total * Double.pow(ratio, -lambda / exponent), 1 - 1e-9)
            alpha[i] = steady * total
            beta[i] = (1 - steady) * total
        }
        return PerRate(alpha: alpha, beta: beta)
    }

    func basis(for gate: Gate, _ rate: Rate) -> Matrix {
        kinds[gate].direction(of: rate) == .increasing ? risingBasis : fallingBasis
    }

    /// The rate (1/s) that `weights` (1/s, one per sigmoid) give at each grid
    /// voltage: the basis columns summed in order, zero weights skipped.
    func fittedRate(_ gate: Gate, _ rate: Rate, weights: [Double]) -> [Double] {
        let rows = grid.count
        var sum = [Double](repeating: 0, count: rows)
        sum.withUnsafeMutableBufferPointer { column in
            basis(for: gate, rate).storage.withUnsafeBufferPointer { basis in
                for (j, weight) in weights.enumerated() where weight != 0 {
                    let base = j * rows
                    for i in 0..<rows { column[i] += weight * basis[base + i] }
                }
            }
        }
        return sum
    }

    /// The weights (1/s of target time) the emitted spline codes stand for,
    /// with σ_t = `timeScale`: code × weight per code × rate per ampere × σ_t.
    /// On a die (`die`), each code's weight is multiplied by its factor.
    func quantizedWeights(
        registers: NeuronRegisters, timeScale: Double, die: MismatchFactors = .none
    ) -> PerGate<PerRate<[Double]>> {
        let perCode = conversions.weightPerCode * conversions.ratePerAmpere * timeScale
        return PerGate { gate in
            PerRate { rate in
                zip(registers.splines[gate][rate].values, die.splineWeights[gate][rate]).map { code, factor in
                    Double(code) * factor * perCode
                }
            }
        }
    }

    /// NNLS weights in 1/s for every rate, with an optional ridge penalty
    /// (see ``penalized(_:penalty:)``).
    ///
    /// The rates that share a basis are solved together: one QR of the basis
    /// reduces each 432 × 7 problem to an equivalent 7 × 7 one.
    func solveWeights(penalty: Double = 0) throws(FittingError) -> PerGate<PerRate<[Double]>> {
        let solver = NonNegativeLeastSquares()
        var weights = PerGate(
            m: PerRate(alpha: [Double](), beta: []), h: PerRate(alpha: [], beta: []), n: PerRate(alpha: [], beta: []))
        if let rowWeights {
            // Weighted rows: every rate has a matrix of its own.
            for gate in Gate.allCases {
                for rate in Rate.allCases {
                    let basis = self.basis(for: gate, rate).scalingRows(by: rowWeights[gate])
                    let reduction = ReducedLeastSquares(basis)
                    let target = zip(targetRates[gate][rate], rowWeights[gate]).map { $0 * $1 }
                    let reduced = reduction.reduce([target])[0]
                    let (matrix, padding) = Self.penalized(reduction.triangular, penalty: penalty)
                    weights[gate][rate] = try solver.solve(matrix, reduced.reduced + padding).solution
                }
            }
            return weights
        }
        for direction in [SigmoidDirection.increasing, .decreasing] {
            let members = Gate.allCases.flatMap { gate in
                Rate.allCases.filter { kinds[gate].direction(of: $0) == direction }.map { (gate, $0) }
            }
            guard !members.isEmpty else { continue }
            let reduction = ReducedLeastSquares(direction == .increasing ? risingBasis : fallingBasis)
            let reduced = reduction.reduce(members.map { targetRates[$0.0][$0.1] })
            let (matrix, padding) = Self.penalized(reduction.triangular, penalty: penalty)
            for ((gate, rate), problem) in zip(members, reduced) {
                weights[gate][rate] = try solver.solve(matrix, problem.reduced + padding).solution
            }
        }
        return weights
    }

    /// [R; μI] and the zeros that extend the right-hand side, with
    /// μ = penalty · ‖R‖_F / √n: the reduced problem of
    /// min ‖Aw − r‖² + μ²‖w‖² (‖R‖_F = ‖A‖_F). Unchanged for penalty 0.
    static func penalized(_ r: Matrix, penalty: Double) -> (Matrix, [Double]) {
        guard penalty > 0 else { return (r, []) }
        let n = r.columns
        let norm = r.storage.reduce(0) { $0 + $1 * $1 }.squareRoot()
        let mu = penalty * norm / Double(n).squareRoot()
        var stacked = Matrix(rows: 2 * n, columns: n)
        for j in 0..<n {
            for i in 0..<n { stacked[i, j] = r[i, j] }
            stacked[n + j, j] = mu
        }
        return (stacked, [Double](repeating: 0, count: n))
    }

    /// σ_w, σ_g and σ_t = max(σ_w, σ_g) of step 4.
    func timeScales(weights: PerGate<PerRate<[Double]>>, fixed: Double? = nil) -> ChipFit.TimeScales {
        let fullScale = 1023.0 / 1024 * biases.masterCurrent
        let largestWeight = Gate.allCases.flatMap { weights[$0].alpha + weights[$0].beta }.max() ?? 0
        let fromWeights = largestWeight * constants.gateCapacitance * constants.thermalVoltage / fullScale
        let largestConductance = chipConductances.values.max() ?? 0
        let fromConductances = largestConductance / (fullScale * constants.kappaLinear / constants.thermalVoltage)
            / capacitanceRatio
        return ChipFit.TimeScales(
            fromWeights: fromWeights, fromConductances: fromConductances,
            timeScale: fixed ?? max(fromWeights, fromConductances))
    }

    /// C_HH / C_m: the target's capacitance (F, per cm²) over the chip's.
    var capacitanceRatio: Double { model.capacitance / conversions.membraneCapacitance }
}
