extension RegisterFile {
    /// How a fitted target maps onto the chip: the one place where target
    /// units (volts, seconds of the unscaled target, A/cm²) become chip units
    /// (volts, seconds, amperes) and back. Every command and measure converts
    /// through it.
    ///
    /// - a target current I (A/cm²) is the chip current `currentGain · I`;
    /// - a target voltage V (V) is the chip voltage
    ///   `voltageOffset + voltageScale · (V − modelVoltageOrigin)`;
    /// - target time t is chip time `t / speedUp`.
    public struct Mapping: Sendable, Hashable, Codable {
        /// The voltage scaling of the target (scl_v).
        public var voltageScale: Double
        /// How many times faster the chip runs the target (scl_t).
        public var speedUp: Double
        /// Chip current (A) per target current (A/cm²).
        public var currentGain: Double
        /// Added to a scaled target voltage to give the chip voltage (V).
        public var voltageOffset: Double
        /// The target voltage that the fit treated as 0 (V; 0 for HH 1952,
        /// whose rest is at 0; a model's rest, e.g. −65 mV, for others).
        public var modelVoltageOrigin: Double

        public init(
            voltageScale: Double, speedUp: Double, currentGain: Double, voltageOffset: Double,
            modelVoltageOrigin: Double = 0
        ) {
            self.voltageScale = voltageScale
            self.speedUp = speedUp
            self.currentGain = currentGain
            self.voltageOffset = voltageOffset
            self.modelVoltageOrigin = modelVoltageOrigin
        }

        enum CodingKeys: String, CodingKey {
            case voltageScale = "scl_v", speedUp = "scl_t", currentGain = "current_gain"
            case voltageOffset = "voltage_offset", modelVoltageOrigin = "model_voltage_origin"
        }

        public init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            voltageScale = try container.decode(Double.self, forKey: .voltageScale)
            speedUp = try container.decode(Double.self, forKey: .speedUp)
            currentGain = try container.decode(Double.self, forKey: .currentGain)
            voltageOffset = try container.decode(Double.self, forKey: .voltageOffset)
            modelVoltageOrigin = try container.decodeIfPresent(Double.self, forKey: .modelVoltageOrigin) ?? 0
        }

        /// Writes `model_voltage_origin` only when it is not 0, so a file of
        /// HH 1952 keeps the keys it always had.
        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(voltageScale, forKey: .voltageScale)
            try container.encode(speedUp, forKey: .speedUp)
            try container.encode(currentGain, forKey: .currentGain)
            try container.encode(voltageOffset, forKey: .voltageOffset)
            if modelVoltageOrigin != 0 { try container.encode(modelVoltageOrigin, forKey: .modelVoltageOrigin) }
        }

        /// The same mapping measured from the model's origin (origin 0): the
        /// voltages the fit and its measures work in, with the origin at 0.
        public var relativeToOrigin: Mapping {
            var copy = self
            copy.modelVoltageOrigin = 0
            return copy
        }

        /// The chip current (A) that stands for a target current (A/cm²).
        public func chipCurrent(_ targetCurrent: Double) -> Double { currentGain * targetCurrent }

        /// The target current (A/cm²) a chip current (A) stands for.
        public func targetCurrent(_ chipCurrent: Double) -> Double { chipCurrent / currentGain }

        /// The chip voltage (V) of a target voltage (V).
        public func chipVoltage(_ targetVoltage: Double) -> Double {
            voltageOffset + voltageScale * (targetVoltage - modelVoltageOrigin)
        }

        /// The target voltage (V) a chip voltage (V) stands for.
        public func targetVoltage(_ chipVoltage: Double) -> Double {
            modelVoltageOrigin + (chipVoltage - voltageOffset) / voltageScale
        }

        /// The chip time (s) of a target time (s).
        public func chipTime(_ targetTime: Double) -> Double { targetTime / speedUp }

        /// The target time (s) a chip time (s) stands for.
        public func targetTime(_ chipTime: Double) -> Double { chipTime * speedUp }

        /// The chip state `[V, m, h, n]` of a target state (V mapped, gates as they are).
        public func chipState(_ targetState: [Double]) -> [Double] {
            chipState(targetState, voltageIndices: [0])
        }

        /// A chip run read in target units: times × scl_t, V mapped back (in
        /// the trace, the final state and through the spike times), gates as
        /// they are. The dense output, in chip units, is dropped.
        public func targetResult(_ chip: SimulationResult) -> SimulationResult {
            targetResult(chip, voltageIndices: [0])
        }

        /// A network's chip run read in target units: as ``targetResult(_:)``,
        /// with the membrane voltages at `voltageIndices` of the state mapped back.
        public func targetResult(_ chip: SimulationResult, voltageIndices: [Int]) -> SimulationResult {
            var trace = Trace(dimension: chip.trace.dimension)
            for k in 0..<chip.trace.count {
                trace.append(
                    time: targetTime(chip.trace.times[k]),
                    state: targetState(chip.trace.state(at: k), voltageIndices: voltageIndices))
            }
            return SimulationResult(
                status: chip.status.mapped(targetTime), finalTime: targetTime(chip.finalTime),
                finalState: targetState(chip.finalState, voltageIndices: voltageIndices), trace: trace,
                crossingTimes: chip.crossingTimes.map { $0.map(targetTime) },
                statistics: chip.statistics, denseOutput: nil)
        }

        /// The target state `[V, m, h, n]` of a chip state.
        public func targetState(_ chipState: [Double]) -> [Double] {
            targetState(chipState, voltageIndices: [0])
        }

        /// A network's target state: the voltages at `voltageIndices` mapped back.
        public func targetState(_ chipState: [Double], voltageIndices: [Int]) -> [Double] {
            var state = chipState
            for i in voltageIndices where state.indices.contains(i) { state[i] = targetVoltage(state[i]) }
            return state
        }

        /// A network's chip state: the target voltages at `voltageIndices` mapped on.
        public func chipState(_ targetState: [Double], voltageIndices: [Int]) -> [Double] {
            var state = targetState
            for i in voltageIndices where state.indices.contains(i) { state[i] = chipVoltage(state[i]) }
            return state
        }

        /// The chip's stimulus (A over chip seconds) for a target's (A/cm² over
        /// target seconds): current × current_gain, time / scl_t. Noise made in
        /// target time keeps its realisation.
        ///
        /// - Throws: ``NeuroDynError/invalidStimulus(_:)`` when the scaling breaks a waveform.
        public func chipStimulus(_ targetStimulus: Stimulus) throws(NeuroDynError) -> Stimulus {
            try targetStimulus.scaled(current: currentGain, time: 1 / speedUp)
        }
    }
}
