# More of NumPy's indexing and iteration: a 1-d mask selecting rows of a 2-d array, integer
# arrays picking rows, a[:, mask], a[:, idx], a[idx, k], a[k, mask] and friends, transpose with
# explicit axes (a view), enumerate with a start, isinstance decided by types, np.tile with a
# tuple, and bool arrays under + and *.
# export: rows Tuple((f8[:, :], f8[:, :]))(f8[:, :], i8[:])
# export: columns Tuple((f8[:, :], f8[:, :], f8[:, :], f8[:], f8[:], f8[:], f8[:]))(f8[:, :], i8[:])
# export: permuted Tuple((f8[:, :, :], f8[:, :, :], f8))(f8[:, :, :])
# export: numbered i8(f8[:])
# export: kinds Tuple((b1, b1, b1))(f8, i8)
# export: tiled Tuple((i8[:, :], i8[:, :]))(i8[:], i8[:, :])
# export: bools Tuple((b1[:], b1[:]))(b1[:], b1[:])
# call: rows(rng.random((5, 3)), np.array([4, 0, -1]))
# call: columns(rng.random((5, 5)), np.array([4, 0, -2]))
# raises: columns(rng.random((5, 5)), np.array([5])) IndexError
# call: permuted(rng.random((2, 3, 4)))
# call: numbered(rng.random(6))
# call: kinds(1.5, 3)
# call: tiled(np.arange(3), np.arange(4).reshape(2, 2))
# call: bools(np.array([True, False, True, False]), np.array([True, True, False, False]))
import numpy as np


def rows(m, idx):
    return m[m[:, 0] > 0.5], m[idx]


def permuted(t):
    p = t.transpose(1, 0, 2)
    q = np.transpose(t, (2, 0, 1))
    return p * 1.0, q + 0.0, p[2, 1, 3] + q[3, 1, 2]


def numbered(a):
    total = 0
    for i, x in enumerate(a, 1):
        if x > 0.5:
            total += i
    for i, x in enumerate(a, -3):
        total += i
    return total


def kinds(x, n):
    return isinstance(x, float), isinstance(n, (float, complex)), isinstance(n, int)


def tiled(a, m):
    return np.tile(a, (2, 2)), np.tile(m, (1, 3))


def bools(p, q):
    return p + q, p * q


def columns(m, idx):
    wide = m[0] > 0.5
    return (m[:, wide], m[:, idx], m[idx, :], m[idx, 1], m[2, idx], m[wide, 0], m[1, wide])
