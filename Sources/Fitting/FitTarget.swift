import NeuroDynChip

/// A neuron model made ready for the chip: the model, the form the chip
/// holds (``NeuronModel/chipTarget(fastGateSpeedUp:)``, voltages from its
/// origin) and the factor on the measures' currents
/// (``TargetCurrentScale``). Every command that fits or measures a model
/// starts here.
public struct FitTarget: Sendable {
    /// The model as read.
    public let model: NeuronModel
    /// The model as the chip holds it (biological units, unscaled).
    public let target: HodgkinHuxleyModel
    /// The factor on every current of the measures (1 for HH 1952).
    public let currentScale: Double
    /// What a fit of this target records about it (name, file, digest).
    public let record: ModelRecord

    /// - Parameters:
    ///   - model: the model.
    ///   - file: the file it was read from as the user gave it (`PATH` or
    ///     `PATH#CELL`), recorded by fits; nil for a built-in model.
    /// - Throws: ``FittingError/invalidTarget(_:)`` when the chip cannot hold
    ///   the model (the reason says what) or it does not fire.
    public init(model: NeuronModel, file: String? = nil) throws(FittingError) {
        self.model = model
        record = ModelRecord(model: model, file: file)
        do {
            target = try model.chipTarget()
        } catch {
            throw .invalidTarget("\(model.name): \(error.description)")
        }
        try Self.checkRates(of: target, model: model.name)
        currentScale = try TargetCurrentScale.factor(for: target)
    }

    /// HH 1952, the default target.
    public static let hodgkinHuxley: FitTarget = {
        do {
            return try FitTarget(model: .hodgkinHuxley1952)
        } catch {
            preconditionFailure("HH 1952 is a valid target: \(error)")
        }
    }()

    /// Refuses rates that are not finite and ≥ 0 over the model's range
    /// (E_K − 20 mV … E_Na + 20 mV, every 0.5 mV): an expression that divides
    /// by zero or takes the log of a negative number there.
    ///
    /// - Throws: ``FittingError/invalidTarget(_:)`` naming the rate, the gate and the voltage.
    public static func checkRates(of target: HodgkinHuxleyModel, model: String) throws(FittingError) {
        let e = target.reversalPotentials
        let low = min(e.potassium, e.sodium, e.leak) - 20, high = max(e.potassium, e.sodium, e.leak) + 20
        let origin = target.voltageOrigin * 1e3
        var v = low
        while v <= high {
            for gate in Gate.allCases {
                for rate in Rate.allCases {
                    let value = target.rate(rate, of: gate, at: v)
                    guard value.isFinite && value >= 0 else {
                        throw .invalidTarget(
                            "\(model): \(rate.rawValue) of gate \(gate.rawValue) is \(value) at V = \(v + origin) mV (it must be finite and ≥ 0 from \(low + origin) to \(high + origin) mV)")
                    }
                }
            }
            v += 0.5
        }
    }
}
