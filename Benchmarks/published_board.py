"""Times a board run written the way the published Python network code is
organised, for comparison with ndfit's network simulator in `make bench`.

The published model evaluates a network neuron by neuron and synapse by
synapse in Python: every neuron object computes its gates' rates from its
spline objects with small numpy operations, the network loops over every
(post, pre) pair in Python, appends each synapse's derivative to a list and
builds the derivative as a list, and scipy's solve_ivp (RK45) integrates it.
This file is our own re-implementation of that organisation on the chip
equations of `neurodyn-model.md` and `networks.md`, not the published code.

The run is the published board chain: 4 default-chip neurons, 12 synapses with
the published default kinetics (dg 5, 5, 2 on 0→1, 1→2, 2→3, dg 0 elsewhere),
the published linear synaptic current, currents [0, -1.3448e-10 x 3] A
(-1 µA/cm² through the published fit's mapping), x0 = [0.7, 0, 0, 0] x 4 and
r = 0, 20 ms. Prints seconds per run at the published default rtol 1e-3 /
atol 1e-6 and at rtol 1e-6 / atol 1e-9, with evaluations and spike counts.
"""
import sys
import time

import numpy as np
from scipy.integrate import solve_ivp

KAPPA, KAPPA_LIN, VT = 0.7, 0.2, 0.026
C_M, C_GATE, R_REV = 4e-12, 5e-12, 1.63e6
V_REF, I_VOLTAGE, I_MASTER = 0.9, 150e-9, 200e-9
SPACING = 2 * 1.85e6 * I_VOLTAGE / 7
CENTRES = V_REF + (np.arange(7) - 3) * SPACING


def conductance(code):
    return KAPPA_LIN / VT * I_MASTER / 1024 * code


def potential(code):
    return I_VOLTAGE / 1024 * R_REV * code + V_REF


class Spline:
    """One rate: seven weighted sigmoids of one direction."""

    def __init__(self, codes, direction):
        self.weights = np.array(codes) * I_MASTER / 1024 / (C_GATE * VT)
        self.direction = direction

    def rate(self, v):
        return float(np.sum(self.weights / (1 + np.exp(self.direction * KAPPA * (CENTRES - v) / VT))))


class Gate:
    def __init__(self, alpha, beta, activation=True):
        sign = 1 if activation else -1
        self.alpha = Spline(alpha, sign)
        self.beta = Spline(beta, -sign)

    def vfield(self, x, v_alpha, v_beta=None):
        v_beta = v_alpha if v_beta is None else v_beta
        return self.alpha.rate(v_alpha) * (1 - x) - self.beta.rate(v_beta) * x


class Neuron:
    x_len = 4

    def __init__(self):
        self.g = [conductance(c) for c in (1023, 307, 3)]
        self.e = [potential(c) for c in (829, -829, -545)]
        self.m = Gate([0, 1, 11, 23, 0, 0, 870], [190, 4, 6, 0, 0, 0, 0])
        self.h = Gate([3, 0, 0, 0, 0, 0, 0], [0, 0, 6, 3, 0, 0, 0], activation=False)
        self.n = Gate([0, 0, 2, 2, 3, 0, 0], [15, 0, 0, 0, 0, 0, 0])

    def i_int(self, v, m, h, n):
        total = 0.0
        for g, e in zip([self.g[0] * m**3 * h, self.g[1] * n**4, self.g[2]], self.e):
            total += 2 * g * VT / KAPPA_LIN * np.tanh(KAPPA_LIN * (v - e) / (2 * VT))
        return total

    def vfield(self, x, current):
        v, m, h, n = x
        return [(-self.i_int(v, m, h, n) + current) / C_M, self.m.vfield(m, v), self.h.vfield(h, v), self.n.vfield(n, v)]


class Synapse:
    def __init__(self, dg):
        self.g = conductance(dg)
        self.e = potential(130)
        self.r = Gate([0, 0, 0, 0, 0, 0, 378], [0, 0, 0, 0, 0, 0, 1])

    def current(self, r, v_post):
        return self.g * r * (v_post - self.e)


class Network:
    def __init__(self, neurons, synapses):
        self.neurons = neurons
        self.synapses = synapses  # synapses[post][pre]: a list of synapses, or None

    def vfield(self, t, x, currents):
        dx, dx_syn = [], []
        starts = np.cumsum([0] + [neuron.x_len for neuron in self.neurons[:-1]])
        index = sum(neuron.x_len for neuron in self.neurons)
        for i, neuron in enumerate(self.neurons):
            v_post = x[starts[i]]
            i_syn = 0.0
            for j, _ in enumerate(self.neurons):
                v_pre = x[starts[j]]
                if self.synapses[i][j] is not None:
                    for synapse in self.synapses[i][j]:
                        r = x[index]
                        i_syn += synapse.current(r, v_post)
                        dx_syn.append(synapse.r.vfield(r, v_pre, v_post))
                        index += 1
            dx.extend(neuron.vfield(x[starts[i]:starts[i] + neuron.x_len], currents[i] - i_syn))
        dx.extend(dx_syn)
        return dx


def chain():
    codes = {(1, 0): 5, (2, 1): 5, (3, 2): 2}
    synapses = [[[Synapse(codes.get((i, j), 0))] if i != j else None for j in range(4)] for i in range(4)]
    return Network([Neuron() for _ in range(4)], synapses)


def main():
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 1
    network = chain()
    currents = [0.0] + [-1.3448392427884613e-10] * 3
    x0 = [0.7, 0, 0, 0] * 4 + [0] * 12
    events = []
    for k in range(4):
        def crossing(t, x, k=k):
            return x[4 * k] - 0.85
        crossing.direction = 1
        events.append(crossing)
    for rtol, atol in [(1e-3, 1e-6), (1e-6, 1e-9)]:
        start = time.perf_counter()
        for _ in range(count):
            result = solve_ivp(lambda t, x: network.vfield(t, x, currents), (0, 0.02), x0, rtol=rtol, atol=atol, events=events)
        seconds = (time.perf_counter() - start) / count
        spikes = ",".join(str(len(times)) for times in result.t_events)
        print(f"rtol {rtol:g} seconds_per_run {seconds:.6f} evaluations {result.nfev} spikes {spikes}")


if __name__ == "__main__":
    main()
