extension NetworkDynamics {
    /// The groups of neurons that pass currents to one another (through a
    /// gap junction of conductance > 0 or a synapse that carries current),
    /// each in increasing order, ordered by their first neuron.
    public var coupledGroups: [[Int]] {
        var parent = Array(membranes.indices)
        func root(_ i: Int) -> Int {
            var i = i
            while parent[i] != i { parent[i] = parent[parent[i]]; i = parent[i] }
            return i
        }
        func join(_ a: Int, _ b: Int) {
            let (ra, rb) = (root(a), root(b))
            if ra != rb { parent[max(ra, rb)] = min(ra, rb) }
        }
        for connection in connections where connection.block.carriesCurrent { join(connection.pre, connection.post) }
        for gap in gapJunctions where gap.conductance > 0 { join(gap.neurons.0, gap.neurons.1) }
        var groups: [Int: [Int]] = [:]
        for i in membranes.indices { groups[root(i), default: []].append(i) }
        return groups.keys.sorted().map { groups[$0]! }
    }

    /// Integrates the network from 0 to `duration` with the adaptive
    /// Dormand–Prince solver, locating each neuron's spikes (upward crossings
    /// of `options.spikeThreshold` by its voltage) on the dense output.
    ///
    /// Groups of neurons that pass no current to one another
    /// (``coupledGroups``) are integrated as separate systems, each with its
    /// own steps: a neuron that nothing couples runs exactly (bit for bit) as
    /// it runs alone. A synapse that carries no current and joins two groups
    /// is integrated afterwards, driven by its neurons' dense output (a
    /// continuous, piecewise-quartic interpolant within their tolerance; its
    /// solver ends a step on every breakpoint of their inputs, where their
    /// voltages bend). Traces are merged on the union
    /// of the groups' times (``SolverOptions/Trace/steps``) through the dense
    /// output; statistics are summed; the status is the first failure.
    ///
    /// - Throws: ``NeuroDynError`` for invalid input (bad state size or
    ///   entries, duration, options).
    public func simulate(
        duration: Double, initialState: [Double], options: SolverOptions = SolverOptions(),
        progress: ((Double) -> Void)? = nil
    ) throws(NeuroDynError) -> NetworkResult {
        try RunArguments.validate(duration: duration)
        try DormandPrince45.validate(initialState: initialState, dimension: dimension)
        var watched = options
        watched.watchedComponents = offsets
        try watched.validate(dimension: dimension)
        let groups = coupledGroups
        let spanning = connections.indices.filter { s in
            let c = connections[s]
            return groups.first { $0.contains(c.pre) } != groups.first { $0.contains(c.post) }
        }
        if groups.count == 1 {
            let result = try DormandPrince45.integrate(
                self, initialState: initialState, from: 0, to: duration, options: watched, progress: progress)
            return NetworkResult(simulation: result, voltageIndices: offsets, duration: duration)
        }
        return try simulate(
            groups: groups, spanning: spanning, duration: duration, initialState: initialState, options: watched,
            progress: progress)
    }

    /// One group's part of the network: its neurons, the synapses inside it,
    /// its gap junctions; `synapses` lists the network's synapse indices kept.
    private func subnetwork(_ group: [Int]) throws(NeuroDynError) -> (system: NetworkDynamics, synapses: [Int]) {
        var local: [Int: Int] = [:]
        for (k, i) in group.enumerated() { local[i] = k }
        let kept = connections.indices.filter { local[connections[$0].pre] != nil && local[connections[$0].post] != nil }
        var gaps: [GapJunction] = []
        for gap in gapJunctions {
            if let a = local[gap.neurons.0], let b = local[gap.neurons.1] {
                gaps.append(try GapJunction(a, b, conductance: gap.conductance))
            }
        }
        let system = try NetworkDynamics(
            membranes: group.map { membranes[$0] },
            connections: kept.map { Connection(pre: local[connections[$0].pre]!, post: local[connections[$0].post]!, block: connections[$0].block) },
            gapJunctions: gaps, stimuli: group.map { stimuli[$0] })
        return (system, kept)
    }

