/// The analog bias settings of a NeuroDyn chip (SI units).
///
/// Every digital code is relative to these: conductances and spline weights
/// scale with ``masterCurrent``, reversal potentials and spline centres with
/// ``voltageCurrent`` and ``referenceVoltage``.
///
/// A `ChipBiases` value always holds values within ``allowedRanges``: |V_ref|
/// up to 100 V, currents above 0 and up to 1 mA, a capacitance scaling from
/// 1e-6 to 1e6. The bounds are far beyond any chip's (its biases are tens to
/// hundreds of nA, its scaling 0.1…1) and keep every quantity derived from
/// them (spline centres, reversal potentials, rates, dV/dt) finite: the
/// initialiser refuses anything else.
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
    ///   - referenceVoltage: V_ref in volts (default 0.9 V); −100…100 V.
    ///   - voltageCurrent: I_voltage in amperes (default 150 nA); > 0, ≤ 1 mA.
    ///   - masterCurrent: I_master in amperes (default 200 nA); > 0, ≤ 1 mA.
    ///   - referenceCurrent: I_ref in amperes (default 100 nA); > 0, ≤ 1 mA.
    ///   - capacitanceScaling: factor on C_m (default 1); 1e-6…1e6.
    /// - Throws: ``NeuroDynError/invalidBias(name:value:)`` naming the first
    ///   offending setting.
    public init(
        referenceVoltage: Double = 0.9,
        voltageCurrent: Double = 150e-9,
        masterCurrent: Double = 200e-9,
        referenceCurrent: Double = 100e-9,
        capacitanceScaling: Double = 1.0
    ) throws(NeuroDynError) {
        let values: [(String, Double)] = [
            ("V_ref", referenceVoltage), ("I_voltage", voltageCurrent), ("I_master", masterCurrent),
            ("I_ref", referenceCurrent), ("capacitance_scaling", capacitanceScaling),
        ]
        for (name, value) in values where !Self.allowedRanges[name]!.admits(value) {
            throw .invalidBias(name: name, value: value)
        }
        self.referenceVoltage = referenceVoltage
        self.voltageCurrent = voltageCurrent
        self.masterCurrent = masterCurrent
        self.referenceCurrent = referenceCurrent
        self.capacitanceScaling = capacitanceScaling
    }

    /// Where each setting must lie: a lower bound (open or closed) and an upper one.
    public struct AllowedRange: Sendable, Hashable {
        public let lower: Double
        public let lowerIncluded: Bool
        public let upper: Double

        /// Whether `value` lies in the range (NaN never does).
        public func admits(_ value: Double) -> Bool {
            (lowerIncluded ? value >= lower : value > lower) && value <= upper
        }

        /// The range as text: "(0, 0.001]", "[-100, 100]".
        public var text: String { "\(lowerIncluded ? "[" : "(")\(lower), \(upper)]" }
    }

    /// The allowed range of each setting, by its register-file name.
    public static let allowedRanges: [String: AllowedRange] = [
        "V_ref": AllowedRange(lower: -100, lowerIncluded: true, upper: 100),
        "I_voltage": AllowedRange(lower: 0, lowerIncluded: false, upper: 1e-3),
        "I_master": AllowedRange(lower: 0, lowerIncluded: false, upper: 1e-3),
        "I_ref": AllowedRange(lower: 0, lowerIncluded: false, upper: 1e-3),
        "capacitance_scaling": AllowedRange(lower: 1e-6, lowerIncluded: true, upper: 1e6),
    ]

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
