# np.empty_like, np.zeros_like and np.ones_like keep the dtype and shape of their argument.
import numpy as np

# export: doubled f8[:](f8[:])
# export: zeros_int i8[:, :](i8[:, :])
# export: ones_f4 f4[:](f4[:])
# export: zeros_from_fortran f8[:, :](f8[::1, :])
# export: ones_3d f8[:, :, :](f8[:, :, :])
# call: doubled(rng.random(6))
# call: doubled(np.zeros(0))
# call: zeros_int(np.arange(6).reshape(2, 3))
# call: ones_f4(np.arange(4, dtype=np.float32))
# call: zeros_from_fortran(np.asfortranarray(rng.random((3, 2))))
# call: ones_3d(rng.random((2, 2, 3)))


def doubled(a):
    out = np.empty_like(a)
    for i in range(len(a)):
        out[i] = 2 * a[i]
    return out


def zeros_int(a):
    out = np.zeros_like(a)
    out[0, 0] = a[-1, -1]
    return out


def ones_f4(a):
    out = np.ones_like(a)
    out[0] = a[-1]
    return out


def zeros_from_fortran(a):
    out = np.zeros_like(a)
    for i in range(a.shape[0]):
        out[i, 0] = a[i, 1]
    return out


def ones_3d(a):
    return np.ones_like(a)
