extension NeuronModel {
    /// How many times faster than its own rates the chip runs a gate the
    /// model has at steady state (``GateModel/instantaneous``), by default.
    public static let instantaneousGateSpeedUp = 5.0

    /// The model as the chip holds it: one m³h channel (the chip's "Na"), one
    /// n⁴ channel (its "K") and a leak (the sum of the passive channels: g_L
    /// = Σg, E_L = Σ g E / Σg), in biological units with voltages relative
    /// to ``resolvedVoltageOrigin()``.
    ///
    /// The channels play the chip's roles by their structure, not their
    /// names: a channel with gates of exponents 3 and 1 is "Na" (the first
    /// the activation m, the second h), one with a single gate of exponent 4
    /// is "K".
    ///
    /// - Parameter fastGateSpeedUp: the factor on the rates of instantaneous gates.
    /// - Throws: ``ModelError/notHoldable(_:)`` saying what the chip cannot
    ///   hold (a third gated channel, another exponent, a missing channel);
    ///   ``ModelError/invalid(_:)`` for values out of range.
    public func chipTarget(fastGateSpeedUp: Double = instantaneousGateSpeedUp) throws(ModelError) -> HodgkinHuxleyModel {
        try validate()
        var sodium: (Channel, GateModel, GateModel)?
        var potassium: (Channel, GateModel)?
        var leaks: [Channel] = []
        for channel in channels {
            let exponents = channel.gates.map(\.exponent)
            switch exponents.count {
            case 0:
                leaks.append(channel)
            case 1 where exponents == [4]:
                guard potassium == nil else {
                    throw .notHoldable("channels \(potassium!.0.name) and \(channel.name) are both n⁴; the chip has one K channel")
                }
                potassium = (channel, channel.gates[0])
            case 2 where exponents.sorted() == [1, 3]:
                guard sodium == nil else {
                    throw .notHoldable("channels \(sodium!.0.name) and \(channel.name) are both m³h; the chip has one Na channel")
                }
                let m = channel.gates.first { $0.exponent == 3 }!, h = channel.gates.first { $0.exponent == 1 }!
                sodium = (channel, m, h)
            default:
                let written = channel.gates.map { "\($0.name)^\($0.exponent)" }.joined(separator: " ")
                let why = channels.filter({ !$0.gates.isEmpty }).count > 2
                    ? "it would be a third gated channel; the chip has only m³h (Na), n⁴ (K) and a leak"
                    : "the chip's gated channels are m³h (Na) and n⁴ (K)"
                throw .notHoldable("channel \(channel.name) has gates \(written): \(why)")
            }
        }
        guard let sodium else { throw .notHoldable("no m³h channel: the chip's Na channel needs one (3 and 1 as exponents)") }
        guard let potassium else { throw .notHoldable("no n⁴ channel: the chip's K channel needs one (exponent 4)") }
        let leakConductance = leaks.map(\.conductance).reduce(0, +)
        let leakReversal = leakConductance > 0
            ? leaks.map { $0.conductance * $0.reversal }.reduce(0, +) / leakConductance
            : leaks.first?.reversal ?? 0
        let origin = try resolvedVoltageOrigin()
        func rates(_ gate: GateModel) -> PerRate<HodgkinHuxleyRate> {
            let factor = gate.rateFactor * (gate.instantaneous ? fastGateSpeedUp : 1)
            return gate.kinetics.rates(relativeTo: origin, factor: factor)
        }
        var model = HodgkinHuxleyModel(
            conductances: PerChannel(sodium: sodium.0.conductance, potassium: potassium.0.conductance, leak: leakConductance),
            reversalPotentials: PerChannel(
                sodium: sodium.0.reversal - origin, potassium: potassium.0.reversal - origin, leak: leakReversal - origin),
            capacitance: capacitance,
            rates: PerGate(m: rates(sodium.1), h: rates(sodium.2), n: rates(potassium.1)))
        model.voltageOrigin = origin * 1e-3
        return model
    }

    /// The voltage the fit treats as 0 (mV): ``voltageOrigin`` if given, else
    /// the lowest resting potential between the lowest and highest reversal
    /// potentials (where the steady-state current crosses zero upwards),
    /// rounded to 0.1 mV; the leak's reversal when the model has no rest.
    public func resolvedVoltageOrigin() throws(ModelError) -> Double {
        if let voltageOrigin {
            guard voltageOrigin.isFinite else { throw .invalid("voltage origin \(voltageOrigin) mV is not finite") }
            return voltageOrigin
        }
        let reversals = channels.map(\.reversal)
        guard let low = reversals.min(), let high = reversals.max(), high > low else {
            return channels.first?.reversal ?? 0
        }
        let step = 0.01
        var previous = steadyStateCurrent(at: low)
        var v = low
        while v < high {
            let next = min(v + step, high)
            let current = steadyStateCurrent(at: next)
            if previous < 0 && current >= 0 {
                var a = v, b = next
                for _ in 0..<60 {
                    let mid = (a + b) / 2
                    if steadyStateCurrent(at: mid) < 0 { a = mid } else { b = mid }
                }
                return ((a + b) / 2 * 10).rounded() / 10
            }
            previous = current
            v = next
        }
        let leak = channels.first { $0.gates.isEmpty }?.reversal ?? low
        return (leak * 10).rounded() / 10
    }

