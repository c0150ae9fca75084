import NeuroDynChip

/// Fits a network of target neurons and synapses onto one set of chip biases:
/// one time scale σ_t for every neuron and synapse, since they share
/// I_master. The board's σ_t is the largest any of them needs; a neuron fitted
/// on its own at a smaller σ_t is fitted again at the board's (its codes then
/// scale down), and the fit says which register set σ_t.
public struct BoardFitter: Sendable {
    /// The neurons' fitters, in network order; all must share the voltage axis
    /// (scl_v, biases and reversal potentials), which the synapses are fitted on.
    public var neurons: [HodgkinHuxleyFitter]
    /// The synapses, joining neurons of ``neurons``.
    public var synapses: [SynapseFitter]
    /// Gap junctions, conductances in siemens on the chip.
    public var gapJunctions: [GapJunction]
    /// How synaptic currents are computed on the chip.
    public var synapseCurrent: SynapseCurrentForm

    public init(
        neurons: [HodgkinHuxleyFitter], synapses: [SynapseFitter], gapJunctions: [GapJunction] = [],
        synapseCurrent: SynapseCurrentForm = .chip
    ) {
        self.neurons = neurons
        self.synapses = synapses
        self.gapJunctions = gapJunctions
        self.synapseCurrent = synapseCurrent
    }

    /// Fits every neuron, finds the board's σ_t, refits the neurons that need
    /// it and quantizes every synapse at it.
    ///
    /// - Throws: ``FittingError/invalidTarget(_:)`` for no neurons, neurons on
    ///   different voltage axes, or a synapse naming a neuron that does not
    ///   exist; the errors of the neuron and synapse fits (codes out of range
    ///   name the register).
    public func fit() throws(FittingError) -> BoardFit {
        guard !neurons.isEmpty else { throw .invalidTarget("a board needs at least one neuron") }
        var fits: [ChipFit] = []
        for fitter in neurons { fits.append(try fitter.fit()) }
        let axis = fits[0]
        for (i, fit) in fits.enumerated().dropFirst()
        where fit.voltageScale != axis.voltageScale || fit.meanVoltage != axis.meanVoltage || fit.biases != axis.biases {
            throw .invalidTarget("neuron \(i) is fitted on another voltage axis or biases than neuron 0; a board shares them")
        }
        for (s, synapse) in synapses.enumerated() {
            for index in [synapse.pre, synapse.post] where !fits.indices.contains(index) {
                throw .invalidTarget("synapse \(s) names neuron \(index); the board has \(fits.count)")
            }
        }
        var continuous: [SynapseFit.Continuous] = []
        for synapse in synapses { continuous.append(try synapse.continuousFit(on: axis)) }
        // Who needs the largest σ_t.
        var timeScale = 0.0
        var setBy = ""
        for (i, fit) in fits.enumerated() where fit.timeScales.timeScale > timeScale {
            timeScale = fit.timeScales.timeScale
            setBy = "neuron \(i) (\(fit.timeScales.fromWeights >= fit.timeScales.fromConductances ? "its largest spline weight" : "its largest conductance"))"
        }
        for (s, fit) in continuous.enumerated() where fit.timeScale > timeScale {
            timeScale = fit.timeScale
            let synapse = synapses[s]
            setBy = "synapse \(synapse.pre)→\(synapse.post) (\(fit.fromWeights >= fit.fromConductance ? "its largest spline weight" : "its conductance"))"
        }
        for i in fits.indices where fits[i].timeScales.timeScale != timeScale {
            var fitter = neurons[i]
            fitter.fixedTimeScale = timeScale
            fits[i] = try fitter.fit()
        }
        var synapseFits: [SynapseFit] = []
        for (s, synapse) in synapses.enumerated() {
            synapseFits.append(try synapse.fit(continuous: continuous[s], on: axis, timeScale: timeScale))
        }
        return BoardFit(
            neurons: fits, synapses: synapseFits, gapJunctions: gapJunctions, synapseCurrent: synapseCurrent,
            timeScale: timeScale, timeScaleSetBy: setBy)
    }
}

/// A network fitted onto the chip under one time scale.
public struct BoardFit: Sendable {
    /// The neurons' fits, all at ``timeScale``.
    public let neurons: [ChipFit]
    /// The synapses' fits, at ``timeScale``.
    public let synapses: [SynapseFit]
    public let gapJunctions: [GapJunction]
    public let synapseCurrent: SynapseCurrentForm
    /// σ_t of the board: the chip runs the target 1/σ_t times faster.
    public let timeScale: Double
    /// Which neuron or synapse needs σ_t, and through which register.
    public let timeScaleSetBy: String

    /// The board's mapping (every neuron shares it).
    public var mapping: RegisterFile.Mapping { neurons[0].mapping }

    /// The register file of the board (`neurodyn-registers/2` when it has
    /// synapses or gap junctions).
    ///
    /// - Throws: ``RegisterFileError`` when the network breaks a rule of the
    ///   format (more than 16 neurons, a synapse across boards…).
    public func registerFile() throws(RegisterFileError) -> RegisterFile {
        try RegisterFile(
            biases: neurons[0].biases, neurons: neurons.map(\.registers), mapping: mapping,
            synapses: synapses.map(\.registers), gapJunctions: gapJunctions, synapseCurrent: synapseCurrent)
    }
}
