/// Root finding on a bracket, by Brent's method (Brent 1973, ch. 4):
/// inverse quadratic interpolation and secant steps, safeguarded by bisection.
enum BracketedRoot {
    /// A root of `f` in [a, b], given f(a) and f(b) of opposite signs (or zero).
    ///
    /// Postcondition: the result lies in [min(a,b), max(a,b)] and within
    /// `tolerance` + 2ε|x| of a sign change of `f`. Never more than
    /// `maximumIterations` evaluations of `f`.
    static func brent(
        _ a0: Double, _ b0: Double, fa fa0: Double, fb fb0: Double,
        tolerance: Double, maximumIterations: Int = 100, _ f: (Double) -> Double
    ) -> Double {
        if fa0 == 0 { return a0 }
        if fb0 == 0 { return b0 }
        var a = a0, b = b0, fa = fa0, fb = fb0
        var c = a, fc = fa
        var d = b - a, e = d
        for _ in 0..<maximumIterations {
            if (fb > 0) == (fc > 0) {
                // Keep the root bracketed between b and c.
                c = a; fc = fa; d = b - a; e = d
            }
            if abs(fc) < abs(fb) {
                a = b; b = c; c = a
                fa = fb; fb = fc; fc = fa
            }
            let tol = 2 * Double.ulpOfOne * abs(b) + 0.5 * tolerance
            let half = 0.5 * (c - b)
            if abs(half) <= tol || fb == 0 { return b }
            if abs(e) >= tol && abs(fa) > abs(fb) {
                let s = fb / fa
                var p: Double, q: Double
                if a == c {
                    p = 2 * half * s
                    q = 1 - s
                } else {
                    let qa = fa / fc, r = fb / fc
                    p = s * (2 * half * qa * (qa - r) - (b - a) * (r - 1))
                    q = (qa - 1) * (r - 1) * (s - 1)
                }
                if p > 0 { q = -q } else { p = -p }
                if 2 * p < min(3 * half * q - abs(tol * q), abs(e * q)) {
                    e = d
                    d = p / q
                } else {
                    d = half; e = d
                }
            } else {
                d = half; e = d
            }
            a = b; fa = fb
            b += abs(d) > tol ? d : (half > 0 ? tol : -tol)
            fb = f(b)
        }
        return b
    }
}
