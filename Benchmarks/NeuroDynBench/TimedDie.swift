import Foundation
import NeuroDynChip

/// Core seconds used by the calling thread so far.
func threadCPUSeconds() -> Double {
    var time = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &time)
    return Double(time.tv_sec) + Double(time.tv_nsec) * 1e-9
}

/// A die that forwards every measurement to `die` and counts the core time
/// those calls take on the calling thread: the emulation's share of a
/// bring-up run, which on a board is bench time (counted in the ledger),
/// not the host's.
struct TimedDie<Die: MeasurableDie>: MeasurableDie {
    var die: Die
    /// Core seconds spent inside `die`'s measurements.
    private(set) var emulationSeconds = 0.0

    init(_ die: Die) { self.die = die }

    var conversions: ChipConversions { die.conversions }
    var ledger: BenchLedger { die.ledger }
    var clampRange: ClosedRange<Double> { die.clampRange }
    var minimumSampleInterval: Double { die.minimumSampleInterval }

    private mutating func timed<T>(_ body: (inout Die) throws(MeasurementError) -> T) throws(MeasurementError) -> T {
        let start = threadCPUSeconds()
        defer { emulationSeconds += threadCPUSeconds() - start }
        return try body(&die)
    }

    mutating func clampCurrents(registers: NeuronRegisters, voltages: [Double]) throws(MeasurementError) -> [Double] {
        try timed { (die) throws(MeasurementError) in try die.clampCurrents(registers: registers, voltages: voltages) }
    }

    mutating func clampStep(_ step: ClampStep) throws(MeasurementError) -> SampledTrace {
        try timed { (die) throws(MeasurementError) in try die.clampStep(step) }
    }

    mutating func record(
        registers: NeuronRegisters, stimulus: Stimulus, duration: Double, sampleInterval: Double, threshold: Double
    ) throws(MeasurementError) -> Recording {
        try timed { (die) throws(MeasurementError) in
            try die.record(
                registers: registers, stimulus: stimulus, duration: duration, sampleInterval: sampleInterval,
                threshold: threshold)
        }
    }
}
