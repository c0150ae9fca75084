/// One synapse of a chip network: its registers (which name its neurons) and
/// the mismatch of its die. Like a neuron's, the mismatch belongs to the
/// instance and survives reprogramming.
public struct NeuroDynSynapse: Sendable, Hashable {
    /// The programmed codes and the neurons joined.
    public var registers: SynapseRegisters
    /// The deviations of this die's synapse (``SynapseMismatch/none`` by default).
    public var mismatch: SynapseMismatch

    public init(registers: SynapseRegisters, mismatch: SynapseMismatch = .none) {
        self.registers = registers
        self.mismatch = mismatch
    }

    /// The presynaptic neuron.
    public var pre: Int { registers.pre }
    /// The postsynaptic neuron.
    public var post: Int { registers.post }
}
