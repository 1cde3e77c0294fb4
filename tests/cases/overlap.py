# Assignments whose source overlaps the destination behave as if the source were copied first,
# as in NumPy: reversed slices, transposes, shifted slices, rows broadcast over their own array,
# the same array passed twice; a source that is exactly the destination needs no copy.
# export: reverse void(f8[:])
# export: symmetric void(f8[:, :])
# export: shifted Tuple((f8[:], f8[:, :]))(f8[:], f8[:, :])
# export: row_broadcast void(f8[:, :])
# export: same void(f8[:])
# call: reverse(np.arange(6.0))
# call: symmetric(np.arange(9.0).reshape(3, 3))
# call: shifted(np.arange(6.0), np.arange(12.0).reshape(4, 3))
# call: row_broadcast(rng.random((3, 4)))
# call: same(rng.random(5))
import numpy as np


def reverse(a):
    a[:] = a[::-1]


def symmetric(a):
    a += a.T


def shifted(a, m):
    a[1:] += a[:-1]
    m[1:, :] = m[:-1, :]
    np.copyto(a[2:], a[:-2])
    return a, m


def row_broadcast(m):
    m -= m[0]
    m[...] = m.T if m.shape[0] == m.shape[1] else m * 2.0


def same(a):
    a += a
    a[:] = a
