# C-contiguous, Fortran-contiguous and strided ('A') arrays, read and written.
import numpy as np

# export: total_a f8(f8[:, :])
# export: total_c f8(f8[:, ::1])
# export: total_f f8(f8[::1, :])
# export: total_explicit_a f8(Array(f8, 2, 'A'))
# export: total_1a f8(f8[:])
# export: total_1c f8(f8[::1])
# export: scale_a void(f8[:, :], f8)
# export: scale_1a void(f8[:], f8)
# export: first_column f8[:](f8[:, :])
# call: total_a(rng.random((3, 4)))
# call: total_a(np.asfortranarray(rng.random((3, 4))))
# call: total_a(rng.random((6, 8))[::2, 1::3])
# call: total_a(rng.random((4, 5)).T)
# call: total_a(rng.random((5, 4))[::-1, ::-2])
# call: total_c(rng.random((3, 4)))
# call: total_f(np.asfortranarray(rng.random((3, 4))))
# call: total_f(rng.random((4, 3)).T)
# call: total_explicit_a(rng.random((6, 8))[1::2, ::3])
# call: total_1a(rng.random(20)[::3])
# call: total_1a(rng.random(20)[::-2])
# call: total_1a(rng.random((4, 5))[:, 2])
# call: total_1c(rng.random(20))
# call: scale_a(rng.random((6, 8))[::2, ::3], 0.5)
# call: scale_a(np.asfortranarray(rng.random((3, 4))), -2.0)
# call: scale_1a(rng.random(12)[1::4], 3.0)
# call: first_column(np.asfortranarray(rng.random((4, 3))))
# call: first_column(rng.random((5, 6))[::2, 3:])


def total_a(m):
    s = 0.0
    for i in range(m.shape[0]):
        for j in range(m.shape[1]):
            s += m[i, j]
    return s


def total_c(m):
    return total_a(m)


def total_f(m):
    s = 0.0
    for i in range(m.shape[0]):
        for j in range(m.shape[1]):
            s += m[i, j]
    return s


def total_explicit_a(m):
    return total_a(m)


def total_1a(v):
    s = 0.0
    for i in range(v.shape[0]):
        s += v[i]
    return s


def total_1c(v):
    return total_1a(v)


def scale_a(m, factor):
    for i in range(m.shape[0]):
        for j in range(m.shape[1]):
            m[i, j] = m[i, j] * factor


def scale_1a(v, factor):
    for i in range(len(v)):
        v[i] *= factor


def first_column(m):
    out = np.empty(m.shape[0])
    for i in range(m.shape[0]):
        out[i] = m[i, 0]
    return out
