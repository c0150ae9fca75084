import Foundation
import Testing
import NeuroDynChip

/// Networks against the single neuron and against closed-form solutions.
@Suite("Network")
struct NetworkTests {
    /// A one-neuron network evaluates with the same floating-point operations
    /// as the neuron's own equations, so integrations agree bit for bit.
    @Test("A one-neuron network is the neuron, bit for bit", arguments: [0.0, 2e-9, 5e-9])
    func oneNeuronIsTheNeuron(current: Double) throws {
        let neuron = NeuroDynNeuron.defaultChip
        let options = SolverOptions(relativeTolerance: 1e-6, absoluteTolerance: 1e-9, spikeThreshold: 0.85)
        let alone = try neuron.simulate(appliedCurrent: current, duration: 0.02, options: options)
        let network = try ChipNetwork(neurons: [neuron])
        let run = try network.simulate(stimuli: [.constant(current)], duration: 0.02, options: options)
        #expect(run.spikeTimes == [alone.spikeTimes])
        #expect(run.simulation.finalState == alone.finalState)
        #expect(run.simulation.statistics == alone.statistics)
    }

    /// Without synapses that carry current and without gap junctions the
    /// neurons of a board are independent systems: each runs with its own
    /// steps, so its spikes and final state are those of the neuron alone, bit
    /// for bit, whether the board lists no synapses or 12 with dg = 0.
    @Test("An uncoupled board gives each neuron's spikes exactly as it fires alone", arguments: [false, true])
    func uncoupledBoard(withSilentSynapses: Bool) throws {
        let neurons = Array(repeating: NeuroDynNeuron.defaultChip, count: 4)
        let network = withSilentSynapses ? try ChipNetwork.board(neurons: neurons) : try ChipNetwork(neurons: neurons)
        #expect(network.synapses.count == (withSilentSynapses ? 12 : 0))
        let currents = [-2e-9, 0, 1e-9, 3e-9]
        let options = SolverOptions(relativeTolerance: 1e-6, absoluteTolerance: 1e-9, spikeThreshold: 0.85)
        let run = try network.simulate(stimuli: currents.map { .constant($0) }, duration: 0.02, options: options)
        #expect(run.simulation.status == .completed)
        for (i, current) in currents.enumerated() {
            let alone = try NeuroDynNeuron.defaultChip.simulate(appliedCurrent: current, duration: 0.02, options: options)
            #expect(run.spikeTimes[i] == alone.spikeTimes)
            #expect(Array(run.simulation.finalState[4 * i..<4 * i + 4]) == alone.finalState)
        }
    }

    /// The synapses of an uncoupled board, integrated from their neurons'
    /// dense output, agree with the same synapses integrated inside one system
    /// of the whole board (there the steps are shared) to the tolerance both
    /// runs are held to.
    @Test("Observing synapses follow their neurons' dense output")
    func observingSynapses() throws {
        let neurons = Array(repeating: NeuroDynNeuron.defaultChip, count: 4)
        let network = try ChipNetwork.board(neurons: neurons)
        let stimuli: [Stimulus] = [-2e-9, 0, 1e-9, 3e-9].map { .constant($0) }
        let options = SolverOptions(relativeTolerance: 1e-9, absoluteTolerance: 1e-12, spikeThreshold: 0.85)
        let split = try network.simulate(stimuli: stimuli, duration: 0.01, options: options)
        // One system: a gap junction of conductance 0 joins nothing, so give
        // the groups a coupling too small to matter instead.
        let joined = try ChipNetwork(
            neurons: neurons, synapses: network.synapses,
            gapJunctions: [try GapJunction(0, 1, conductance: 1e-30), try GapJunction(1, 2, conductance: 1e-30),
                           try GapJunction(2, 3, conductance: 1e-30)])
        let whole = try joined.simulate(stimuli: stimuli, duration: 0.01, options: options)
        #expect(try joined.dynamics(stimuli: stimuli).coupledGroups.count == 1)
        #expect(try network.dynamics(stimuli: stimuli).coupledGroups.count == 4)
        for s in 0..<12 {
            let a = split.simulation.finalState[16 + s], b = whole.simulation.finalState[16 + s]
            #expect(abs(a - b) <= 1e-6, "synapse \(s): \(a) vs \(b)")
        }
        let trace = try network.simulate(
            stimuli: stimuli, duration: 0.01,
            options: SolverOptions(relativeTolerance: 1e-6, absoluteTolerance: 1e-9, trace: .steps)).simulation.trace
        #expect(trace.dimension == 28 && trace.count > 100)
        #expect(zip(trace.times, trace.times.dropFirst()).allSatisfy { $0 < $1 })
        #expect(trace.values.allSatisfy { $0.isFinite })
    }