    /// Σ g Π x∞ᵉ (V − E) at `voltage` (mV), in µA/cm² (outward positive).
    public func steadyStateCurrent(at voltage: Double) -> Double {
        channels.map { channel in
            let open = channel.gates.map { Double.pow($0.kinetics.steadyStateValue(at: voltage), Double($0.exponent)) }
                .reduce(1, *)
            return channel.conductance * open * (voltage - channel.reversal)
        }.reduce(0, +)
    }

    /// The largest |voltage| a model may give (mV): reversal potentials and
    /// the origin. Living cells stay within ±200 mV; the bound keeps the
    /// search for the rest (0.01 mV steps between the reversals) finite.
    public static let voltageLimit = 1000.0

    /// Checks every value: a capacitance > 0, channels with finite g ≥ 0 and
    /// E within ±``voltageLimit``, gates with exponents ≥ 1, complete
    /// kinetics with finite parameters and rate factors > 0, an origin
    /// within ±``voltageLimit``.
    ///
    /// - Throws: ``ModelError/invalid(_:)`` naming the channel and gate.
    public func validate() throws(ModelError) {
        guard capacitance.isFinite && capacitance > 0 else {
            throw .invalid("capacitance \(capacitance) µF/cm² must be finite and positive")
        }
        guard !channels.isEmpty else { throw .invalid("the model has no channel") }
        if let voltageOrigin, !(voltageOrigin.isFinite && abs(voltageOrigin) <= Self.voltageLimit) {
            throw .invalid("voltage origin \(voltageOrigin) mV must be within ±\(Int(Self.voltageLimit)) mV")
        }
        for channel in channels {
            guard channel.conductance.isFinite && channel.conductance >= 0 else {
                throw .invalid("channel \(channel.name): conductance \(channel.conductance) mS/cm² must be finite and ≥ 0")
            }
            guard channel.reversal.isFinite && abs(channel.reversal) <= Self.voltageLimit else {
                throw .invalid("channel \(channel.name): reversal potential \(channel.reversal) mV must be within ±\(Int(Self.voltageLimit)) mV")
            }
            for gate in channel.gates {
                guard gate.exponent >= 1 else {
                    throw .invalid("channel \(channel.name), gate \(gate.name): exponent \(gate.exponent) must be ≥ 1")
                }
                guard gate.kinetics.isComplete else {
                    throw .invalid("channel \(channel.name), gate \(gate.name): needs α and β, or x∞ and τ")
                }
                for (part, function) in [
                    ("alpha", gate.kinetics.alpha), ("beta", gate.kinetics.beta),
                    ("steady state", gate.kinetics.steadyState), ("time constant", gate.kinetics.timeConstant),
                ] {
                    guard let function, !function.hasValidParameters else { continue }
                    throw .invalid(
                        "channel \(channel.name), gate \(gate.name): the \(part) function's parameters must be finite, with a scale ≠ 0")
                }
                guard gate.rateFactor.isFinite && gate.rateFactor > 0 else {
                    throw .invalid("channel \(channel.name), gate \(gate.name): rate factor \(gate.rateFactor) must be finite and > 0")
                }
            }
        }
    }
}

/// Why a model was refused.
public enum ModelError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The chip cannot hold the model; the text says what.
    case notHoldable(String)
    /// A value breaks a rule.
    case invalid(String)
    /// A model file could not be read: `file`, then where (element,
    /// attribute or key) and why.
    case file(String, location: String, reason: String)
    /// No built-in model has this name.
    case unknownModel(String, known: [String])
    /// A fit recorded `model` with digest `recorded`; the model found under
    /// that name now has digest `found`.
    case changed(model: String, found: String, recorded: String)

    /// One line: control characters and line or paragraph separators a
    /// file's text carries into the message (a name with a line break) are
    /// written as escapes.
    public var description: String { unescapedDescription.escapingLineBreaks }

    private var unescapedDescription: String {
        switch self {
        case let .notHoldable(reason): "the chip cannot hold this model: \(reason)"
        case let .invalid(reason): reason
        case let .file(file, location, reason): location.isEmpty ? "\(file): \(reason)" : "\(file): \(location): \(reason)"
        case let .unknownModel(name, known):
            "no built-in model \"\(name)\" and no such file (built-in: \(known.joined(separator: ", ")))"
        case let .changed(model, found, recorded):
            "model \(model) is not the one the registers were fitted to: its SHA-256 is \(found), the fit recorded \(recorded) (edited since?)"
        }
    }
}

extension StringProtocol {
    /// The text on one line: control characters and line or paragraph
    /// separators written as escapes (`\n`, `\u{2028}`), everything else as it is.
    var escapingLineBreaks: String {
        unicodeScalars.map { scalar in
            switch scalar.properties.generalCategory {
            case .control, .lineSeparator, .paragraphSeparator: scalar.escaped(asASCII: true)
            default: String(scalar)
            }
        }.joined()
    }
}
