/// A system of ordinary differential equations dy/dt = f(t, y).
///
/// Conformers write the derivative into a caller-owned buffer, so an
/// evaluation allocates nothing. Every integrator of the library is generic
/// over this protocol: the chip, the Hodgkin–Huxley model and later networks
/// share them.
public protocol ODESystem: Sendable {
    /// The number of state variables.
    var dimension: Int { get }

    /// Writes f(t, y) into `derivative`.
    ///
    /// - Precondition: `state.count == dimension == derivative.count`.
    func evaluate(
        at time: Double, state: UnsafeBufferPointer<Double>,
        derivative: UnsafeMutableBufferPointer<Double>)

    /// The times, increasing, at which f jumps or bends in t: the edges of an
    /// input pulse, the samples of an input waveform. The adaptive integrator
    /// ends a step on each and starts afresh there; between two of them f
    /// must be smooth. At a breakpoint, `evaluate` gives the value of the
    /// piece that starts there (right-continuity). Default: none.
    var breakpoints: [Double] { get }
}

extension ODESystem {
    public var breakpoints: [Double] { [] }
}

/// A system whose every equation is linear in its own variable once the
/// others are frozen: dy_i/dt = a_i(t, y) + b_i(t, y) · y_i.
///
/// This is the structure exponential Euler exploits: for a gate x, a = α and
/// b = −(α + β), and one step is exact for a fixed membrane voltage.
public protocol QuasiLinearSystem: ODESystem {
    /// Writes a_i into `offsets` and b_i into `slopes` at (t, y).
    func linearForm(
        at time: Double, state: UnsafeBufferPointer<Double>,
        offsets: UnsafeMutableBufferPointer<Double>, slopes: UnsafeMutableBufferPointer<Double>)
}
