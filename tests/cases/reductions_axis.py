# Reductions along an axis: sum prod min max mean argmin argmax any all with axis= (positional
# or keyword, negative too, a constant or a run-time value) and keepdims=; a 1-d array reduced
# along its axis gives a scalar. Float sums match NumPy bit for bit on C arrays: along the last
# axis each row is summed pairwise, along another axis whole slices are added in order, as NumPy
# does. Mixed cases (a mean of deviations over 40 rows) are `close:`.
# export: ints Tuple((i8[:], i8[:], i8[:], i8[:], i8[:], i8[:], b1[:], b1[:]))(i8[:, :])
# export: runtime_axis Tuple((i8[:, :], i8[:, :], f8[:, :]))(i8[:, :, :], i8)
# export: last_axis Tuple((f8[:], f8[:], f8[:]))(f8[:, :])
# export: first_axis Tuple((f8[:], f8[:]))(f8[:, :])
# export: kept Tuple((f8[:, :], f8[:, :], i8[:, :, :]))(f8[:, :], i8[:, :, :])
# export: one_d Tuple((f8, i8, f8))(f8[:])
# export: normalise f8[:, :](f8[:, :])
# call: ints(rng.integers(-50, 50, (4, 6)))
# call: ints(rng.integers(-3, 3, (1, 7)))
# call: runtime_axis(rng.integers(-9, 9, (3, 4, 5)), 0)
# call: runtime_axis(rng.integers(-9, 9, (3, 4, 5)), 1)
# call: runtime_axis(rng.integers(-9, 9, (3, 4, 5)), -1)
# raises: runtime_axis(np.zeros((2, 2, 2), dtype=np.int64), 3) ValueError
# raises: runtime_axis(np.zeros((2, 2, 2), dtype=np.int64), -4) ValueError
# call: last_axis(rng.random((5, 300)))
# call: last_axis(rng.random((3, 4)))
# call: first_axis(rng.random((300, 5)))
# call: first_axis(rng.random((3, 4)))
# close: kept(rng.random((20, 30)), rng.integers(0, 9, (2, 3, 4)))
# call: one_d(rng.random(17))
# close: normalise(rng.random((40, 6)))
import numpy as np


def ints(a):
    return (a.sum(axis=0), a.sum(1), np.sum(a, axis=-1), a.prod(axis=0), a.min(axis=1),
            np.max(a, 0), a.any(axis=0), (a > -40).all(axis=1))


def runtime_axis(a, k):
    return a.sum(axis=k), np.argmax(a, k), a.mean(axis=k)


def last_axis(a):
    return a.sum(axis=1), a.mean(axis=-1), a.max(axis=1)


def first_axis(a):
    return a.sum(axis=0), np.mean(a, axis=0)


def kept(a, b):
    return a.sum(axis=0, keepdims=True), a.mean(axis=1, keepdims=True), b.min(axis=1, keepdims=True)


def one_d(a):
    return a.sum(axis=0), a.argmax(axis=-1), np.min(a, 0)


def normalise(a):
    return a - a.mean(axis=0, keepdims=True)
