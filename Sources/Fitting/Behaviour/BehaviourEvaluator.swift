import NeuroDynChip

/// Measures a chip's behaviour against its target (``BehaviourProtocol``),
/// with the steady-rate comparison of ``FidelityEvaluator``.
///
/// Deterministic: the noise is frozen by its seeds, and runs spread over the
/// cores return in a fixed order.
public struct BehaviourEvaluator: Sendable {
    public var behaviour: BehaviourProtocol
    /// The f-I measure; nil leaves it out (``BehaviourReport/firing`` nil).
    public var firing: FidelityEvaluator?

    public init(behaviour: BehaviourProtocol = .standard, firing: FidelityEvaluator? = FidelityEvaluator()) {
        self.behaviour = behaviour
        self.firing = firing
    }

    /// The standard measures with every current, and the rheobase
    /// resolution, × `factor` (``FitTarget/currentScale``; 1 for HH 1952).
    public static func standard(currentScale factor: Double) -> BehaviourEvaluator {
        BehaviourEvaluator(
            behaviour: BehaviourProtocol.standard.scalingCurrents(by: factor),
            firing: FidelityEvaluator(firing: FiringProtocol.standard.scalingCurrents(by: factor), rheobaseResolution: 0.02 * factor))
    }

    /// The behaviour of the chip a fit emits against the target it was fitted to.
    public func evaluate(_ fit: ChipFit) throws(NeuroDynError) -> BehaviourReport {
        try evaluate(target: fit.comparisonTarget, chip: fit.neuron, mapping: fit.mapping)
    }

    /// The behaviour of `chip`, mapped by `mapping`, against `target` (an HH
    /// model in SI units, scaled or not: see ``MeasuredNeuron/target(_:)``).
    public func evaluate(
        target: HodgkinHuxleyModel, chip: NeuroDynNeuron, mapping: RegisterFile.Mapping
    ) throws(NeuroDynError) -> BehaviourReport {
        let targetBehaviour = try NeuronBehaviour.measure(.target(target), protocol: behaviour)
        return try evaluate(targetBehaviour: targetBehaviour, target: target, chip: chip, mapping: mapping)
    }

    /// The same, with the target's behaviour already measured under this
    /// evaluator's protocol (a search measures it once for every candidate).
    public func evaluate(
        targetBehaviour: NeuronBehaviour, target: HodgkinHuxleyModel, chip: NeuroDynNeuron,
        mapping: RegisterFile.Mapping
    ) throws(NeuroDynError) -> BehaviourReport {
        let chipBehaviour = try NeuronBehaviour.measure(.chip(chip, mapping), protocol: behaviour)
        let rates = try firing.map { (evaluator) throws(NeuroDynError) in
            try evaluator.evaluate(target: target, chip: chip, mapping: mapping)
        }
        return BehaviourReport(
            protocol: behaviour, target: targetBehaviour, chip: chipBehaviour, firing: rates,
            voltageOrigin: mapping.modelVoltageOrigin)
    }
}
