# np.dot / a.dot / the @ operator for 1-d·1-d, 2-d·1-d, 1-d·2-d and 2-d·2-d, plus np.outer and
# np.trace. Integer products are exact. NumPy hands float products to BLAS, which adds in its own
# blocked order, so float results are `close:` (relative error about n·eps, n ≤ 20 here).
# export: ints Tuple((i8, i8[:], i8[:, :], i8[:], i8[:, :]))(i8[:, :], i8[:, :], i8[:])
# export: floats Tuple((f8, f8[:], f8[:, :], f8[:, :]))(f8[:, :], f8[:, :], f8[:])
# export: mixed f8[:](i4[:, :], f8[:])
# export: outer_trace Tuple((f8[:, :], i8))(f8[:], i8[:, :])
# export: misaligned f8[:](f8[:, :], f8[:])
# call: ints(rng.integers(-9, 9, (3, 4)), rng.integers(-9, 9, (4, 2)), rng.integers(-9, 9, 4))
# close: floats(rng.random((5, 6)), rng.random((6, 3)), rng.random(6))
# close: floats(rng.random((20, 20)), rng.random((20, 20)), rng.random(20))
# close: mixed(np.arange(6, dtype=np.int32).reshape(2, 3), rng.random(3))
# call: outer_trace(rng.random(3), rng.integers(0, 9, (3, 4)))
# raises: misaligned(rng.random((2, 3)), rng.random(4)) ValueError
import numpy as np


def ints(a, b, v):
    return np.dot(v, v), a @ v, a @ b, np.dot(v[:3], a), a.dot(b) + 1


def floats(a, b, v):
    return v @ v, np.dot(a, v), a @ b, a.T @ a


def mixed(m, x):
    return m @ x


def outer_trace(x, m):
    return np.outer(x, x), np.trace(m)


def misaligned(a, v):
    return a @ v
