# Three-dimensional arrays: indexing with three indices, shape, writes.
import numpy as np

# export: total f8(f8[:, :, :])
# export: get i8(i8[:, :, :], i8, i8, i8)
# export: shape3 UniTuple(i8, 3)(f8[:, :, :])
# export: fill_index void(i8[:, :, :])
# export: plane_sums f8[:](f8[:, :, ::1])
# export: ndim i8(f8[:, :, :])
# call: total(rng.random((2, 3, 4)))
# call: total(np.asfortranarray(rng.random((3, 2, 2))))
# call: total(rng.random((4, 6, 5))[::2, 1:, ::-2])
# call: get(np.arange(24).reshape(2, 3, 4), 1, 2, 3)
# call: get(np.arange(24).reshape(2, 3, 4), -1, 0, -2)
# call: shape3(np.zeros((2, 5, 3)))
# call: fill_index(np.zeros((2, 3, 4), dtype=np.int64))
# call: plane_sums(rng.random((3, 2, 5)))
# call: ndim(np.zeros((1, 1, 1)))


def total(a):
    s = 0.0
    for i in range(a.shape[0]):
        for j in range(a.shape[1]):
            for k in range(a.shape[2]):
                s += a[i, j, k]
    return s


def get(a, i, j, k):
    return a[i, j, k]


def shape3(a):
    return a.shape


def fill_index(a):
    n0, n1, n2 = a.shape
    for i in range(n0):
        for j in range(n1):
            for k in range(n2):
                a[i, j, k] = i * 100 + j * 10 + k


def plane_sums(a):
    out = np.empty(a.shape[0])
    for i in range(a.shape[0]):
        s = 0.0
        for j in range(a.shape[1]):
            for k in range(a.shape[2]):
                s += a[i, j, k]
        out[i] = s
    return out


def ndim(a):
    return a.ndim
