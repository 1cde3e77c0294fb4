"""Array functions, compiled into the extension module pyaot_example_src.kernels."""

import numpy as np

from pyaot import CC

cc = CC('kernels')


@cc.export('moving_average', 'f8[:](f8[:], i8)')
def moving_average(values, window):
    n = len(values) - window + 1
    if n < 1 or window < 1:
        raise ValueError("window must be between 1 and len(values)")
    out = np.empty(n)
    total = 0.0
    for i in range(window):
        total += values[i]
    out[0] = total / window
    for i in range(1, n):
        total += values[i + window - 1] - values[i - 1]
        out[i] = total / window
    return out


@cc.export('mean_and_std', 'UniTuple(f8, 2)(f8[:])')
def mean_and_std(values):
    n = len(values)
    mean = 0.0
    for i in range(n):
        mean += values[i]
    mean /= n
    variance = 0.0
    for i in range(n):
        variance += (values[i] - mean) ** 2
    return mean, np.sqrt(variance / n)


@cc.export('scale_inplace', 'void(f8[:], f8)')
def scale_inplace(values, factor):
    for i in range(len(values)):
        values[i] *= factor
