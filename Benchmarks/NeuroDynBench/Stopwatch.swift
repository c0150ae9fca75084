import Foundation

/// Times a closure over repeated runs and reports the median and the fastest.
struct Stopwatch {
    struct Figures {
        let median: Double
        let fastest: Double
        let runs: Int
    }

    /// Runs `body` once to warm up, then `runs` times; returns seconds per run.
    static func measure(runs: Int, _ body: () throws -> Void) rethrows -> Figures {
        try body()
        var samples: [Double] = []
        samples.reserveCapacity(runs)
        for _ in 0..<runs {
            let start = DispatchTime.now().uptimeNanoseconds
            try body()
            samples.append(Double(DispatchTime.now().uptimeNanoseconds - start) * 1e-9)
        }
        samples.sort()
        return Figures(median: samples[samples.count / 2], fastest: samples[0], runs: runs)
    }
}

func format(seconds: Double) -> String {
    if seconds >= 1 { return String(format: "%.3f s", seconds) }
    if seconds >= 1e-3 { return String(format: "%.3f ms", seconds * 1e3) }
    return String(format: "%.2f µs", seconds * 1e6)
}
