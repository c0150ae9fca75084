import RealModule

/// Fixed-step exponential Euler for quasi-linear systems: with
/// dy_i/dt = a_i + b_i y_i frozen over a step,
/// y_i ← y_i + h φ₁(b_i h) (a_i + b_i y_i), φ₁(z) = (e^z − 1)/z.
///
/// Exact for a gate at fixed voltage and unconditionally stable for b ≤ 0;
/// first order in general. The classic fixed-step method of neuron simulators.
public enum ExponentialEuler {
    /// Integrates `system` from `start` to `end` in steps of at most
    /// `options.step` that end on every breakpoint of the system.
    public static func integrate<System: QuasiLinearSystem>(
        _ system: System, initialState: [Double], from start: Double, to end: Double,
        options: FixedStepOptions
    ) throws(NeuroDynError) -> SimulationResult {
        let n = system.dimension
        let offsets = UnsafeMutableBufferPointer<Double>.allocate(capacity: n)
        let slopes = UnsafeMutableBufferPointer<Double>.allocate(capacity: n)
        defer { offsets.deallocate(); slopes.deallocate() }
        return try FixedStepDriver.run(
            dimension: n, initialState: initialState, from: start, to: end, breakpoints: system.breakpoints,
            options: options, evaluationsPerStep: 1
        ) { t, h, _, y in
            system.linearForm(at: t, state: UnsafeBufferPointer(y), offsets: offsets, slopes: slopes)
            for i in 0..<n {
                y[i] += h * phi1(slopes[i] * h) * (offsets[i] + slopes[i] * y[i])
            }
        }
    }

    /// φ₁(z) = (e^z − 1)/z, with φ₁(0) = 1 and no cancellation near 0.
    static func phi1(_ z: Double) -> Double {
        z == 0 ? 1 : Double.expMinusOne(z) / z
    }
}
