import NeuroDynChip
import RealModule

/// Matches the compound chip's steady-state current to the target's over a
/// slow wave, by the slow part's conductances and an offset current.
///
/// With the slow part's n held at each value of the window and every other
/// gate at its steady state, the compound's total ionic current is a curve
/// in V; bursts start and end where it folds, so errors of a µA/cm² there
/// (a tenth of a chip LSB of the spiking part's currents) decide whether
/// the chip bursts. The slow part's Na and K currents and its leak are each
/// linear in their conductance: non-negative least squares over (V, n) finds
/// the factors on g_Na and g_K and the leak conductance that best close the
/// gap. The leak's reversal is put at the end of its range (−1023 for an
/// outward offset, +1023 for an inward one), where its tanh saturates and it
/// acts as a nearly constant current.
struct SlowWaveCorrection: Sendable {
    /// Factors on the slow part's g_Na and g_K.
    let factors: (sodium: Double, potassium: Double)
    /// The offset, as a signed leak code (``NeuronRegisters/leakOffset``).
    let leakOffset: Int

    /// The leak code the basis is evaluated with.
    static let basisLeakCode = 100

    init(target: CompoundTarget, fast: ChipFit, slow: ChipFit, window: SlowWaveWindow) throws(FittingError) {
        let mapping = fast.mapping.relativeToOrigin
        let fastNeuron = fast.neuron
        var outward = slow.neuron, inward = slow.neuron
        outward.updateRegisters { $0.leakOffset = Self.basisLeakCode }
        inward.updateRegisters { $0.leakOffset = -Self.basisLeakCode }
        var rows: [[Double]] = [], rhs: [Double] = []
        let origin = target.parts[0].voltageOrigin
        for n in window.slowGate {
            for v in window.voltages {
                let chipVoltage = mapping.chipVoltage(v * 1e-3)
                func current(_ amperes: Double) -> Double { mapping.targetCurrent(amperes) * 1e6 }
                let f = ChannelCurrents(fastNeuron, at: chipVoltage, slowGate: nil)
                let s = ChannelCurrents(outward, at: chipVoltage, slowGate: n)
                let i = ChannelCurrents(inward, at: chipVoltage, slowGate: n)
                rows.append([current(s.sodium), current(s.potassium), current(s.leak), current(i.leak)])
                let targetCurrent = target.steadyCurrent(at: v + origin, held: [PartGate(part: 1, gate: .n): n])
                rhs.append(targetCurrent - current(f.sodium + f.potassium + f.leak))
            }
        }
        // The two offsets nearly cancel each other: each is tried alone.
        let solver = NonNegativeLeastSquares()
        let outwardFit = try solver.solve(try Matrix(rows: rows.map { Array($0[0...2]) }), rhs)
        let inwardFit = try solver.solve(try Matrix(rows: rows.map { [$0[0], $0[1], $0[3]] }), rhs)
        let isOutward = outwardFit.residualNorm <= inwardFit.residualNorm
        let best = isOutward ? outwardFit : inwardFit
        factors = (best.solution[0], best.solution[1])
        let code = min(1023, Int((best.solution[2] * Double(Self.basisLeakCode)).rounded()))
        leakOffset = isOutward ? code : -code
    }

    /// `registers` with the factors applied to its g_Na and g_K codes (at
    /// most 1023) and the offset in its leak.
    func corrected(_ registers: NeuronRegisters) -> NeuronRegisters {
        var result = registers
        result.conductances.sodium = registers.conductances.sodium.scaled(by: factors.sodium)
        result.conductances.potassium = registers.conductances.potassium.scaled(by: factors.potassium)
        result.leakOffset = leakOffset
        return result
    }
}

/// A chip neuron's three currents (A) at a chip voltage with its gates at
/// steady state, n held at `slowGate` when given.
struct ChannelCurrents {
    let sodium: Double, potassium: Double, leak: Double

    init(_ neuron: NeuroDynNeuron, at v: Double, slowGate: Double?) {
        let p = neuron.effectiveParameters
        let m = p.steadyState(of: .m, at: v), h = p.steadyState(of: .h, at: v)
        let n = slowGate ?? p.steadyState(of: .n, at: v)
        let e = p.exponents
        sodium = p.conductanceCurrent(
            conductance: p.conductances.sodium * Double.pow(m, e.p) * Double.pow(h, e.q), drop: v - p.reversalPotentials.sodium)
        potassium = p.conductanceCurrent(
            conductance: p.conductances.potassium * Double.pow(n, e.r), drop: v - p.reversalPotentials.potassium)
        leak = p.conductanceCurrent(conductance: p.conductances.leak, drop: v - p.reversalPotentials.leak)
    }
}
