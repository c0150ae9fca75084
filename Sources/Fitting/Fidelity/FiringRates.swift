import NeuroDynChip

/// Steady firing rates of the target and of a chip under the same protocol.
public enum FiringRates {
    /// The target's steady rate (Hz, chip time) at `current` µA/cm².
    ///
    /// - Parameters:
    ///   - target: the HH model scaled by scl_v and scl_t, SI units.
    public static func target(
        _ target: HodgkinHuxleyModel, current: Double, protocol firing: FiringProtocol
    ) throws(NeuroDynError) -> Double {
        let duration = firing.targetDuration / target.timeScale
        let result = try target.simulate(
            appliedCurrent: current * 1e-6, duration: duration, initialState: firing.restState,
            options: SolverOptions(
                relativeTolerance: firing.relativeTolerance, absoluteTolerance: firing.absoluteTolerance,
                trace: .none, spikeThreshold: firing.threshold * target.voltageScale))
        return result.status.isCompleted ? firing.steadyRate(spikes: result.spikeTimes, duration: duration) : 0
    }

    /// The chip's steady rate (Hz) under the current that stands for `current` µA/cm².
    public static func chip(
        _ chip: NeuroDynNeuron, mapping: RegisterFile.Mapping, current: Double, protocol firing: FiringProtocol
    ) throws(NeuroDynError) -> Double {
        let duration = firing.targetDuration / mapping.speedUp
        var state = firing.restState
        state[0] += mapping.voltageOffset
        let result = try chip.simulate(
            appliedCurrent: mapping.currentGain * current * 1e-6, duration: duration, initialState: state,
            options: SolverOptions(
                relativeTolerance: firing.relativeTolerance, absoluteTolerance: firing.absoluteTolerance,
                trace: .none, spikeThreshold: firing.threshold * mapping.voltageScale + mapping.voltageOffset))
        return result.status.isCompleted ? firing.steadyRate(spikes: result.spikeTimes, duration: duration) : 0
    }
}
