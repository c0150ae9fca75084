/// How a synapse's current depends on its conductance and the postsynaptic
/// voltage.
public enum SynapseCurrentForm: String, Sendable, Hashable, Codable, CaseIterable {
    /// Through the chip's conductance element, as a neuron's channels:
    /// (2 g r V_T / κ_lin) tanh(κ_lin (V_post − E) / (2 V_T)). The default.
    case chip
    /// Linear, g r (V_post − E), as the published network code applies it.
    case linear
}
