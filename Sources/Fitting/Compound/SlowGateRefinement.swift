import NeuroDynChip

/// Refines the codes of a slow gate over the voltages where it matters.
///
/// A slow part's n rates are a few LSB on its board, and a fit over the
/// whole swing spends them where the slow wave never goes: rounded, β can
/// vanish at rest, where it alone closes n between bursts. Here each code of
/// α and of β moves by one LSB at a time, keeping the move that most lowers
/// Σ ((chip − target) / target)² over the slow wave's voltages and on up to
/// the spike's top, until no move helps.
struct SlowGateRefinement: Sendable {
    let gate: Gate
    /// Voltages relative to the model's origin, mV.
    let voltages: [Double]
    let target: HodgkinHuxleyModel
    let mapping: RegisterFile.Mapping
    let biases: ChipBiases
    let constants: ChipConstants
    /// The die the codes are for.
    var die: MismatchFactors = .none

    /// At most this many sweeps over the 14 codes.
    static let sweepLimit = 200

    func refined(_ registers: NeuronRegisters) -> NeuronRegisters {
        var best = registers
        for rate in Rate.allCases {
            var codes = best.splines[gate][rate].values
            var error = self.error(codes, rate: rate, in: best)
            for _ in 0..<Self.sweepLimit {
                var round: (codes: [Int], error: Double)?
                for j in codes.indices {
                    for step in [-1, 1] where (0...DigitalCode.maximum).contains(codes[j] + step) {
                        var trial = codes
                        trial[j] += step
                        let e = self.error(trial, rate: rate, in: best)
                        if e < (round?.error ?? error) - 1e-12 { round = (trial, e) }
                    }
                }
                guard let better = round else { break }
                (codes, error) = better
            }
            if let splines = try? SplineCodes(values: codes) { best.splines[gate][rate] = splines }
        }
        return best
    }

    func error(_ codes: [Int], rate: Rate, in registers: NeuronRegisters) -> Double {
        var trial = registers
        guard let splines = try? SplineCodes(values: codes) else { return .infinity }
        trial.splines[gate][rate] = splines
        var neuron = NeuroDynNeuron(registers: trial, biases: biases, constants: constants)
        neuron.perturb(with: die)
        let parameters = neuron.effectiveParameters
        let relative = mapping.relativeToOrigin
        var sum = 0.0
        for v in voltages {
            let wanted = target.rate(rate, of: gate, at: v + target.voltageOrigin)
            guard wanted > 0 else { continue }
            // Chip 1/s → target 1/ms.
            let chip = parameters.rate(rate, of: gate, at: relative.chipVoltage(v * 1e-3)) / relative.speedUp / 1e3
            sum += (chip / wanted - 1) * (chip / wanted - 1)
        }
        return sum
    }
}
