/// The conversions between digital codes and physical values for one set of
/// biases and constants (section 1 of the specification).
///
/// All results are SI. The inverse conversions return the exact, unrounded
/// code that a physical value corresponds to; rounding and range checks are
/// the caller's (the fitter's) business.
public struct ChipConversions: Sendable, Hashable {
    public let biases: ChipBiases
    public let constants: ChipConstants

    public init(biases: ChipBiases = .standard, constants: ChipConstants = .neuroDyn) {
        self.biases = biases
        self.constants = constants
    }

    /// One LSB of a conductance code, in siemens: (κ_lin / V_T) · I_master / 1024.
    public var conductancePerCode: Double {
        constants.kappaLinear / constants.thermalVoltage * biases.masterCurrent / 1024
    }

    /// One LSB of a reversal code, in volts: I_voltage / 1024 · R_rev.
    public var reversalPerCode: Double {
        biases.voltageCurrent / 1024 * constants.reversalResistance
    }

    /// One LSB of a spline weight, in amperes: I_master / 1024.
    public var weightPerCode: Double { biases.masterCurrent / 1024 }

    /// The conductance of code `d`, in siemens.
    public func conductance(_ d: DigitalCode) -> Double { Double(d.value) * conductancePerCode }

    /// The reversal potential of code `d` relative to V_ref, in volts.
    public func reversalOffset(_ d: SignedDigitalCode) -> Double { Double(d.value) * reversalPerCode }

    /// The spline weight of code `d`, in amperes.
    public func splineWeight(_ d: DigitalCode) -> Double { Double(d.value) * weightPerCode }

    /// The spacing Δ of the spline centres in volts: 2 · R_spline · I_voltage / 7.
    public var splineSpacing: Double {
        2 * constants.splineResistance * biases.voltageCurrent / Double(SplineCodes.count)
    }

    /// The seven spline centres in volts: V_ref + (j − 3) Δ, j = 0…6.
    public var splineCentres: [Double] {
        (0..<SplineCodes.count).map { biases.referenceVoltage + Double($0 - 3) * splineSpacing }
    }

    /// The membrane capacitance in farads: C_m × capacitance scaling.
    public var membraneCapacitance: Double {
        constants.nominalMembraneCapacitance * biases.capacitanceScaling
    }

    /// The rate in 1/s produced by a spline current in amperes: I / (C_gate V_T).
    public var ratePerAmpere: Double { 1 / (constants.gateCapacitance * constants.thermalVoltage) }

    /// The analog values of a set of registers.
    public func analog(_ registers: NeuronRegisters) -> AnalogNeuronParameters {
        // Conversions of valid codes give finite, non-negative values.
        AnalogNeuronParameters(
            unchecked: registers.conductances.map { _, d in conductance(d) },
            reversalOffsets: registers.reversals.map { _, d in reversalOffset(d) },
            splineWeights: registers.splines.map { _, rates in
                rates.map { _, codes in codes.codes.map(splineWeight) }
            })
    }
}
