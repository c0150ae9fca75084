/// Fixed physical constants of the NeuroDyn circuit (SI units).
///
/// These are properties of the silicon, not settings: they are the same for
/// every neuron of a chip. They are gathered in one value so that a model of a
/// different process (or the published fit, which used a different
/// conductance slope) can be expressed without editing code.
public struct ChipConstants: Sendable, Hashable, Codable {
    /// Subthreshold slope factor κ of the spline transistors (dimensionless).
    public var kappa: Double
    /// Slope κ_lin of the linearised conductance amplifiers (dimensionless).
    public var kappaLinear: Double
    /// Thermal voltage V_T in volts.
    public var thermalVoltage: Double
    /// Reversal-potential resistor R_rev in ohms.
    public var reversalResistance: Double
    /// Resistance that sets the spline span, in ohms: the seven centres span
    /// `V_ref ± splineResistance · I_voltage`.
    public var splineResistance: Double
    /// Nominal membrane capacitance in farads, before capacitance scaling.
    public var nominalMembraneCapacitance: Double
    /// Gate capacitance C_gate in farads.
    public var gateCapacitance: Double

    /// Creates a set of constants; every argument defaults to the NeuroDyn value.
    public init(
        kappa: Double = 0.7,
        kappaLinear: Double = 0.2,
        thermalVoltage: Double = 0.026,
        reversalResistance: Double = 1.63e6,
        splineResistance: Double = 1.85e6,
        nominalMembraneCapacitance: Double = 4e-12,
        gateCapacitance: Double = 5e-12
    ) {
        self.kappa = kappa
        self.kappaLinear = kappaLinear
        self.thermalVoltage = thermalVoltage
        self.reversalResistance = reversalResistance
        self.splineResistance = splineResistance
        self.nominalMembraneCapacitance = nominalMembraneCapacitance
        self.gateCapacitance = gateCapacitance
    }

    /// The NeuroDyn constants of the specification.
    public static let neuroDyn = ChipConstants()

    /// Checks that every constant is finite and positive.
    ///
    /// - Throws: ``NeuroDynError/invalidConstant(name:value:)`` naming the
    ///   first offending constant.
    public func validate() throws(NeuroDynError) {
        let named: [(String, Double)] = [
            ("kappa", kappa), ("kappa_lin", kappaLinear), ("V_T", thermalVoltage),
            ("R_rev", reversalResistance), ("R_spline", splineResistance),
            ("C_m", nominalMembraneCapacitance), ("C_gate", gateCapacitance),
        ]
        for (name, value) in named where !(value.isFinite && value > 0) {
            throw .invalidConstant(name: name, value: value)
        }
    }
}
