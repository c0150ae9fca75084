/// The analog bias settings of a NeuroDyn chip (SI units).
///
/// Every digital code is relative to these: conductances and spline weights
/// scale with ``masterCurrent``, reversal potentials and spline centres with
/// ``voltageCurrent`` and ``referenceVoltage``.
///
/// A `ChipBiases` value always holds finite values with positive currents and a
/// positive capacitance scaling: the initialiser refuses anything else.
public struct ChipBiases: Sendable, Hashable {
    /// Reference voltage V_ref in volts; shifts every voltage of the chip.
    public let referenceVoltage: Double
    /// I_voltage in amperes: sets the reversal range and the spline spacing.
    public let voltageCurrent: Double
    /// I_master in amperes: full-scale current of every conductance and weight.
    public let masterCurrent: Double
    /// I_ref in amperes: the gate reference current. It does not enter the
    /// equations; it is carried so that a register file describes the chip whole.
    public let referenceCurrent: Double
    /// Multiplies the nominal membrane capacitance (dimensionless, > 0).
    public let capacitanceScaling: Double

    /// Creates bias settings, validating every value.
    ///
    /// - Parameters:
    ///   - referenceVoltage: V_ref in volts (default 0.9 V); any finite value.
    ///   - voltageCurrent: I_voltage in amperes (default 150 nA); finite, > 0.
    ///   - masterCurrent: I_master in amperes (default 200 nA); finite, > 0.
    ///   - referenceCurrent: I_ref in amperes (default 100 nA); finite, > 0.
    ///   - capacitanceScaling: factor on C_m (default 1); finite, > 0.
    /// - Throws: ``NeuroDynError/invalidBias(name:value:)`` naming the first
    ///   offending setting.
    public init(
        referenceVoltage: Double = 0.9,
        voltageCurrent: Double = 150e-9,
        masterCurrent: Double = 200e-9,
        referenceCurrent: Double = 100e-9,
        capacitanceScaling: Double = 1.0
    ) throws(NeuroDynError) {
        guard referenceVoltage.isFinite else {
            throw .invalidBias(name: "V_ref", value: referenceVoltage)
        }
        let positive: [(String, Double)] = [
            ("I_voltage", voltageCurrent), ("I_master", masterCurrent),
            ("I_ref", referenceCurrent), ("capacitance_scaling", capacitanceScaling),
        ]
        for (name, value) in positive where !(value.isFinite && value > 0) {
            throw .invalidBias(name: name, value: value)
        }
        self.referenceVoltage = referenceVoltage
        self.voltageCurrent = voltageCurrent
        self.masterCurrent = masterCurrent
        self.referenceCurrent = referenceCurrent
        self.capacitanceScaling = capacitanceScaling
    }

    /// The published default biases: V_ref 0.9 V, I_voltage 150 nA,
    /// I_master 200 nA, I_ref 100 nA, capacitance scaling 1.
    public static let standard = ChipBiases(
        uncheckedReferenceVoltage: 0.9, voltageCurrent: 150e-9, masterCurrent: 200e-9,
        referenceCurrent: 100e-9, capacitanceScaling: 1)

    private init(
        uncheckedReferenceVoltage: Double, voltageCurrent: Double, masterCurrent: Double,
        referenceCurrent: Double, capacitanceScaling: Double
    ) {
        self.referenceVoltage = uncheckedReferenceVoltage
        self.voltageCurrent = voltageCurrent
        self.masterCurrent = masterCurrent
        self.referenceCurrent = referenceCurrent
        self.capacitanceScaling = capacitanceScaling
    }

    /// Returns a copy with some settings replaced, validated as by the initialiser.
    public func with(
        referenceVoltage: Double? = nil, voltageCurrent: Double? = nil,
        masterCurrent: Double? = nil, referenceCurrent: Double? = nil,
        capacitanceScaling: Double? = nil
    ) throws(NeuroDynError) -> ChipBiases {
        try ChipBiases(
            referenceVoltage: referenceVoltage ?? self.referenceVoltage,
            voltageCurrent: voltageCurrent ?? self.voltageCurrent,
            masterCurrent: masterCurrent ?? self.masterCurrent,
            referenceCurrent: referenceCurrent ?? self.referenceCurrent,
            capacitanceScaling: capacitanceScaling ?? self.capacitanceScaling)
    }
}
