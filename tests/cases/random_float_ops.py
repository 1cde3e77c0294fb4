# Float operators and math functions on many random operands of mixed signs and magnitudes, one
# row per operation. Python computes on Python floats (float() of each element), so the
# reference is CPython's arithmetic and math module, and results must be bit-identical.
import math

import numpy as np

# export: float_ops f8[:, :](f8[:], f8[:])
# export: math_ops f8[:, :](f8[:])
# call: float_ops(rng.standard_normal(400) * 10.0 ** rng.integers(-6, 7, 400), rng.standard_normal(400) * 10.0 ** rng.integers(-6, 7, 400))
# call: float_ops(np.round(rng.standard_normal(400) * 8) / 4, np.round(rng.standard_normal(400) * 8) / 4 + 0.125)
# call: math_ops(rng.standard_normal(400) * 10.0 ** rng.integers(-3, 3, 400))


def float_ops(a, b):
    n = len(a)
    out = np.zeros((14, n))
    for i in range(n):
        x = float(a[i])
        y = float(b[i])
        out[0, i] = x + y
        out[1, i] = x - y
        out[2, i] = x * y
        out[3, i] = x / y
        out[4, i] = x // y
        out[5, i] = x % y
        out[6, i] = (abs(x) + 0.5) ** (y % 4.0 - 2.0)
        out[7, i] = x * x + y * y * y
        out[8, i] = math.fmod(x, y)
        out[9, i] = math.copysign(x, y)
        out[10, i] = math.hypot(x, y)
        out[11, i] = math.atan2(x, y)
        out[12, i] = min(x, y) - max(x, y)
        out[13, i] = round(x * 100.0) + round(y, 2) + math.floor(x) + math.ceil(y) + math.trunc(x)
    return out


def math_ops(a):
    n = len(a)
    out = np.zeros((18, n))
    for i in range(n):
        x = float(a[i])
        ax = abs(x)
        out[0, i] = math.sqrt(ax)
        out[1, i] = math.exp(x / 100.0)
        out[2, i] = math.log(ax)
        out[3, i] = math.log10(ax)
        out[4, i] = math.log2(ax)
        out[5, i] = math.log1p(ax)
        out[6, i] = math.expm1(x / 100.0)
        out[7, i] = math.sin(x)
        out[8, i] = math.cos(x)
        out[9, i] = math.tan(x)
        out[10, i] = math.atan(x)
        out[11, i] = math.sinh(x / 100.0)
        out[12, i] = math.cosh(x / 100.0)
        out[13, i] = math.tanh(x)
        out[14, i] = math.asin(math.sin(x))
        out[15, i] = math.acos(math.cos(x))
        out[16, i] = math.erf(x) + math.erfc(x / 3.0)
        out[17, i] = math.gamma(ax % 20.0 + 0.5) + math.lgamma(ax + 0.25)
    return out
