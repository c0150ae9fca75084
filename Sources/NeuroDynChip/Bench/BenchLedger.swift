/// What a die has been asked so far: the measurements and the bench time
/// they took (programming, settling, sampling and each measurement's
/// overhead, per ``BenchTiming``).
public struct BenchLedger: Sendable, Hashable, Codable {
    /// Steady clamp readings (one per voltage).
    public var clampReadings = 0
    /// Clamp steps (one sampled current trace each).
    public var clampSteps = 0
    /// Free-running recordings.
    public var recordings = 0
    /// Registers written (only those that changed).
    public var registerWrites = 0
    /// Samples read, over all measurements.
    public var samples = 0
    /// Bench time spent, in seconds.
    public var benchTime = 0.0

    public init() {}

    /// Every measurement: readings, steps and recordings.
    public var measurements: Int { clampReadings + clampSteps + recordings }

    enum CodingKeys: String, CodingKey {
        case clampReadings = "clamp_readings", clampSteps = "clamp_steps", recordings
        case registerWrites = "register_writes", samples, benchTime = "bench_time_s"
    }

    /// The sum of two ledgers (a population's, or a die's over several phases).
    public static func + (left: BenchLedger, right: BenchLedger) -> BenchLedger {
        combined(left, right, sign: 1)
    }

    /// What was spent between two readings of one die's ledger.
    public static func - (later: BenchLedger, earlier: BenchLedger) -> BenchLedger {
        combined(later, earlier, sign: -1)
    }

    private static func combined(_ left: BenchLedger, _ right: BenchLedger, sign: Int) -> BenchLedger {
        var result = left
        result.clampReadings += sign * right.clampReadings
        result.clampSteps += sign * right.clampSteps
        result.recordings += sign * right.recordings
        result.registerWrites += sign * right.registerWrites
        result.samples += sign * right.samples
        result.benchTime += Double(sign) * right.benchTime
        return result
    }
}
