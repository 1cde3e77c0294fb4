# Functions returning arrays: new arrays, the argument itself, and arrays built by a helper.
import numpy as np

# export: centdiff f8[:](f8[:], f8)
# export: cumsum f8[:](f8[:])
# export: same f8[:](f8[:])
# export: transpose_copy f8[:, :](f8[:, :])
# export: from_helper i8[:](i8)
# export: inferred (f8[:],)
# call: centdiff(rng.random(12), 0.1)
# call: cumsum(rng.random(9))
# call: cumsum(np.zeros(0))
# call: same(np.array([1.0, 2.0]))
# call: transpose_copy(rng.random((2, 5)))
# call: from_helper(6)
# call: inferred(rng.random(5))


def centdiff(u, dx):
    D = np.empty_like(u)
    D[0] = 0
    D[-1] = 0
    for i in range(1, len(D) - 1):
        D[i] = (u[i + 1] - 2 * u[i] + u[i - 1]) / dx ** 2
    return D


def cumsum(a):
    out = np.empty(len(a))
    running = 0.0
    for i in range(len(a)):
        running += a[i]
        out[i] = running
    return out


def same(a):
    a[0] = -a[0]
    return a


def transpose_copy(m):
    out = np.empty((m.shape[1], m.shape[0]))
    for i in range(m.shape[0]):
        for j in range(m.shape[1]):
            out[j, i] = m[i, j]
    return out


def make_range(n):
    a = np.empty(n, dtype=np.int64)
    for i in range(n):
        a[i] = n - i
    return a


def from_helper(n):
    return make_range(n)


def inferred(a):
    out = np.zeros_like(a)
    for i in range(len(a)):
        out[i] = a[i] * a[i]
    return out
