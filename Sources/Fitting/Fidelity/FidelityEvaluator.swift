import NeuroDynChip

/// Measures a chip's fidelity to its target (see ``FiringProtocol``): both are
/// driven over the current grid, and each rheobase is located by bisection
/// between the last silent and the first firing grid current.
///
/// Runs are independent and deterministic, so they are spread over the cores
/// and the result does not depend on how many there are.
public struct FidelityEvaluator: Sendable {
    public var firing: FiringProtocol
    /// Bisection stops when the rheobase bracket is this narrow (µA/cm²).
    public var rheobaseResolution: Double

    public init(firing: FiringProtocol = .standard, rheobaseResolution: Double = 0.02) {
        self.firing = firing
        self.rheobaseResolution = rheobaseResolution
    }

    /// The fidelity of the chip a fit emits, against the target it was fitted to.
    public func evaluate(_ fit: ChipFit) throws(NeuroDynError) -> FidelityReport {
        try evaluate(target: fit.comparisonTarget, chip: fit.neuron, mapping: fit.mapping)
    }

    /// The fidelity of `chip`, mapped by `mapping`, against `target` (HH scaled
    /// by scl_v and scl_t, SI units).
    public func evaluate(
        target: HodgkinHuxleyModel, chip: NeuroDynNeuron, mapping: RegisterFile.Mapping
    ) throws(NeuroDynError) -> FidelityReport {
        let firing = self.firing
        let targetRate: @Sendable (Double) throws(NeuroDynError) -> Double = { current throws(NeuroDynError) in
            try FiringRates.target(target, current: current, protocol: firing)
        }
        let chipRate: @Sendable (Double) throws(NeuroDynError) -> Double = { current throws(NeuroDynError) in
            try FiringRates.chip(chip, mapping: mapping, current: current, protocol: firing)
        }
        let currents = firing.currents
        let rates = try ParallelMap.map(count: 2 * currents.count) { (k) throws(NeuroDynError) in
            k < currents.count ? try targetRate(currents[k]) : try chipRate(currents[k - currents.count])
        }
        let targetRates = Array(rates[..<currents.count]), chipRates = Array(rates[currents.count...])
        let rheobases = try ParallelMap.map(count: 2) { (side) throws(NeuroDynError) in
            try rheobase(rates: side == 0 ? targetRates : chipRates, rate: side == 0 ? targetRate : chipRate)
        }
        return FidelityReport(
            currents: currents, targetRates: targetRates, chipRates: chipRates,
            targetRheobase: rheobases[0], chipRheobase: rheobases[1])
    }

    /// Bisection between the largest silent current below the first firing one
    /// and that firing current; nil if no grid current fires.
    func rheobase(
        rates: [Double], rate: (Double) throws(NeuroDynError) -> Double
    ) throws(NeuroDynError) -> Double? {
        let order = firing.currents.indices.sorted { firing.currents[$0] < firing.currents[$1] }
        guard let firstFiring = order.firstIndex(where: { rates[$0] > 0 }) else { return nil }
        var high = firing.currents[order[firstFiring]]
        guard firstFiring > 0 else { return high }
        var low = firing.currents[order[firstFiring - 1]]
        while high - low > rheobaseResolution {
            let middle = (low + high) / 2
            if try rate(middle) > 0 { high = middle } else { low = middle }
        }
        return high
    }
}
