import Foundation
import NeuroDynChip

/// The output of `ndfit perturb`, written instance by instance so memory stays
/// flat in the count.
///
/// JSON (`neurodyn-perturbation/1`): the settings and the source registers,
/// then `instances`, one compact object per line, each with its `factors`
/// (`neurodyn-factors/1`) and `effective` analog values (g in S, E absolute in
/// V, Ib in A, exponents).
struct PerturbationReport {
    static let formatIdentifier = "neurodyn-perturbation/1"

    let file: RegisterFile
    let neuron: Int
    let model: MismatchModel
    let seed: UInt64
    let count: Int

    struct Instance: Encodable {
        struct Effective: Encodable {
            let g: PerChannel<Double>
            let E: PerChannel<Double>
            let Ib: PerGate<PerRate<[Double]>>
            let exponents: GateExponents
        }

        let instance: Int
        let factors: MismatchFactors
        let effective: Effective

        init(_ index: Int, die: NeuroDynNeuron) {
            let p = die.effectiveParameters
            instance = index
            factors = die.mismatch
            effective = Effective(
                g: p.conductances, E: p.reversalPotentials, Ib: p.splineWeights, exponents: p.exponents)
        }
    }

    func writeHeader(format: ReportFormat, to sink: OutputSink) throws {
        switch format {
        case .json:
            // Keys in sorted order, as in every other document ndfit writes.
            sink.write("{\n")
            sink.write("  \"count\" : \(count),\n")
            sink.write("  \"exponent_spread\" : \(try CompactJSON.line(model.exponentSpread)),\n")
            sink.write("  \"format\" : \"\(Self.formatIdentifier)\",\n")
            sink.write("  \"instances\" : [\n")
        case .text:
            sink.write("\(count) instance(s) of neuron \(neuron), σ = \(model.sigma), seed \(seed)\n")
            sink.write("factors: g (Na K L), E offsets (Na K L), spline weights (min…max); exponents p q r\n")
        }
    }

    func writeInstance(_ k: Int, die: NeuroDynNeuron, format: ReportFormat, last: Bool, to sink: OutputSink) throws {
        switch format {
        case .json:
            sink.write("    ")
            sink.write(try CompactJSON.line(Instance(k, die: die)))
            sink.write(last ? "\n" : ",\n")
        case .text:
            let f = die.mismatch
            let weights = Gate.allCases.flatMap { f.splineWeights[$0].alpha + f.splineWeights[$0].beta }
            func list(_ values: [Double]) -> String { values.map { String(format: "%.3f", $0) }.joined(separator: " ") }
            sink.write(String(format: "%6d  g %@  E %@  w %.3f…%.3f  p q r %.3f %.3f %.3f\n",
                              k, list(f.conductances.values), list(f.reversals.values),
                              weights.min() ?? 1, weights.max() ?? 1,
                              f.exponents.p, f.exponents.q, f.exponents.r))
        }
    }

    func writeFooter(format: ReportFormat, to sink: OutputSink) throws {
        guard format == .json else { return }
        sink.write("  ],\n")
        sink.write("  \"neuron\" : \(neuron),\n")
        sink.write("  \"registers\" : \(try CompactJSON.line(file)),\n")
        sink.write("  \"seed\" : \(seed),\n")
        sink.write("  \"sigma\" : \(try CompactJSON.line(model.sigma))\n")
        sink.write("}\n")
    }

}
