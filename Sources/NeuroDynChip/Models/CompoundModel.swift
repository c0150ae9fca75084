import Foundation

/// A compound neuron as a model: several channel sets (parts) on one
/// membrane, each a single-compartment model whose capacitance is its share
/// of the membrane's, in biological units (mV, ms, mS/cm², µF/cm²,
/// µA/cm²). Each part must be one the chip holds (m³h, n⁴ and leaks): it is
/// programmed into a chip neuron of its own.
public struct CompoundModel: Sendable, Hashable {
    public var name: String
    /// One line for `ndfit models`.
    public var summary: String
    /// The parts, in membrane order (the first is the spiking part: it sets
    /// the chip's time scale). Their own voltage origins are not used.
    public var parts: [NeuronModel]
    /// The model voltage every part treats as 0, mV; nil: the first part's
    /// (``NeuronModel/resolvedVoltageOrigin()``).
    public var voltageOrigin: Double?
    /// The total current at which the compound's bursts are matched,
    /// µA/cm²; nil leaves it to the fit (−5, the published pair's).
    public var designCurrent: Double?

    public init(name: String, summary: String, parts: [NeuronModel], voltageOrigin: Double? = nil, designCurrent: Double? = nil) {
        self.name = name
        self.summary = summary
        self.parts = parts
        self.voltageOrigin = voltageOrigin
        self.designCurrent = designCurrent
    }

    /// The compound as the chip's fit takes it: each part's chip target
    /// (``NeuronModel/chipTarget(fastGateSpeedUp:)``) on the shared voltage
    /// origin.
    ///
    /// - Throws: ``ModelError`` naming the part, for fewer than two parts, a
    ///   part the chip cannot hold or a value out of range.
    public func target() throws(ModelError) -> CompoundTarget {
        guard parts.count >= 2 else { throw .invalid("a compound model needs at least two parts (it has \(parts.count))") }
        if let designCurrent, !designCurrent.isFinite {
            throw .invalid("design current \(designCurrent) µA/cm² is not finite")
        }
        let origin: Double
        if let voltageOrigin {
            guard voltageOrigin.isFinite else { throw .invalid("voltage origin \(voltageOrigin) mV is not finite") }
            origin = voltageOrigin
        } else {
            origin = try parts[0].resolvedVoltageOrigin()
        }
        var targets: [HodgkinHuxleyModel] = []
        for (k, part) in parts.enumerated() {
            var shared = part
            shared.voltageOrigin = origin
            do {
                targets.append(try shared.chipTarget())
            } catch {
                throw .invalid("part \(k) (\(part.name)): \(error.description)")
            }
        }
        do {
            return try CompoundTarget(parts: targets)
        } catch {
            throw .invalid(error.description)
        }
    }
}
