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
        try targetRun(target, current: current, protocol: firing).rate
    }

    /// The target's steady rate and its total spike count.
    static func targetRun(
        _ target: HodgkinHuxleyModel, current: Double, protocol firing: FiringProtocol
    ) throws(NeuroDynError) -> (rate: Double, spikes: Int) {
        let duration = firing.targetDuration / target.timeScale
        var state = firing.restState
        state[0] *= target.voltageScale
        let result = try target.simulate(
            appliedCurrent: current * 1e-6, duration: duration, initialState: state,
            options: firing.solverOptions(
                voltsPerTargetVolt: target.voltageScale, threshold: firing.threshold * target.voltageScale))
        return firing.steadyRun(result, duration: duration)
    }

    /// The chip's steady rate (Hz) under the current that stands for `current` µA/cm².
    public static func chip(
        _ chip: NeuroDynNeuron, mapping: RegisterFile.Mapping, current: Double, protocol firing: FiringProtocol
    ) throws(NeuroDynError) -> Double {
        try chipRun(chip, mapping: mapping, current: current, protocol: firing).rate
    }

    /// The chip's steady rate and its total spike count.
    static func chipRun(
        _ chip: NeuroDynNeuron, mapping: RegisterFile.Mapping, current: Double, protocol firing: FiringProtocol
    ) throws(NeuroDynError) -> (rate: Double, spikes: Int) {
        let mapping = mapping.relativeToOrigin
        let duration = mapping.chipTime(firing.targetDuration)
        let result = try chip.simulate(
            appliedCurrent: mapping.chipCurrent(current * 1e-6), duration: duration,
            initialState: mapping.chipState(firing.restState),
            options: firing.solverOptions(
                voltsPerTargetVolt: mapping.voltageScale, threshold: mapping.chipVoltage(firing.threshold)))
        return firing.steadyRun(result, duration: duration)
    }
}
