# NEP 50: Python scalars are weak in array arithmetic (f4_array * 2.5 stays float32), while NumPy
# scalars are strong: an array's element, a reduction, np.float64(x), np.sqrt(2.0), and locals
# and arithmetic holding them take part with their own dtype.
# export: elements Tuple((i8[:], f8[:], i8[:]))(u1[:], i8[:], f4[:], i4[:])
# export: weak Tuple((f4[:], u1[:], f4[:]))(f4[:], u1[:], f8)
# export: loop_items f8[:](f4[:], f8[:])
# call: elements(np.array([1, 2, 3], dtype=np.uint8), np.array([0, 5]), np.array([1.5, 2.5], dtype=np.float32), np.arange(3, dtype=np.int32))
# call: weak(np.array([1.5, 2.5], dtype=np.float32), np.array([1, 2], dtype=np.uint8), 0.5)
# call: loop_items(np.array([1.5, 2.5], dtype=np.float32), np.array([0.1, 0.2]))
import math

import numpy as np


def elements(g, b, f, n):
    k = b[1]
    return g - b[1], f * np.float64(2.0) + np.sqrt(2.0), n + n.sum() + k


def weak(f, g, x):
    return f * 2.5 + x, g + 3, f * math.sqrt(2.0)


def loop_items(f, d):
    out = np.zeros(f.shape[0])
    for x in d:
        out += f * x
    return out
