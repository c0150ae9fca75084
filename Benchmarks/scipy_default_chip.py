"""Times scipy's solve_ivp (RK45) on the default NeuroDyn chip, for comparison
with ndfit's simulator in `make bench`.

The chip equations (section 1 of the model): seven shared sigmoid centres,
spline rates I / (C_gate V_T), tanh conductance currents. A 20 ms run from
x0 = [0.7, 0, 0, 0] at I_app = 0, rtol 1e-6, atol 1e-9, spike threshold 0.85 V.
Prints the seconds per simulation, the evaluations and the spike count.
"""
import sys
import time

import numpy as np
from scipy.integrate import solve_ivp

KAPPA, KAPPA_LIN, VT = 0.7, 0.2, 0.026
C_M, C_GATE, R_REV = 4e-12, 5e-12, 1.63e6
V_REF, I_VOLTAGE, I_MASTER = 0.9, 150e-9, 200e-9

DG = np.array([1023, 307, 3])
DE = np.array([829, -829, -545])
DIB = {
    "m": ([0, 1, 11, 23, 0, 0, 870], [190, 4, 6, 0, 0, 0, 0]),
    "h": ([3, 0, 0, 0, 0, 0, 0], [0, 0, 6, 3, 0, 0, 0]),
    "n": ([0, 0, 2, 2, 3, 0, 0], [15, 0, 0, 0, 0, 0, 0]),
}

G = KAPPA_LIN / VT * I_MASTER / 1024 * DG
E = I_VOLTAGE / 1024 * R_REV * DE + V_REF
SPACING = 2 * 1.85e6 * I_VOLTAGE / 7
CENTRES = V_REF + (np.arange(7) - 3) * SPACING
SCALE = I_MASTER / 1024 / (C_GATE * VT)
W = {gate: (np.array(a) * SCALE, np.array(b) * SCALE) for gate, (a, b) in DIB.items()}
SLOPE = KAPPA_LIN / (2 * VT)


def sigmoids(v):
    """Rising and falling sigmoids at v, from exp(-|x|) so nothing overflows."""
    x = KAPPA * (CENTRES - v) / VT
    u = np.exp(-np.abs(x))
    large = 1 / (1 + u)
    small = u * large
    rising = np.where(x >= 0, small, large)
    return rising, 1 - rising


def rhs(t, y):
    v, m, h, n = y
    up, down = sigmoids(v)
    am, bm = W["m"][0] @ up, W["m"][1] @ down
    ah, bh = W["h"][0] @ down, W["h"][1] @ up
    an, bn = W["n"][0] @ up, W["n"][1] @ down
    g = G * np.array([m**3 * h, n**4, 1.0])
    current = np.sum(g / SLOPE * np.tanh(SLOPE * (v - E)))
    return [-current / C_M, am * (1 - m) - bm * m, ah * (1 - h) - bh * h, an * (1 - n) - bn * n]


def spike(t, y):
    return y[0] - 0.85


spike.direction = 1


def main():
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 3
    rhs(0, [0.7, 0, 0, 0])  # warm up
    start = time.perf_counter()
    for _ in range(count):
        result = solve_ivp(rhs, (0, 0.02), [0.7, 0, 0, 0], method="RK45", rtol=1e-6, atol=1e-9, events=spike)
    seconds = (time.perf_counter() - start) / count
    print(f"seconds_per_simulation {seconds:.6f} evaluations {result.nfev} spikes {len(result.t_events[0])}")


if __name__ == "__main__":
    main()
