# The seed module of the benchmark: the numba.pycc example, written once.
# benches/bench_seed.py rewrites the import line and the module name to build it
# with pyaot and with numba.pycc; run it as plain Python for the reference results.
import numpy as np
from pyaot import CC
cc = CC('seed_pyaot')
@cc.export('multf', 'f8(f8, f8)')
@cc.export('multi', 'i4(i4, i4)')
def mult(a, b):
    return a * b
@cc.export('square', 'f8(f8)')
def square(a):
    return a ** 2
@cc.export('centdiff_1d', 'f8[:](f8[:], f8)')
def centdiff_1d(u, dx):
    D = np.empty_like(u)
    D[0] = 0
    D[-1] = 0
    for i in range(1, len(D) - 1):
        D[i] = (u[i+1] - 2 * u[i] + u[i-1]) / dx**2
    return D
