# Two-dimensional arrays: tuple indices, negative indices, shape, size, ndim, len, writes.
import numpy as np

# export: get f8(f8[:, :], i8, i8)
# export: corner_sum f8(f8[:, :])
# export: trace f8(f8[:, :])
# export: shape UniTuple(i8, 2)(f8[:, :])
# export: size i8(f8[:, :])
# export: ndim i8(i8[:, :])
# export: rows i8(f8[:, :])
# export: row_sums f8[:](f8[:, :])
# export: set_diagonal void(f8[:, :], f8)
# export: matmul f8[:, :](f8[:, :], f8[:, :])
# export: last_dim i8(f8[:, :])
# call: get(np.arange(12.0).reshape(3, 4), 1, 2)
# call: get(np.arange(12.0).reshape(3, 4), -1, -1)
# call: get(np.arange(12.0).reshape(3, 4), -3, 0)
# call: corner_sum(rng.random((5, 6)))
# call: trace(rng.random((4, 4)))
# call: shape(np.zeros((3, 7)))
# call: shape(np.zeros((0, 2)))
# call: size(np.zeros((3, 7)))
# call: ndim(np.zeros((2, 2), dtype=np.int64))
# call: rows(np.zeros((5, 2)))
# call: row_sums(rng.random((4, 3)))
# call: set_diagonal(np.zeros((3, 3)), 7.5)
# call: set_diagonal(np.zeros((2, 4)), -1.0)
# call: matmul(rng.random((3, 4)), rng.random((4, 2)))
# call: last_dim(np.zeros((3, 7)))


def get(m, i, j):
    return m[i, j]


def corner_sum(m):
    return m[0, 0] + m[0, -1] + m[-1, 0] + m[-1, -1]


def trace(m):
    total = 0.0
    for i in range(m.shape[0]):
        total += m[i, i]
    return total


def shape(m):
    return m.shape


def size(m):
    return m.size


def ndim(m):
    return m.ndim


def rows(m):
    return len(m)


def row_sums(m):
    out = np.zeros(m.shape[0])
    for i in range(m.shape[0]):
        for j in range(m.shape[1]):
            out[i] += m[i, j]
    return out


def set_diagonal(m, value):
    n = min(m.shape[0], m.shape[1])
    for i in range(n):
        m[i, i] = value


def matmul(a, b):
    n, k = a.shape
    m = b.shape[1]
    out = np.zeros((n, m))
    for i in range(n):
        for j in range(m):
            acc = 0.0
            for p in range(k):
                acc += a[i, p] * b[p, j]
            out[i, j] = acc
    return out


def last_dim(m):
    return m.shape[-1] * 10 + m.shape[-2]
