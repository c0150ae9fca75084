/// The physical values of a neuron as its die realises them: nominal values
/// times mismatch, reversal potentials absolute, and everything the equations
/// need (SI units throughout).
public struct EffectiveNeuronParameters: Sendable, Hashable {
    /// Maximal conductances in siemens.
    public let conductances: PerChannel<Double>
    /// Reversal potentials in volts (absolute, including V_ref).
    public let reversalPotentials: PerChannel<Double>
    /// Spline weights in amperes, seven per rate.
    public let splineWeights: PerGate<PerRate<[Double]>>
    /// Spline centres in volts.
    public let splineCentres: [Double]
    /// Gate exponents p, q, r.
    public let exponents: GateExponents
    /// Membrane capacitance in farads.
    public let membraneCapacitance: Double
    /// The chip constants.
    public let constants: ChipConstants

    init(nominal: AnalogNeuronParameters, mismatch: MismatchFactors, conversions: ChipConversions) {
        conductances = nominal.conductances.map { channel, g in g * mismatch.conductances[channel] }
        reversalPotentials = nominal.reversalOffsets.map { channel, offset in
            conversions.biases.referenceVoltage + offset * mismatch.reversals[channel]
        }
        splineWeights = nominal.splineWeights.map { gate, rates in
            rates.map { rate, weights in
                zip(weights, mismatch.splineWeights[gate][rate]).map { $0 * $1 }
            }
        }
        splineCentres = conversions.splineCentres
        exponents = mismatch.exponents
        membraneCapacitance = conversions.membraneCapacitance
        constants = conversions.constants
    }

    /// The rate α or β of `gate` at membrane voltage `voltage` (V), in 1/s.
    ///
    /// Σ_j I_b,j / (1 + exp(s κ (V_b,j − V) / V_T)) / (C_gate V_T), with the
    /// sigmoids evaluated so that they cannot overflow.
    public func rate(_ rate: Rate, of gate: Gate, at voltage: Double) -> Double {
        let direction = gate.kind.direction(of: rate)
        let weights = splineWeights[gate][rate]
        var current = 0.0
        for j in 0..<weights.count {
            let x = constants.kappa * (splineCentres[j] - voltage) / constants.thermalVoltage
            current += weights[j] * Logistic.sigmoid(x, direction: direction)
        }
        return current / (constants.gateCapacitance * constants.thermalVoltage)
    }

    /// The steady state α / (α + β) of `gate` at `voltage` (V); 0 where both rates vanish.
    public func steadyState(of gate: Gate, at voltage: Double) -> Double {
        let a = rate(.alpha, of: gate, at: voltage)
        let total = a + rate(.beta, of: gate, at: voltage)
        return total > 0 ? a / total : 0
    }

    /// The time constant 1 / (α + β) of `gate` at `voltage` (V), in seconds;
    /// infinite where both rates vanish.
    public func timeConstant(of gate: Gate, at voltage: Double) -> Double {
        1 / (rate(.alpha, of: gate, at: voltage) + rate(.beta, of: gate, at: voltage))
    }

    /// The current in amperes through conductance `g` (S) across `drop` (V):
    /// (2 g V_T / κ_lin) tanh(κ_lin ΔV / (2 V_T)); ≈ g ΔV for small drops.
    public func conductanceCurrent(conductance g: Double, drop: Double) -> Double {
        let slope = constants.kappaLinear / (2 * constants.thermalVoltage)
        return g / slope * Double.tanh(slope * drop)
    }
}
