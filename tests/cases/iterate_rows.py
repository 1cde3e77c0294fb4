# Iterating over an N-d array gives its rows (sub-arrays along the first axis) as views: reads,
# writes through the row reach the argument, enumerate and zip work over rows, and a 3-d array
# gives 2-d rows.
# export: row_sums f8[:](f8[:, :])
# export: scale_rows void(f8[:, :], f8[:])
# export: pairs f8(f8[:, :], f8[:, :])
# export: planes i8[:](i8[:, :, :])
# export: last_row f8[:](f8[:, :])
# call: row_sums(rng.random((4, 5)))
# call: row_sums(rng.random((0, 3)))
# call: scale_rows(rng.random((3, 4)), np.array([1.0, 2.0, 3.0]))
# call: pairs(rng.random((3, 2)), rng.random((4, 2)))
# call: planes(np.arange(24).reshape(2, 3, 4))
# call: last_row(rng.random((3, 4)))
import numpy as np


def row_sums(m):
    out = np.empty(m.shape[0])
    for i, row in enumerate(m):
        out[i] = row.sum() + row[0]
    return out


def scale_rows(m, s):
    for row, k in zip(m, s):
        row *= k
        row[0] = -1.0


def pairs(a, b):
    total = 0.0
    for x in a:
        for y in b:
            d = x - y
            total += np.sqrt((d * d).sum())
    return total


def planes(t):
    out = np.empty(t.shape[0], dtype=np.int64)
    k = 0
    for plane in t:
        s = 0
        for row in plane:
            s += row.max()
        out[k] = s
        k += 1
    return out


def last_row(m):
    r = m[0]
    for row in m:
        r = row
    return r * 2.0
