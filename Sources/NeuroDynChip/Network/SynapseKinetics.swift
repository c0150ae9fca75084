/// The kinetics of a conductance-based synapse: dr/dt = α(V_pre)(1 − r) − β(V_post) r,
/// each rate in one of the forms of ``HodgkinHuxleyRate``, in the units of
/// the model it belongs to (biological: mV and 1/ms; or SI).
public struct SynapseKinetics: Sendable, Hashable {
    /// α, seen at the presynaptic voltage.
    public var alpha: HodgkinHuxleyRate
    /// β, seen at the postsynaptic voltage.
    public var beta: HodgkinHuxleyRate

    public init(alpha: HodgkinHuxleyRate, beta: HodgkinHuxleyRate) {
        self.alpha = alpha
        self.beta = beta
    }

    /// AMPA (Ermentrout & Terman 2010, p. 161), voltages shifted +65 mV so
    /// that rest is 0, biological units: α(V) = a_r T_max / (1 + exp(−(V − V_T)/K_p)),
    /// β = a_d, with T_max = 1, K_p = 5 mV, V_T = 67 mV, a_r = 1.1 /ms, a_d = 0.19 /ms.
    public static let ampa = SynapseKinetics(
        alpha: .logistic(amplitude: 1.1, halfVoltage: 67, slope: 5), beta: .constant(0.19))

    /// The same kinetics with voltages `voltage` times larger and time `time`
    /// times faster (as ``HodgkinHuxleyRate/scaled(voltageFactor:timeFactor:)``).
    public func scaled(voltage: Double, time: Double) -> SynapseKinetics {
        SynapseKinetics(
            alpha: alpha.scaled(voltageFactor: voltage, timeFactor: time),
            beta: beta.scaled(voltageFactor: voltage, timeFactor: time))
    }

    /// The same kinetics from biological units in SI units.
    public func inSIUnits() -> SynapseKinetics {
        SynapseKinetics(alpha: alpha.inSIUnits(), beta: beta.inSIUnits())
    }

    /// The rate `rate` at voltage `v` (V_pre for α, V_post for β).
    public func value(_ rate: Rate, at v: Double) -> Double {
        rate == .alpha ? alpha.value(at: v) : beta.value(at: v)
    }
}

/// A synapse between two conductance-based target neurons as a network
/// block: its kinetics and a linear current g r (V_post − E), in the
/// neurons' units.
public struct TargetSynapse: SynapseBlock {
    public let kinetics: SynapseKinetics
    /// g (the model's conductance unit, e.g. mS/cm²).
    public let conductance: Double
    /// E (the model's voltage unit, rest at 0).
    public let reversal: Double

    public init(kinetics: SynapseKinetics, conductance: Double, reversal: Double) {
        self.kinetics = kinetics
        self.conductance = conductance
        self.reversal = reversal
    }

    public var carriesCurrent: Bool { conductance > 0 }

    @inline(__always)
    public func rates(pre: Double, post: Double) -> (alpha: Double, beta: Double) {
        (kinetics.alpha.value(at: pre), kinetics.beta.value(at: post))
    }

    @inline(__always)
    public func current(activation r: Double, postVoltage: Double) -> Double {
        conductance * r * (postVoltage - reversal)
    }
}
