# Out-of-range indices raise IndexError, as in NumPy, instead of touching memory outside the
# array (Numba does not check; pyaot does, and LLVM removes the checks it can prove true).
# export: centdiff_1d f8[:](f8[:], f8)
# export: get f8(f8[:], i8)
# export: put2 void(f8[:, :], i8, i8)
# export: tuple_get i8(i8[:, :], UniTuple(i8, 2))
# call: centdiff_1d(rng.random(6), 0.5)
# call: get(np.arange(3.0), -3)
# call: get(np.arange(3.0), 2)
# call: put2(np.zeros((2, 3)), 1, -1)
# raises: centdiff_1d(np.zeros(0), 0.1) IndexError
# raises: get(np.arange(3.0), 3) IndexError
# raises: get(np.arange(3.0), -4) IndexError
# raises: get(np.zeros(0), 0) IndexError
# raises: put2(np.zeros((2, 3)), 2, 0) IndexError
# raises: put2(np.zeros((2, 3)), 0, 3) IndexError
# raises: tuple_get(np.zeros((2, 2), dtype=np.int64), (0, 2)) IndexError
import numpy as np


def centdiff_1d(u, dx):
    D = np.empty_like(u)
    D[0] = 0
    D[-1] = 0
    for i in range(1, len(D) - 1):
        D[i] = (u[i+1] - 2 * u[i] + u[i-1]) / dx**2
    return D


def get(a, i):
    return a[i]


def put2(a, i, j):
    a[i, j] = 7.0


def tuple_get(a, idx):
    return a[idx]