    /// Two passive membranes (leak only) joined by a gap junction G:
    /// the mean voltage relaxes with τ₊ = C/g_L, the difference with
    /// τ₋ = C/(g_L + 2G), each to its own steady state.
    @Test("A passive pair coupled by a gap junction follows the analytic solution", arguments: [0.05, 0.3, 2.0])
    func passivePairGapJunction(gap: Double) throws {
        let passive = HodgkinHuxleyModel(
            conductances: PerChannel(sodium: 0, potassium: 0, leak: 0.3),
            reversalPotentials: HodgkinHuxleyModel.standard.reversalPotentials, capacitance: 1,
            rates: HodgkinHuxleyModel.standard.rates)
        let network = try TargetNetwork(neurons: [passive, passive], gapJunctions: [GapJunction(0, 1, conductance: gap)])
        let (i1, i2, v1, v2) = (3.0, -1.0, -5.0, 8.0)
        let times = stride(from: 0.0, through: 40.0, by: 2.0).map { $0 }
        let rtol = 1e-9
        let run = try network.simulate(
            stimuli: [.constant(i1), .constant(i2)], duration: 40,
            initialState: [v1, 0, 0, 0, v2, 0, 0, 0],
            options: SolverOptions(relativeTolerance: rtol, absoluteTolerance: rtol * 1e-3, trace: .times(times)))
        let (gL, eL) = (0.3, 10.6)
        // Sum: C dS/dt = −g_L (S − 2E_L) + I₁ + I₂; difference: C dD/dt = −(g_L + 2G) D + I₁ − I₂.
        let sumInfinity = 2 * eL + (i1 + i2) / gL, differenceInfinity = (i1 - i2) / (gL + 2 * gap)
        for (k, t) in times.enumerated() {
            let sum = sumInfinity + (v1 + v2 - sumInfinity) * exp(-gL * t)
            let difference = differenceInfinity + (v1 - v2 - differenceInfinity) * exp(-(gL + 2 * gap) * t)
            let state = run.simulation.trace.state(at: k)
            #expect(abs(state[0] - (sum + difference) / 2) <= 10 * rtol * 20, "t = \(t)")
            #expect(abs(state[4] - (sum - difference) / 2) <= 10 * rtol * 20, "t = \(t)")
        }
    }

    /// A synapse whose rates do not depend on voltage: r(t) = r∞ (1 − e^{−(α+β)t})
    /// with r∞ = α / (α + β), from r = 0.
    @Test("A synapse with constant rates relaxes exponentially", arguments: [(0.5, 0.19), (3.0, 0.05)])
    func constantRateSynapse(rates: (Double, Double)) throws {
        let (a, b) = rates
        let neuron = HodgkinHuxleyModel.standard
        let synapse = TargetNetwork.Synapse(
            pre: 0, post: 1, kinetics: SynapseKinetics(alpha: .constant(a), beta: .constant(b)), conductance: 0, reversal: 65)
        let network = try TargetNetwork(neurons: [neuron, neuron], synapses: [synapse])
        let times = stride(from: 0.0, through: 20.0, by: 1.0).map { $0 }
        let rtol = 1e-10
        let run = try network.simulate(
            stimuli: [.constant(10), .constant(0)], duration: 20,
            options: SolverOptions(relativeTolerance: rtol, absoluteTolerance: 1e-13, trace: .times(times)))
        for (k, t) in times.enumerated() {
            let exact = a / (a + b) * (1 - exp(-(a + b) * t))
            #expect(abs(run.simulation.trace.state(at: k)[8] - exact) <= 100 * rtol, "t = \(t)")
        }
    }

