# Kernel 4 of benches/bench_kernels.py: Black-Scholes call prices. d1 and d2 are array
# expressions (np.log, np.sqrt); the normal CDF is the polynomial approximation of Abramowitz and
# Stegun (26.2.17), evaluated in a loop, as in Numba's Black-Scholes example.
import math

import numpy as np
from pyaot import CC

cc = CC('black_scholes_pyaot')

A1 = 0.31938153
A2 = -0.356563782
A3 = 1.781477937
A4 = -1.821255978
A5 = 1.330274429
RSQRT2PI = 0.39894228040143267794


@cc.export('black_scholes', 'f8[:](f8[:], f8[:], f8[:], f8, f8)')
def black_scholes(S, X, T, r, v):
    sqrtT = np.sqrt(T)
    d1 = (np.log(S / X) + (r + 0.5 * v * v) * T) / (v * sqrtT)
    d2 = d1 - v * sqrtT
    call = np.empty_like(S)
    for i in range(len(S)):
        x1 = d1[i]
        k1 = 1.0 / (1.0 + 0.2316419 * abs(x1))
        c1 = RSQRT2PI * math.exp(-0.5 * x1 * x1) * (k1 * (A1 + k1 * (A2 + k1 * (A3 + k1 * (A4 + k1 * A5)))))
        if x1 > 0:
            c1 = 1.0 - c1
        x2 = d2[i]
        k2 = 1.0 / (1.0 + 0.2316419 * abs(x2))
        c2 = RSQRT2PI * math.exp(-0.5 * x2 * x2) * (k2 * (A1 + k2 * (A2 + k2 * (A3 + k2 * (A4 + k2 * A5)))))
        if x2 > 0:
            c2 = 1.0 - c2
        call[i] = S[i] * c1 - X[i] * math.exp(-r * T[i]) * c2
    return call


# The NumPy-vectorised version (not exported; the benchmark's NumPy column).
def cnd_numpy(d):
    k = 1.0 / (1.0 + 0.2316419 * np.abs(d))
    c = RSQRT2PI * np.exp(-0.5 * d * d) * (k * (A1 + k * (A2 + k * (A3 + k * (A4 + k * A5)))))
    return np.where(d > 0, 1.0 - c, c)


def black_scholes_numpy(S, X, T, r, v):
    sqrtT = np.sqrt(T)
    d1 = (np.log(S / X) + (r + 0.5 * v * v) * T) / (v * sqrtT)
    d2 = d1 - v * sqrtT
    return S * cnd_numpy(d1) - X * np.exp(-r * T) * cnd_numpy(d2)


if __name__ == "__main__":
    cc.compile()
