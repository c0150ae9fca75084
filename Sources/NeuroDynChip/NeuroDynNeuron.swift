/// One NeuroDyn neuron: its programming (digital codes or analog values), the
/// chip biases and constants, and the mismatch of its die.
///
/// The mismatch belongs to the instance: reprogramming the codes keeps it, so
/// a perturbed die stays the same die (the published model lost it on update).
public struct NeuroDynNeuron: Sendable {
    /// How the neuron's slots are programmed.
    public enum Programming: Sendable, Hashable {
        /// 10-bit codes, converted with the biases.
        case digital(NeuronRegisters)
        /// Physical values written directly (the chip's analog mode).
        case analog(AnalogNeuronParameters)
    }

    /// The programmed values.
    public private(set) var programming: Programming
    /// The bias settings the codes are relative to.
    public var biases: ChipBiases
    /// The physical constants of the chip.
    public var constants: ChipConstants
    /// The deviations of this die from nominal (``MismatchFactors/none`` by default).
    public private(set) var mismatch: MismatchFactors

    /// A neuron programmed with digital codes.
    public init(
        registers: NeuronRegisters, biases: ChipBiases = .standard,
        constants: ChipConstants = .neuroDyn, mismatch: MismatchFactors = .none
    ) {
        self.programming = .digital(registers)
        self.biases = biases
        self.constants = constants
        self.mismatch = mismatch
    }

    /// A neuron programmed in analog mode.
    public init(
        analog: AnalogNeuronParameters, biases: ChipBiases = .standard,
        constants: ChipConstants = .neuroDyn, mismatch: MismatchFactors = .none
    ) {
        self.programming = .analog(analog)
        self.biases = biases
        self.constants = constants
        self.mismatch = mismatch
    }

    /// The default chip of the specification: the published codes, default biases.
    public static let defaultChip = NeuroDynNeuron(registers: .defaultChip)

    /// The digital registers, or `nil` in analog mode.
    public var registers: NeuronRegisters? {
        if case let .digital(registers) = programming { return registers }
        return nil
    }

    /// The conversions for this neuron's biases and constants.
    public var conversions: ChipConversions { ChipConversions(biases: biases, constants: constants) }

    /// The programmed physical values, before mismatch.
    public var nominalParameters: AnalogNeuronParameters {
        switch programming {
        case let .digital(registers): conversions.analog(registers)
        case let .analog(parameters): parameters
        }
    }

    /// The physical values this die actually has: nominal values times mismatch.
    public var effectiveParameters: EffectiveNeuronParameters {
        EffectiveNeuronParameters(
            nominal: nominalParameters, mismatch: mismatch, conversions: conversions)
    }

    /// Reprograms the neuron with new codes; the mismatch of the die is kept.
    public mutating func program(_ registers: NeuronRegisters) {
        programming = .digital(registers)
    }

    /// Reprograms the neuron with analog values; the mismatch of the die is kept.
    public mutating func program(_ analog: AnalogNeuronParameters) {
        programming = .analog(analog)
    }

    /// Edits the digital codes in place; the mismatch of the die is kept.
    ///
    /// - Returns: `false` (and changes nothing) when the neuron is in analog mode.
    @discardableResult
    public mutating func updateRegisters(_ edit: (inout NeuronRegisters) -> Void) -> Bool {
        guard case var .digital(registers) = programming else { return false }
        edit(&registers)
        programming = .digital(registers)
        return true
    }

    /// Gives this die the deviations drawn from `seed` (and `instance`) with
    /// spread `sigma` and the specification's exponent spreads.
    ///
    /// Replaces any earlier mismatch (it does not compound). The same
    /// (sigma, seed, instance) gives the same die on every run and machine.
    /// - Throws: ``NeuroDynError/invalidSigma(_:)`` for a negative or
    ///   non-finite `sigma`.
    public mutating func perturb(sigma: Double = 0.15, seed: UInt64, instance: UInt64 = 0) throws(NeuroDynError) {
        mismatch = try MismatchModel(sigma: sigma).draw(seed: seed, instance: instance)
    }

    /// Gives this die the given deviations (e.g. measured ones).
    public mutating func perturb(with factors: MismatchFactors) {
        mismatch = factors
    }

    /// Makes the die nominal again.
    public mutating func removeMismatch() {
        mismatch = .none
    }
}
