# Loops `for i in range(...)` that index 1-d arrays by i, i + k or i - k are checked once before
# the loop; when that check cannot prove every index in bounds, the checked loop runs and raises
# IndexError at the same iteration, after the same side effects, as CPython.
# export: stencil void(f8[:], f8[:])
# export: partial_then_fail void(f8[:], i8)
# export: shifted_start f8(f8[:], i8, i8)
# call: stencil(rng.random(10), np.zeros(10))
# call: stencil(rng.random(2), np.zeros(2))
# call: partial_then_fail(np.zeros(5), 5)
# raises: partial_then_fail(np.zeros(5), 7) IndexError
# call: shifted_start(rng.random(8), 1, 7)
# call: shifted_start(rng.random(8), -3, 2)
# raises: shifted_start(rng.random(8), 0, 9) IndexError
import numpy as np


def stencil(u, out):
    for i in range(1, len(u) - 1):
        out[i] = u[i - 1] - 2.0 * u[i] + u[i + 1]


def partial_then_fail(a, n):
    for i in range(n):
        a[i] = i + 1.0


def shifted_start(a, lo, hi):
    s = 0.0
    for i in range(lo, hi):
        s += a[i] * a[i + 1 - 1]
    return s