    /// On the chip, a synapse between two neurons with no conductance (their
    /// voltages stay where they start) sees constant α(V_pre) and β(V_post),
    /// computed here directly from the spline sums.
    @Test("A chip synapse between clamped-by-construction membranes relaxes exponentially")
    func chipSynapseKinetics() throws {
        var registers = NeuronRegisters.defaultChip
        registers.conductances = PerChannel(sodium: 0, potassium: 0, leak: 0)
        let still = NeuroDynNeuron(registers: registers)
        let codes = SynapseRegisters(
            pre: 0, post: 1, conductance: 0, reversal: 130,
            splines: PerRate(alpha: try SplineCodes(values: [0, 0, 0, 40, 0, 0, 378]), beta: try SplineCodes(values: [0, 0, 0, 0, 0, 9, 1])))
        let network = try ChipNetwork(neurons: [still, still], synapses: [NeuroDynSynapse(registers: codes)])
        let (vPre, vPost) = (0.95, 0.8)
        let conversions = still.conversions
        func rate(_ codes: SplineCodes, at v: Double, direction: SigmoidDirection) -> Double {
            let k = conversions.constants.kappa / conversions.constants.thermalVoltage
            var sum = 0.0
            for j in 0..<7 {
                let x = Double(direction.rawValue) * k * (conversions.splineCentres[j] - v)
                sum += conversions.splineWeight(codes[j]) / (1 + exp(x))
            }
            return sum * conversions.ratePerAmpere
        }
        let a = rate(codes.splines.alpha, at: vPre, direction: .increasing)
        let b = rate(codes.splines.beta, at: vPost, direction: .decreasing)
        let tau = 1 / (a + b)
        let times = (0...10).map { Double($0) * tau / 2 }
        let rtol = 1e-10
        let run = try network.simulate(
            stimuli: [.constant(0), .constant(0)], duration: 5 * tau,
            initialState: [vPre, 0, 0, 0, vPost, 0, 0, 0, 0],
            options: SolverOptions(relativeTolerance: rtol, absoluteTolerance: 1e-13, trace: .times(times)))
        for (k, t) in times.enumerated() {
            let state = run.simulation.trace.state(at: k)
            #expect(state[0] == vPre && state[4] == vPost)
            let exact = a / (a + b) * (1 - exp(-t / tau))
            #expect(abs(state[8] - exact) <= 1e-8, "t = \(t)")
        }
    }

    /// The chip's conductance element against the published linear form: at a
    /// small drop they agree to first order; at a large one tanh saturates.
    @Test("Synaptic current: tanh element and linear form")
    func currentForms() throws {
        let codes = SynapseRegisters.publishedDefault(pre: 0, post: 1, conductance: 100)
        let conversions = ChipConversions()
        let chip = ChipSynapse(registers: codes, conversions: conversions, form: .chip)
        let linear = ChipSynapse(registers: codes, conversions: conversions, form: .linear)
        let e = chip.effectiveReversal
        let g = chip.effectiveConductance
        #expect(abs(linear.current(activation: 0.5, postVoltage: e + 1e-4) - 0.5 * g * 1e-4) <= 1e-15 * g)
        let k = conversions.constants.kappaLinear / (2 * conversions.constants.thermalVoltage)
        let small = chip.current(activation: 0.5, postVoltage: e + 1e-4)
        #expect(abs(small / (0.5 * g * 1e-4) - 1) <= (k * 1e-4) * (k * 1e-4))
        let large = chip.current(activation: 1, postVoltage: e + 1)
        #expect(abs(large - g * tanh(k) / k) <= 4 * Double.ulpOfOne * g / k)
        #expect(large < 0.3 * linear.current(activation: 1, postVoltage: e + 1))
    }

