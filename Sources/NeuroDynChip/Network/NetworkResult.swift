/// The outcome of a network simulation: the integration of the whole state
/// and, per neuron, its spikes.
public struct NetworkResult: Sendable {
    /// The integration: status, final state, trace of every state variable
    /// (neurons' slices, then synapses), statistics.
    public var simulation: SimulationResult
    /// The state index of each neuron's membrane voltage.
    public let voltageIndices: [Int]
    /// The run's length (in the model's time unit), for rates.
    public let duration: Double

    public init(simulation: SimulationResult, voltageIndices: [Int], duration: Double) {
        self.simulation = simulation
        self.voltageIndices = voltageIndices
        self.duration = duration
    }

    /// Per neuron, the upward threshold crossings of its membrane voltage,
    /// each located on the dense output, increasing.
    public var spikeTimes: [[Double]] { simulation.crossingTimes }

    /// Per neuron, spikes per unit time over the whole run.
    public var meanRates: [Double] { spikeTimes.map { Double($0.count) / duration } }

    /// Per neuron, 1 / mean inter-spike interval; 0 with fewer than two spikes.
    public var rates: [Double] { spikeTimes.map(SpikeRate.interSpike) }
}

extension RegisterFile.Mapping {
    /// A network's chip run read in target units: times × scl_t, every
    /// neuron's voltage mapped back, spikes in target time.
    public func targetResult(_ chip: NetworkResult) -> NetworkResult {
        NetworkResult(
            simulation: targetResult(chip.simulation, voltageIndices: chip.voltageIndices),
            voltageIndices: chip.voltageIndices, duration: targetTime(chip.duration))
    }
}
