import RealModule

/// A seeded pseudo-random generator: xoshiro256** (Blackman & Vigna, 2018),
/// seeded through SplitMix64.
///
/// Guarantees: the sequence depends only on the seed (and stream), never on
/// the platform, thread or time; `next()` is pure integer arithmetic. Standard
/// normal draws (``nextNormal()``) use the Box–Muller transform on top of it,
/// so they depend also on the platform's `log`, `sin` and `cos`, which are the
/// same on every machine running the same C library.
public struct SeededGenerator: RandomNumberGenerator, Sendable {
    private var state: (UInt64, UInt64, UInt64, UInt64)
    private var spareNormal: Double?

    /// Creates a generator for `seed` and independent stream `stream`.
    ///
    /// Different streams of the same seed are statistically independent, so a
    /// Monte Carlo instance `k` can draw from stream `k` of seed `N` and get the
    /// same numbers whatever order or thread it runs in.
    public init(seed: UInt64, stream: UInt64 = 0) {
        var mixer = SplitMix64(state: seed)
        let streamKey = SplitMix64.mix(stream &+ 0x632B_E59B_D9B4_E019)
        mixer.state ^= streamKey
        state = (mixer.next(), mixer.next(), mixer.next(), mixer.next())
        if state == (0, 0, 0, 0) { state.0 = 1 }  // the one forbidden state
    }

    /// The next 64 random bits.
    public mutating func next() -> UInt64 {
        let result = rotate(state.1 &* 5, 7) &* 9
        let t = state.1 << 17
        state.2 ^= state.0
        state.3 ^= state.1
        state.1 ^= state.2
        state.0 ^= state.3
        state.2 ^= t
        state.3 = rotate(state.3, 45)
        return result
    }

    /// A uniform double in the half-open interval (0, 1].
    public mutating func nextUnitIntervalExcludingZero() -> Double {
        Double((next() >> 11) + 1) * 0x1p-53
    }

    /// A standard normal draw, N(0, 1), by the Box–Muller transform.
    public mutating func nextNormal() -> Double {
        if let spare = spareNormal {
            spareNormal = nil
            return spare
        }
        let u1 = nextUnitIntervalExcludingZero()
        let u2 = Double(next() >> 11) * 0x1p-53
        let radius = Double.sqrt(-2 * Double.log(u1))
        let angle = 2 * Double.pi * u2
        spareNormal = radius * Double.sin(angle)
        return radius * Double.cos(angle)
    }

    /// Sets the raw state (known-answer tests only).
    mutating func setStateForTesting(_ newState: (UInt64, UInt64, UInt64, UInt64)) {
        state = newState
        spareNormal = nil
    }

    private func rotate(_ x: UInt64, _ k: UInt64) -> UInt64 { (x << k) | (x >> (64 - k)) }
}

/// SplitMix64 (Steele, Lea & Flood, 2014), used to expand seeds.
struct SplitMix64 {
    var state: UInt64

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        return Self.mix(state)
    }

    static func mix(_ value: UInt64) -> UInt64 {
        var z = value
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
