# Statistics and cumulative operations from the prelude: var/std with ddof= and axis=,
# np.average (with weights), cumsum/cumprod (flattened and along an axis, with NumPy's widened
# integer dtype), count_nonzero, and keepdims= on var/std. var follows NumPy's algorithm (mean,
# deviations, pairwise sum of squared magnitudes), so it is bit-identical for 1-d and C arrays;
# other layouts and axes sum in another order and are `close:`.
# export: variances Tuple((f8, f8, f8, f8))(f8[:])
# export: along Tuple((f8[:], f8[:], f8[:]))(f8[:, :])
# export: averages Tuple((f8, f8, f8[:]))(f8[:], f8[:], f8[:, :])
# export: int_stats Tuple((f8, f8, f8))(i8[:])
# export: cumulative Tuple((i8[:], i8[:], f8[:], f8[:]))(i4[:], f8[:])
# export: cumulative_axis Tuple((i8[:, :], i8[:, :], f8[:, :, :]))(i8[:, :], f8[:, :, :])
# export: nonzeros i8(f8[:, :])
# export: standardise Tuple((f8[:, :], f8[:, :], f8[:, :]))(f8[:, :])
# call: variances(rng.random(50))
# call: variances(rng.random(3))
# call: variances(np.array([2.0]))
# close: along(rng.random((6, 9)))
# call: averages(rng.random(8), rng.random(8), rng.random((3, 4)))
# call: int_stats(rng.integers(-100, 100, 31))
# call: cumulative(np.arange(1, 8, dtype=np.int32), rng.random(6))
# call: cumulative(np.zeros(0, dtype=np.int32), rng.random(0))
# call: cumulative_axis(rng.integers(-5, 5, (3, 4)), rng.random((2, 3, 4)))
# raises: cumulative_axis(np.zeros((2, 2), dtype=np.int64), np.zeros((1, 2, 3), dtype=np.float64), 1) TypeError
# call: nonzeros(np.array([[0.0, 1.5], [2.0, 0.0]]))
# close: standardise(rng.random((5, 6)))
import numpy as np


def variances(a):
    return np.var(a), a.std(), np.var(a, ddof=1) if a.size > 1 else 0.0, np.std(a, ddof=0)


def along(a):
    return a.var(axis=0), np.std(a, axis=1, ddof=1), np.var(a, axis=-1)


def averages(a, w, m):
    return np.average(a), np.average(a, weights=w), np.average(m, axis=0)


def int_stats(n):
    return n.var(), n.std(ddof=1), np.average(n)


def cumulative(n, x):
    return np.cumsum(n), n.cumprod(), x.cumsum(), np.cumprod(x)


def cumulative_axis(n, x):
    return np.cumsum(n, axis=0), n.cumsum(axis=1), np.cumprod(x, axis=-1)


def nonzeros(a):
    return np.count_nonzero(a)


def standardise(a):
    z = (a - a.mean(axis=1, keepdims=True)) / a.std(axis=1, keepdims=True)
    return z, np.var(a, axis=0, ddof=1, keepdims=True), a.std(keepdims=True) + a.var(keepdims=False)