    /// Coupling works: a strong excitatory synapse makes a silent neuron fire
    /// after its presynaptic partner; with dg = 0 it stays silent. The
    /// presynaptic neuron does not see the synapse, so its spikes move only
    /// by the shared step sizes: within rtol × the run (2e-8 s) at rtol 1e-6.
    @Test("An excitatory chip synapse drives its postsynaptic neuron")
    func excitatorySynapseDrives() throws {
        let neurons = Array(repeating: NeuroDynNeuron.defaultChip, count: 2)
        let options = SolverOptions(relativeTolerance: 1e-6, absoluteTolerance: 1e-9, spikeThreshold: 0.85)
        func spikes(dg: DigitalCode) throws -> [[Double]] {
            let network = try ChipNetwork(
                neurons: neurons, synapses: [NeuroDynSynapse(registers: .publishedDefault(pre: 0, post: 1, conductance: dg))],
                synapseCurrent: .linear)
            return try network.simulate(stimuli: [.constant(0), .constant(-1e-9)], duration: 0.02, options: options).spikeTimes
        }
        let off = try spikes(dg: 0), on = try spikes(dg: 100)
        #expect(!off[0].isEmpty && off[1].isEmpty)
        #expect(off[0].count == on[0].count)
        for (a, b) in zip(off[0], on[0]) { #expect(abs(a - b) <= 2e-8) }
        #expect(!on[1].isEmpty)
        #expect(on[1].first.map { $0 > on[0][0] } == true)
    }

    @Test("A board has 12 synapses in the published order and 384 codes")
    func boardLayout() throws {
        let board = try ChipNetwork.board(
            neurons: Array(repeating: .defaultChip, count: 4),
            synapses: [NeuroDynSynapse(registers: .publishedDefault(pre: 2, post: 1, conductance: 7))])
        #expect(board.synapses.map { [$0.post, $0.pre] } == [
            [0, 1], [0, 2], [0, 3], [1, 0], [1, 2], [1, 3], [2, 0], [2, 1], [2, 3], [3, 0], [3, 1], [3, 2]])
        #expect(board.synapses[4].registers.conductance == 7)
        #expect(3 * 4 * 16 + 12 * SynapseRegisters.codeCount == ChipNetwork.boardCodeCount)
        #expect(throws: NeuroDynError.self) {
            try ChipNetwork.board(neurons: Array(repeating: .defaultChip, count: 4), synapses: [
                NeuroDynSynapse(registers: .publishedDefault(pre: 0, post: 4))])
        }
        let cube = try ChipNetwork.cube(
            boards: Array(repeating: Array(repeating: .defaultChip, count: 4), count: 4),
            gapJunctions: [GapJunction(3, 4, conductance: 1e-9)])
        #expect(cube.neurons.count == 16 && cube.synapses.count == 48)
        #expect(cube.synapses.allSatisfy { $0.pre / 4 == $0.post / 4 })
    }

    @Test("Board mismatch: reproducible, neuron 0 is the single die, synapses perturbed")
    func boardMismatch() throws {
        let board = try ChipNetwork.board(neurons: Array(repeating: .defaultChip, count: 4))
        let model = try MismatchModel(sigma: 0.15)
        let a = board.perturbed(by: model, seed: 7, instance: 3), b = board.perturbed(by: model, seed: 7, instance: 3)
        #expect(a.neurons.map(\.mismatch) == b.neurons.map(\.mismatch))
        #expect(a.synapses == b.synapses)
        #expect(a.neurons[0].mismatch == model.draw(seed: 7, instance: 3))
        #expect(a.neurons[1].mismatch != a.neurons[0].mismatch)
        #expect(a.synapses[0].mismatch != .none && a.synapses[0].mismatch != a.synapses[1].mismatch)
    }

    @Test("Bad networks are refused")
    func badNetworks() throws {
        let two = Array(repeating: NeuroDynNeuron.defaultChip, count: 2)
        #expect(throws: NeuroDynError.self) {
            try ChipNetwork(neurons: two, synapses: [NeuroDynSynapse(registers: .publishedDefault(pre: 0, post: 2))])
        }
        #expect(throws: NeuroDynError.self) {
            try ChipNetwork(neurons: two, synapses: Array(repeating: NeuroDynSynapse(registers: .publishedDefault(pre: 0, post: 1)), count: 2))
        }
        #expect(throws: NeuroDynError.self) { try GapJunction(0, 1, conductance: -1) }
        #expect(throws: NeuroDynError.self) { try GapJunction(0, 0, conductance: 1) }
        #expect(throws: NeuroDynError.self) {
            try ChipNetwork(neurons: two).simulate(stimuli: [.constant(0)], duration: 0.01)
        }
    }
}
