import NeuroDynChip
import Foundation
var registers = NeuronRegisters.defaultChip
registers.conductances = PerChannel(sodium: 0, potassium: 0, leak: 200)
let neuron = NeuroDynNeuron(registers: registers)
let p = neuron.effectiveParameters
let tau = p.membraneCapacitance / p.conductances.leak
let k = p.constants.kappaLinear / (2 * p.constants.thermalVoltage)
let eL = p.reversalPotentials.leak
func exact(_ t: Double, _ v0: Double) -> Double { eL + asinh(sinh(k * (v0 - eL)) * exp(-p.conductances.leak * t / p.membraneCapacitance)) / k }
for v0 in [1.4, 2.5] {
for T in [2.0, 8.0] {
var prev = 0.0
for d in [2.0, 4, 8, 16, 32, 64] {
  let r = try ExplicitRungeKutta.integrate(neuron.dynamics(appliedCurrent: 0), tableau: .dormandPrince, initialState: [v0,0,0,0], from: 0, to: T*tau, options: FixedStepOptions(step: tau/d, recordsTrace: false))
  let e = abs(r.finalState[0] - exact(T*tau, v0))
  print(v0, T, d, e, prev > 0 ? log2(prev/e) : 0)
  prev = e
}}}
