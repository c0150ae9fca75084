import Foundation
import NeuroDynChip
import Testing

@Suite("Compound neurons: parts on one membrane, bursts")
struct CompoundNeuronTests {

    /// The pair short-circuited, from all zeros, under `stimulus` (µA/cm², total).
    static func burstingPair(_ stimulus: Stimulus, duration: Double) throws -> [Double] {
        let membrane = try CompoundMembrane([TargetMembrane(.standard), TargetMembrane(.burstingPairSlowPart)])
        let dynamics = try NetworkDynamics<CompoundMembrane<TargetMembrane>, TargetSynapse>(
            membranes: [membrane], connections: [], gapJunctions: [], stimuli: [stimulus])
        let result = try dynamics.simulate(
            duration: duration, initialState: [Double](repeating: 0, count: membrane.stateCount),
            options: SolverOptions(relativeTolerance: 1e-9, absoluteTolerance: 1e-9, trace: .none, spikeThreshold: 50))
        #expect(result.simulation.status.isCompleted)
        return result.spikeTimes[0]
    }

    @Test("A compound membrane adds its parts' capacitances and currents and keeps each part's gates")
    func shortCircuit() throws {
        let parts = [TargetMembrane(.standard), TargetMembrane(HodgkinHuxleyModel.burstingPairSlowPart)]
        let membrane = try CompoundMembrane(parts)
        #expect(membrane.stateCount == 7)
        #expect(membrane.inverseCapacitance == 0.5)
        // At V = 10 mV with arbitrary gates, the compound's current is the sum
        // of its parts', and each part's gate derivatives land in its own stretch.
        let state = [10.0, 0.1, 0.6, 0.3, 0.2, 0.9, 0.4]
        var compound = [Double](repeating: .nan, count: 7)
        let current = state.withUnsafeBufferPointer { s in
            compound.withUnsafeMutableBufferPointer { d in
                membrane.gatesAndCurrent(probe: 10, voltage: 10, state: s.baseAddress!, derivative: d.baseAddress!)
            }
        }
        var expected = 0.0
        for (k, part) in parts.enumerated() {
            let own = [10.0] + Array(state[(1 + 3 * k)..<(4 + 3 * k)])
            var derivative = [Double](repeating: 0, count: 4)
            expected += own.withUnsafeBufferPointer { s in
                derivative.withUnsafeMutableBufferPointer { d in
                    part.gatesAndCurrent(probe: 10, voltage: 10, state: s.baseAddress!, derivative: d.baseAddress!)
                }
            }
            #expect(Array(compound[(1 + 3 * k)..<(4 + 3 * k)]) == Array(derivative[1...]))
        }
        #expect(current == expected)
        #expect(compound[0].isNaN)  // V's derivative is the network's to write
    }

    /// The published spike times (networks.md §5), located accurately: our
    /// solver runs at rtol 1e-9, so they agree to the 0.01 ms they are given in
    /// unless the equations differ.
    @Test("The HH bursting pair bursts as published: 4 spikes about every 577 ms after a train of 13")
    func publishedBursts() throws {
        let spikes = try Self.burstingPair(.constant(-5), duration: 3000)
        let initial = spikes.filter { $0 < 700 }
        #expect(initial.count == 13)
        let published = [727.70, 745.85, 764.14, 784.98, 1304.77]
        let after = spikes.filter { $0 >= 700 }
        try #require(after.count >= published.count)
        for (ours, theirs) in zip(after, published) { #expect(abs(ours - theirs) < 0.02, "\(ours) vs \(theirs)") }
        let train = BurstTrain(spikeTimes: spikes, start: 700, end: 3000)
        #expect(train.bursts.count >= 3)
        #expect(train.spikesPerBurst.allSatisfy { $0 == 4 })
        let period = try #require(train.period)
        #expect(abs(period - 577) < 5)
    }

    /// The spec's rebound protocol: at −6 µA/cm² the pair falls silent after
    /// its initial train (11 spikes, the last at 186 ms); a step to −8 from
    /// 1500 to 2100 ms, then back, fires a rebound burst of 6 spikes from
    /// about 2201 to 2287 ms.
    @Test("The HH bursting pair fires a rebound burst of 6 after a hyperpolarising step")
    func rebound() throws {
        let step = Stimulus(offset: -6, pulses: [Stimulus.Pulse(start: 1500, duration: 600, amplitude: -2)])
        let spikes = try Self.burstingPair(step, duration: 2600)
        let initial = spikes.filter { $0 < 1500 }
        #expect(initial.count == 11)
        #expect(abs((initial.last ?? 0) - 186) < 1)
        let rebound = spikes.filter { $0 >= 2100 }
        #expect(rebound.count == 6)
        #expect(abs((rebound.first ?? 0) - 2201) < 1 && abs((rebound.last ?? 0) - 2287) < 1, "\(rebound)")
    }

    @Test("Bursts are told from tonic firing by the spread of the intervals")
    func burstDetection() {
        // Bursts of 3 spikes 10 ms apart every 200 ms, from 100 ms.
        var bursty: [Double] = []
        for burst in 0..<5 {
            for spike in 0..<3 { bursty.append(100 + 200 * Double(burst) + 10 * Double(spike)) }
        }
        let train = BurstTrain(spikeTimes: bursty, start: 0, end: 1000)
        #expect(train.spikesPerBurst == [3, 3, 3, 3, 3])
        #expect(train.period == 200)
        #expect(train.intraBurstRate == 0.1)
        #expect(train.dutyCycle == 20.0 / 200)
        #expect(train.isBursting)
        // A burst cut by the end of the run, or begun before the start, is dropped.
        #expect(BurstTrain(spikeTimes: bursty, start: 0, end: 925).spikesPerBurst == [3, 3, 3, 3])
        #expect(BurstTrain(spikeTimes: bursty, start: 105, end: 1000).spikesPerBurst == [3, 3, 3, 3])
        #expect(BurstTrain(spikeTimes: bursty, start: 95, end: 1000).spikesPerBurst == [3, 3, 3, 3, 3])
        // Tonic firing, and too few spikes, have no bursts.
        let tonic: [Double] = (0..<20).map { k in
            let jitter = Double(k % 2)
            return 25 * Double(k) + jitter
        }
        #expect(BurstTrain(spikeTimes: tonic, end: 600).bursts.isEmpty)
        #expect(!BurstTrain(spikeTimes: [1, 2], end: 10).isBursting)
    }
}
