import NeuroDynChip

/// The measures' currents for a target: the protocols were laid out for HH
/// 1952 (f-I from 0 to 40 µA/cm², noise means 3 to 10, steps of 2 to 20
/// µA/cm²); for another model every current is multiplied by its rheobase
/// over HH's, so each measure sits at the same place relative to the onset
/// of firing. HH's factor is exactly 1.
public enum TargetCurrentScale {
    /// The rheobase (µA/cm²) of `model` (any scaling and units), located to
    /// 1% by bisection of 300 ms runs from its rest, and HH 1952's divided into it.
    ///
    /// - Throws: ``FittingError/invalidTarget(_:)`` when the model fires at
    ///   no current up to 1000 µA/cm² or cannot be simulated.
    public static func factor(for model: HodgkinHuxleyModel) throws(FittingError) -> Double {
        if model == .standard { return 1 }
        return try rheobase(of: model) / hodgkinHuxleyRheobase
    }

    /// HH 1952's rheobase under the same measure (µA/cm²).
    public static let hodgkinHuxleyRheobase: Double = {
        do {
            return try rheobase(of: .standard)
        } catch {
            preconditionFailure("HH 1952 fires: \(error)")
        }
    }()

    /// The rheobase of `model` (µA/cm² of the unscaled model).
    public static func rheobase(of model: HodgkinHuxleyModel) throws(FittingError) -> Double {
        let unit = model.inSIUnits()
        let probe = FiringProtocol(
            currents: [], targetDuration: 0.3, relativeTolerance: 1e-5, absoluteTolerance: 1e-8)
        func fires(_ current: Double) throws(FittingError) -> Bool {
            do {
                return try FiringRates.target(unit, current: current, protocol: probe) > 0
            } catch {
                throw .invalidTarget("the target cannot be simulated at \(current) µA/cm²: \(error.description)")
            }
        }
        var low = 0.0, high = 0.01
        while try !fires(high) {
            (low, high) = (high, 2 * high)
            guard high <= 1000 else { throw .invalidTarget("the target does not fire repetitively at any current up to 1000 µA/cm²") }
        }
        while high - low > 0.01 * high {
            let middle = (low + high) / 2
            if try fires(middle) { high = middle } else { low = middle }
        }
        return high
    }
}

extension FiringProtocol {
    /// The same protocol with every current × `factor`.
    public func scalingCurrents(by factor: Double) -> FiringProtocol {
        var copy = self
        copy.currents = currents.map { $0 * factor }
        return copy
    }
}

extension BehaviourProtocol {
    /// The same protocol with every current (noise means and deviations,
    /// shape, step and latency currents) × `factor`.
    public func scalingCurrents(by factor: Double) -> BehaviourProtocol {
        var copy = self
        copy.noise = noise.map {
            NoiseSetting(mean: $0.mean * factor, standardDeviation: $0.standardDeviation * factor, seed: $0.seed)
        }
        copy.shapeCurrent *= factor
        copy.stepCurrent *= factor
        copy.latencyCurrents = latencyCurrents.map { $0 * factor }
        return copy
    }
}
