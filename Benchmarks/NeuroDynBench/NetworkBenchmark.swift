import Foundation
import NeuroDynChip

/// The board's figures: a 20 ms board run against a single-neuron run (one
/// core, same tolerances), against a Python re-implementation of the published
/// network code's organisation (`published_board.py`), and 1000 mismatched
/// boards on every core.
func runNetworkBenchmark() throws {
    let options = SolverOptions(relativeTolerance: 1e-6, absoluteTolerance: 1e-9, trace: .none, spikeThreshold: 0.85)
    let neuron = NeuroDynNeuron.defaultChip
    var singleEvaluations = 0
    let single = try Stopwatch.measure(runs: 200) {
        singleEvaluations = try neuron.simulate(appliedCurrent: 0, duration: 0.02, options: options).statistics.evaluations
    }
    // The published chain: dg 5, 5, 2 on 0→1→2→3, the rest of the 12 at dg 0,
    // -1 µA/cm² (published fit's mapping) on neurons 1…3, from V = 0.7 V.
    let hold = -1.3448392427884613e-10
    let stimuli: [Stimulus] = [.constant(0), .constant(hold), .constant(hold), .constant(hold)]
    func board(_ codes: [Int: DigitalCode], form: SynapseCurrentForm) throws -> ChipNetwork {
        let synapses = codes.map { NeuroDynSynapse(registers: .publishedDefault(pre: $0.key / 10, post: $0.key % 10, conductance: $0.value)) }
        return try ChipNetwork.board(neurons: Array(repeating: neuron, count: 4), synapses: synapses, synapseCurrent: form)
    }
    let chain: [Int: DigitalCode] = [1: 5, 12: 5, 23: 2]
    var all: [Int: DigitalCode] = [:]
    for pre in 0..<4 { for post in 0..<4 where pre != post { all[10 * pre + post] = 5 } }
    let cases: [(String, ChipNetwork)] = [
        ("published chain, linear current (as published)", try board(chain, form: .linear)),
        ("published chain, chip (tanh) current", try board(chain, form: .chip)),
        ("every synapse carrying current (dg 5, one coupled system)", try board(all, form: .chip)),
        ("no synapse carrying current (4 separate neurons, 12 observing synapses)", try board([:], form: .chip)),
    ]
    print("board runs: 4 neurons, 12 synapses, 20 ms at rtol 1e-6 / atol 1e-9, one core")
    print("  single default-chip neuron, same tolerances: \(format(seconds: single.median)) median (\(singleEvaluations) evaluations)")
    var chainTime = 0.0
    for (name, network) in cases {
        var result: NetworkResult?
        let time = try Stopwatch.measure(runs: 50) {
            result = try network.simulate(stimuli: stimuli, duration: 0.02, options: options)
        }
        if chainTime == 0 { chainTime = time.median }
        let spikes = result!.spikeTimes.map { "\($0.count)" }.joined(separator: ",")
        print(String(format: "  %@: %@ median, %.2f× the single neuron (target at most 5×); %d evaluations; spikes %@",
                     name, format(seconds: time.median), time.median / single.median,
                     result!.simulation.statistics.evaluations, spikes))
    }
    print(String(format: "  one RHS evaluation of the chain board (chip current): %.1f ns",
                 secondsPerEvaluation(try cases[1].1.dynamics(stimuli: stimuli), runs: 10) * 1e9))
    let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("published_board.py").path
    let pipe = Pipe()
    let python = Process()
    python.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    python.arguments = ["python3", script, "1"]
    python.standardOutput = pipe
    python.standardError = FileHandle.nullDevice
    if (try? python.run()) != nil {
        let text = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        python.waitUntilExit()
        for line in text.split(separator: "\n") {
            let fields = line.split(separator: " ")
            guard python.terminationStatus == 0, fields.count >= 8, let seconds = Double(fields[3]) else { continue }
            print(String(format: "  published organisation in Python (solve_ivp RK45, linear current) at rtol %@: %.2f s per run, "
                         + "%@ evaluations, spikes %@: ours (linear, rtol 1e-6) is %.0f× faster (target at least 1000×)",
                         String(fields[1]), seconds, String(fields[5]), String(fields[7]), seconds / chainTime))
        }
    } else {
        print("  Python comparison skipped: python3 with numpy and scipy is needed")
    }
    let count = 1000
    let run = try NetworkMonteCarloRun(
        nominal: cases[1].1, mismatch: try MismatchModel(sigma: 0.15), seed: 1, duration: 0.02, stimuli: stimuli,
        initialState: cases[1].1.initialState(), options: options)
    var propagating = 0
    let start = DispatchTime.now().uptimeNanoseconds
    run.run(count: count) { outcome in if outcome.spikeCounts.allSatisfy({ $0 > 0 }) { propagating += 1 } }
    let wall = Double(DispatchTime.now().uptimeNanoseconds - start) * 1e-9
    let cores = ProcessInfo.processInfo.activeProcessorCount
    print(String(format: "  %d mismatched boards (published chain, chip current, σ = 0.15), 20 ms each, %d cores: %.2f s wall "
                 + "(target under 10 s); %.2f ms of core time per board; %d with every neuron firing",
                 count, cores, wall, wall * Double(cores) / Double(count) * 1e3, propagating))
    print("")
}

/// The chain board's right-hand side alone, for a profiler (opt-in: `NeuroDynBench network-rhs`).
func runNetworkRHS() throws {
    let hold = -1.3448392427884613e-10
    let stimuli: [Stimulus] = [.constant(0), .constant(hold), .constant(hold), .constant(hold)]
    let synapses = [(0, 1, 5), (1, 2, 5), (2, 3, 2)].map {
        NeuroDynSynapse(registers: .publishedDefault(pre: $0.0, post: $0.1, conductance: DigitalCode(clamping: $0.2)))
    }
    let board = try ChipNetwork.board(neurons: Array(repeating: .defaultChip, count: 4), synapses: synapses)
    print(String(format: "one RHS evaluation of the chain board: %.1f ns",
                 secondsPerEvaluation(try board.dynamics(stimuli: stimuli), runs: 20) * 1e9))
    let options = SolverOptions(relativeTolerance: 1e-6, absoluteTolerance: 1e-9, trace: .none, spikeThreshold: 0.85)
    let run = try Stopwatch.measure(runs: 300) {
        _ = try board.simulate(stimuli: stimuli, duration: 0.02, options: options)
    }
    print("one 20 ms run of the chain board: \(format(seconds: run.median))")
}

/// The median time of one evaluation of `system`'s right-hand side at a fixed state.
func secondsPerEvaluation<System: ODESystem>(_ system: System, runs: Int) -> Double {
    let state = (0..<system.dimension).map { [0.8, 0.1, 0.5, 0.3][$0 % 4] }
    var derivative = [Double](repeating: 0, count: system.dimension)
    var sink = 0.0
    let batch = 100_000
    let time = Stopwatch.measure(runs: runs) {
        state.withUnsafeBufferPointer { y in
            derivative.withUnsafeMutableBufferPointer { dy in
                for k in 0..<batch { system.evaluate(at: Double(k), state: y, derivative: dy); sink += dy[0] }
            }
        }
    }
    return time.median / Double(batch) + (sink.isNaN ? .nan : 0)
}
