import Foundation
import NeuroDynChip

/// Systems with known solutions, for accuracy tests.
enum TestSystems {
    /// A passive HH membrane (no Na, no K): C dV/dt = −g_L (V − E_L) + I.
    /// V(t) = V∞ + (V₀ − V∞) e^{−t/τ}, τ = C/g_L, V∞ = E_L + I/g_L (biological units).
    static func passiveMembrane() -> HodgkinHuxleyModel {
        let standard = HodgkinHuxleyModel.standard
        return HodgkinHuxleyModel(
            conductances: PerChannel(sodium: 0, potassium: 0, leak: 0.3),
            reversalPotentials: standard.reversalPotentials,
            capacitance: 1, rates: standard.rates)
    }

    static func passiveVoltage(at t: Double, from v0: Double, current: Double) -> Double {
        let gL = 0.3, eL = 10.6, c = 1.0
        let vInf = eL + current / gL
        return vInf + (v0 - vInf) * exp(-t * gL / c)
    }

    /// A chip neuron with only its leak programmed: its tanh current gives
    /// C dV/dt = −(g/k) tanh(k (V − E_L)), k = κ_lin / (2 V_T), whose solution is
    /// sinh(k (V − E_L)) = sinh(k (V₀ − E_L)) e^{−g t / C}.
    static func leakOnlyChip(leakCode: Int = 200) throws -> NeuroDynNeuron {
        var registers = NeuronRegisters.defaultChip
        registers.conductances = PerChannel(
            sodium: 0, potassium: 0, leak: try DigitalCode(leakCode))
        return NeuroDynNeuron(registers: registers)
    }

    static func leakOnlyVoltage(_ neuron: NeuroDynNeuron, at t: Double, from v0: Double) -> Double {
        let p = neuron.effectiveParameters
        let k = p.constants.kappaLinear / (2 * p.constants.thermalVoltage)
        let eL = p.reversalPotentials.leak
        let decay = exp(-p.conductances.leak * t / p.membraneCapacitance)
        return eL + asinh(sinh(k * (v0 - eL)) * decay) / k
    }
}
