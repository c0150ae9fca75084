import NeuroDynChip

/// The result of fitting a Hodgkin–Huxley model onto a NeuroDyn neuron.
///
/// Units: SI. Weights are in 1/s of the (voltage-scaled, not yet sped-up)
/// target; analog values are chip currents, conductances and voltages.
public struct ChipFit: Sendable {
    /// The time scales of step 4 of the procedure.
    public struct TimeScales: Sendable, Hashable {
        /// σ_w: the slow-down needed for the largest weight to fit I_max.
        public let fromWeights: Double
        /// σ_g: the slow-down needed for the largest conductance to fit I_max.
        public let fromConductances: Double
        /// σ_t = max(σ_w, σ_g), unless the fitter fixed it
        /// (``HodgkinHuxleyFitter/fixedTimeScale``). The chip runs the target
        /// 1/σ_t times faster.
        public let timeScale: Double
    }

    /// The fit of one gate.
    public struct GateFit: Sendable, Hashable {
        /// Activation or inactivation, as detected from α on the grid.
        public let kind: GateKind
        /// NNLS weights in 1/s (target time), seven per rate.
        public let weights: PerRate<[Double]>
        /// The unrounded spline currents in amperes on the chip.
        public let analogWeights: PerRate<[Double]>
        /// The emitted codes.
        public let codes: PerRate<SplineCodes>
    }

    /// The target as fitted: SI units, scaled by scl_v (not in time).
    public let target: HodgkinHuxleyModel
    /// scl_v.
    public let voltageScale: Double
    /// The chip biases the codes are relative to.
    public let biases: ChipBiases
    /// The chip constants (including the conductance slope used).
    public let constants: ChipConstants
    /// The fit's voltage grid on the scaled axis, in volts.
    public let voltageGrid: [Double]
    /// V_mean = (E_K + E_Na) / 2 on the scaled axis, in volts.
    public let meanVoltage: Double
    /// The sigmoid centres on the scaled axis: V_mean + (j − 3) Δ.
    public let fitCentres: [Double]
    /// Per-gate results.
    public let gates: PerGate<GateFit>
    /// σ_w, σ_g, σ_t.
    public let timeScales: TimeScales
    /// The emitted registers.
    public let registers: NeuronRegisters
    /// The unrounded analog values of the fit.
    public let analog: AnalogNeuronParameters
    /// Registers clamped into range (policy `.saturate`); empty otherwise.
    public let saturated: [RegisterAdjustment]
    /// Fit quality for the continuous weights and the emitted codes.
    ///
    /// Computed on each access (about as long as the fit itself): keep the
    /// value if you read it more than once.
    public var quality: FitQuality {
        FitQuality(
            problem: problem, continuousWeights: gates.map { _, gate in gate.weights },
            registers: registers, timeScale: timeScales.timeScale, die: die)
    }

    /// The factors the conductances were multiplied by before quantization.
    public let conductanceFactors: PerChannel<Double>
    /// The factors the rate weights were multiplied by before quantization.
    public let rateFactors: PerGate<PerRate<Double>>
    /// The shifts added to the reversal potentials before quantization (V).
    public let reversalShifts: PerChannel<Double>
    /// The deviations of the die the codes were chosen for (``HodgkinHuxleyFitter/die``).
    public let die: MismatchFactors
    /// The ridge penalty of the weight fit (``HodgkinHuxleyFitter/weightPenalty``).
    public let weightPenalty: Double
    /// The voltages the rates were fitted over, how the grid points counted,
    /// and the Na and K drive compensation (``HodgkinHuxleyFitter``).
    public let fitRange: HodgkinHuxleyFitter.FitRange
    public let rateWeighting: HodgkinHuxleyFitter.RateWeighting
    public let driveCompensation: PerChannel<Double>

    /// The sampled target and bases, kept for the quality figures.
    let problem: FitProblem

    /// scl_t = 1/σ_t: how many times faster the chip runs the target.
    public var speedUp: Double { 1 / timeScales.timeScale }

    /// The chip current that stands for a target current (A per A/cm²):
    /// scl_v / σ_t / C_ratio.
    public var currentGain: Double {
        voltageScale * speedUp / (target.capacitance / ChipConversions(biases: biases, constants: constants).membraneCapacitance)
    }

    /// Added to a scaled target voltage to give the chip voltage: V_ref − V_mean.
    public var voltageOffset: Double { biases.referenceVoltage - meanVoltage }

    /// How the target maps onto the chip: scl_v, scl_t, the current gain and
    /// the voltage offset.
    public var mapping: RegisterFile.Mapping {
        RegisterFile.Mapping(
            voltageScale: voltageScale, speedUp: speedUp, currentGain: currentGain, voltageOffset: voltageOffset,
            modelVoltageOrigin: target.voltageOrigin)
    }

    /// The target to compare the chip against: scaled by scl_v and scl_t.
    public var comparisonTarget: HodgkinHuxleyModel {
        do {
            return try target.scaled(voltage: 1, time: speedUp)
        } catch {
            preconditionFailure("a successful fit has a finite, positive speed-up: \(error)")
        }
    }

    /// A chip neuron programmed with the emitted codes: the die they were
    /// chosen for (nominal unless ``die`` says otherwise).
    public var neuron: NeuroDynNeuron {
        var neuron = NeuroDynNeuron(registers: registers, biases: biases, constants: constants)
        if !die.isNone { neuron.perturb(with: die) }
        return neuron
    }

    init(
        problem: FitProblem, voltageScale: Double, continuousWeights: PerGate<PerRate<[Double]>>,
        timeScales: TimeScales, quantization: Quantization, conductanceFactors: PerChannel<Double>,
        rateFactors: PerGate<PerRate<Double>>, reversalShifts: PerChannel<Double>, weightPenalty: Double,
        fitRange: HodgkinHuxleyFitter.FitRange, rateWeighting: HodgkinHuxleyFitter.RateWeighting,
        driveCompensation: PerChannel<Double>, die: MismatchFactors = .none
    ) {
        self.weightPenalty = weightPenalty
        self.fitRange = fitRange
        self.rateWeighting = rateWeighting
        self.driveCompensation = driveCompensation
        self.die = die
        self.conductanceFactors = conductanceFactors
        self.reversalShifts = reversalShifts
        self.rateFactors = rateFactors
        target = problem.model
        self.voltageScale = voltageScale
        biases = problem.biases
        constants = problem.constants
        voltageGrid = problem.grid
        meanVoltage = problem.meanVoltage
        fitCentres = problem.centres
        self.timeScales = timeScales
        registers = quantization.registers
        analog = quantization.analog
        saturated = quantization.outOfRange
        gates = PerGate { gate in
            GateFit(
                kind: problem.kinds[gate], weights: continuousWeights[gate],
                analogWeights: quantization.analog.splineWeights[gate],
                codes: quantization.registers.splines[gate])
        }
        self.problem = problem
    }
}