    private func simulate(
        groups: [[Int]], spanning: [Int], duration: Double, initialState: [Double], options: SolverOptions,
        progress: ((Double) -> Void)?
    ) throws(NeuroDynError) -> NetworkResult {
        let wantsSteps: Bool
        if case .steps = options.trace { wantsSteps = true } else { wantsSteps = false }
        let needsDense = wantsSteps || !spanning.isEmpty
        var statistics = SolverStatistics()
        var status = SolverStatus.completed
        var finalState = initialState
        var crossings = [[Double]](repeating: [], count: membranes.count)
        // Where each of the network's variables lives: (part, index in its state).
        var location = [(part: Int, index: Int)](repeating: (0, 0), count: dimension)
        var results: [SimulationResult] = []
        var synapseOwner: [Int: Int] = [:]
        for (part, group) in groups.enumerated() {
            let (system, kept) = try subnetwork(group)
            var state: [Double] = []
            for i in group { state += initialState[offsets[i]..<offsets[i] + membranes[i].stateCount] }
            state += kept.map { initialState[synapseOffset + $0] }
            var partOptions = options
            partOptions.watchedComponents = system.offsets
            partOptions.keepsDenseOutput = needsDense
            if wantsSteps { partOptions.trace = .none }
            let result = try DormandPrince45.integrate(
                system, initialState: state, from: 0, to: duration, options: partOptions,
                progress: progress.map { report in { report((Double(part) + $0) / Double(groups.count + (spanning.isEmpty ? 0 : 1))) } })
            for (k, i) in group.enumerated() {
                for j in 0..<membranes[i].stateCount {
                    location[offsets[i] + j] = (part, system.offsets[k] + j)
                    finalState[offsets[i] + j] = result.finalState[system.offsets[k] + j]
                }
                crossings[i] = result.crossingTimes[k]
            }
            for (k, s) in kept.enumerated() {
                location[synapseOffset + s] = (part, system.synapseOffset + k)
                finalState[synapseOffset + s] = result.finalState[system.synapseOffset + k]
                synapseOwner[s] = part
            }
            accumulate(&statistics, &status, result)
            results.append(result)
        }
        if !spanning.isEmpty {
            let observers = ObservingSynapses(network: self, synapses: spanning, groups: groups, parts: results)
            var partOptions = options
            partOptions.watchedComponents = nil
            partOptions.spikeThreshold = nil
            partOptions.thresholdComponent = 0
            partOptions.keepsDenseOutput = wantsSteps
            if wantsSteps { partOptions.trace = .none }
            let result = try DormandPrince45.integrate(
                observers, initialState: spanning.map { initialState[synapseOffset + $0] }, from: 0, to: duration,
                options: partOptions, progress: progress.map { report in { report((Double(groups.count) + $0) / Double(groups.count + 1)) } })
            for (k, s) in spanning.enumerated() {
                location[synapseOffset + s] = (results.count, k)
                finalState[synapseOffset + s] = result.finalState[k]
            }
            accumulate(&statistics, &status, result)
            results.append(result)
        }
        let trace: Trace
        if wantsSteps {
            trace = Self.mergedTrace(results, location: location, dimension: dimension)
        } else {
            var merged = Trace(dimension: dimension)
            let samples = results.map(\.trace.count).min() ?? 0
            for k in 0..<samples {
                merged.append(time: results[0].trace.times[k], state: location.map { results[$0.part].trace.state(at: k)[$0.index] })
            }
            trace = merged
        }
        let simulation = SimulationResult(
            status: status, finalTime: status.isCompleted ? duration : results.map(\.finalTime).min() ?? 0,
            finalState: finalState, trace: trace, crossingTimes: crossings, statistics: statistics, denseOutput: nil)
        return NetworkResult(simulation: simulation, voltageIndices: offsets, duration: duration)
    }

    private func accumulate(_ statistics: inout SolverStatistics, _ status: inout SolverStatus, _ result: SimulationResult) {
        statistics.evaluations += result.statistics.evaluations
        statistics.acceptedSteps += result.statistics.acceptedSteps
        statistics.rejectedSteps += result.statistics.rejectedSteps
        if status.isCompleted { status = result.status }
    }

    /// The parts' solutions on the union of their step times, each read from
    /// its dense output (exact at its own step starts).
    private static func mergedTrace(
        _ parts: [SimulationResult], location: [(part: Int, index: Int)], dimension: Int
    ) -> Trace {
        var times: [Double] = []
        for part in parts {
            if let dense = part.denseOutput { times += dense.stepStarts + [dense.endTime] }
        }
        times.sort()
        var trace = Trace(dimension: dimension)
        var previous = -Double.infinity
        var state = [Double](repeating: 0, count: dimension)
        for time in times where time != previous {
            previous = time
            for (i, place) in location.enumerated() {
                state[i] = parts[place.part].denseOutput?.value(component: place.index, at: time) ?? .nan
            }
            trace.append(time: time, state: state)
        }
        return trace
    }
}

/// Synapses that carry no current and join neurons of different coupled
/// groups: their states, driven by the neurons' voltages read from the
/// groups' dense outputs. The neurons' input breakpoints are theirs, so a step
/// never spans a kink of the true voltages.
private struct ObservingSynapses<Membrane: MembraneBlock, Synapse: SynapseBlock>: ODESystem
where Synapse.Probe == Membrane.Probe {
    let connections: [NetworkDynamics<Membrane, Synapse>.Connection]
    let membranes: [Membrane]
    /// Per neuron: the dense output holding it and the index of its voltage there.
    let voltages: [(dense: DenseOutput, index: Int)]
    let breakpoints: [Double]

    var dimension: Int { connections.count }

    init(network: NetworkDynamics<Membrane, Synapse>, synapses: [Int], groups: [[Int]], parts: [SimulationResult]) {
        connections = synapses.map { network.connections[$0] }
        membranes = network.membranes
        var voltages = [(dense: DenseOutput, index: Int)]()
        for i in network.membranes.indices {
            let part = groups.firstIndex { $0.contains(i) }!
            let position = groups[part].firstIndex(of: i)!
            var offset = 0
            for k in groups[part].prefix(position) { offset += network.membranes[k].stateCount }
            voltages.append((parts[part].denseOutput!, offset))
        }
        self.voltages = voltages
        var times = Set<Double>()
        for connection in connections {
            for neuron in [connection.pre, connection.post] { times.formUnion(network.stimuli[neuron].breakpoints) }
        }
        breakpoints = times.sorted()
    }

    func evaluate(at time: Double, state: UnsafeBufferPointer<Double>, derivative: UnsafeMutableBufferPointer<Double>) {
        // Each neuron read once: its voltage from its dense output, its probe.
        withUnsafeTemporaryAllocation(of: Membrane.Probe?.self, capacity: membranes.count) { probes in
            probes.initialize(repeating: nil)
            func probe(_ neuron: Int) -> Membrane.Probe {
                if let known = probes[neuron] { return known }
                let place = voltages[neuron]
                let made = membranes[neuron].probe(at: place.dense.value(component: place.index, at: time) ?? .nan)
                probes[neuron] = made
                return made
            }
            for (s, connection) in connections.enumerated() {
                let rates = connection.block.rates(pre: probe(connection.pre), post: probe(connection.post))
                let r = state[s]
                derivative[s] = rates.alpha * (1 - r) - rates.beta * r
            }
            _ = probes.deinitialize()
        }
    }
}
