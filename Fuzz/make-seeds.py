#!/usr/bin/env python3
"""Writes the hand-made seeds of Fuzz/corpus/ (run from anywhere)."""
import json, os, itertools

here = os.path.dirname(os.path.abspath(__file__))
out = os.path.join(here, "corpus")
os.makedirs(out, exist_ok=True)

biases = {"V_ref": 0.9, "I_voltage": 1.5e-7, "I_master": 2e-7, "I_ref": 1e-7, "capacitance_scaling": 1.0}
neuron = {
    "dg": {"na": 1023, "k": 307, "l": 3},
    "dE": {"na": 829, "k": -829, "l": -545},
    "dIb": {
        "m": {"alpha": [0, 1, 11, 23, 0, 0, 870], "beta": [190, 4, 6, 0, 0, 0, 0]},
        "h": {"alpha": [3, 0, 0, 0, 0, 0, 0], "beta": [0, 0, 6, 3, 0, 0, 0]},
        "n": {"alpha": [0, 0, 2, 2, 3, 0, 0], "beta": [15, 0, 0, 0, 0, 0, 0]},
    },
}
mapping = {"scl_v": 3.0, "scl_t": 11.207, "current_gain": 1.3448e-4, "voltage_offset": 0.738}
spline = {"alpha": [0, 0, 0, 0, 0, 0, 378], "beta": [0, 0, 0, 0, 0, 0, 1]}

def synapse(pre, post):
    return {"pre": pre, "post": post, "dg": 5, "dE": 130, "dIb": spline}

def board_synapses(board):
    r = range(4 * board, 4 * board + 4)
    return [synapse(p, q) for p, q in itertools.permutations(r, 2)]

def write(name, doc, compact=False):
    with open(os.path.join(out, name), "w") as f:
        if compact:
            json.dump(doc, f, separators=(",", ":"))
        else:
            json.dump(doc, f, indent=1)

# The contract's example (register-format.md), with mapping.
write("v1-spec-example.json", {"format": "neurodyn-registers/1", "biases": biases, "neurons": [neuron], "mapping": mapping})
# Minimal v1: one neuron, no mapping, compact.
write("v1-minimal.json", {"format": "neurodyn-registers/1", "biases": biases, "neurons": [neuron]}, compact=True)
# v1 with the full four neurons and an unknown key.
write("v1-four-neurons.json", {"format": "neurodyn-registers/1", "biases": biases, "neurons": [neuron] * 4,
                               "target": {"model": "hh"}})
# v2 board: 4 neurons, 12 synapses, a gap junction, linear current.
write("v2-board.json", {
    "format": "neurodyn-registers/2", "biases": biases, "neurons": [neuron] * 4,
    "synapses": board_synapses(0),
    "gap_junctions": [{"neurons": [0, 1], "conductance_S": 1e-9}],
    "synapse_current": "linear",
})
# v2 with one neuron and nothing else (re-encodes as v1).
write("v2-one-neuron.json", {"format": "neurodyn-registers/2", "biases": biases, "neurons": [neuron]}, compact=True)
# v2 cube: 16 neurons, 48 synapses, gap junctions between boards, chip current.
write("v2-cube.json", {
    "format": "neurodyn-registers/2", "biases": biases, "neurons": [neuron] * 16,
    "synapses": [s for b in range(4) for s in board_synapses(b)],
    "gap_junctions": [{"neurons": [3, 4], "conductance_S": 2e-9}, {"neurons": [7, 8], "conductance_S": 0},
                      {"neurons": [15, 0], "conductance_S": 5e-10}],
    "synapse_current": "chip", "mapping": mapping,
}, compact=True)
# Refused inputs near the rules: a v1 file with a v2 key, a self-synapse.
write("bad-v1-with-synapses.json", {"format": "neurodyn-registers/1", "biases": biases, "neurons": [neuron] * 2,
                                    "synapses": [synapse(0, 1)]}, compact=True)
write("bad-v2-self-synapse.json", {"format": "neurodyn-registers/2", "biases": biases, "neurons": [neuron] * 2,
                                   "synapses": [synapse(1, 1)]}, compact=True)
