# Rearranging shapes: .T / transpose() / np.transpose (views with the axes reversed), reshape with
# integers or a tuple and one -1 (a view of a C-contiguous array, otherwise a C-ordered copy, as
# NumPy does: also for strided arrays whose memory the new shape can walk with fixed strides,
# so writes through it reach the argument in every layout the harness tries), ravel / np.ravel
# (a view of C-contiguous data only), flatten (always a copy), fill; dtype= given as another array's
# .dtype; writes through a reshaped view reach the argument.
# export: transposes Tuple((f8[:, :], f8[:, :], f8[:, :], f8))(f8[:, :])
# export: reshapes Tuple((i8[:, :], i8[:, :], i8[:], i8[:], i8[:, :, :]))(i8[:])
# export: reshape_2d Tuple((f8[:], f8[:], f8[:, :]))(f8[:, :])
# export: write_view void(f8[::1])
# export: flat_copy f8[:](f8[:, :])
# export: filled f8[:, :](f8[:, :], f8)
# export: like_dtype Tuple((f4[:], i4[:]))(f4[:], i4[:])
# export: transpose_product f8[:, :](f8[:, :])
# export: ellipsis_pick f8(f8[:])
# export: reshape_writes f8[:, :](f8[:])
# call: transposes(rng.random((3, 4)))
# call: reshapes(np.arange(12))
# raises: reshapes(np.arange(10)) ValueError
# call: reshape_2d(rng.random((4, 6)))
# call: reshape_2d(rng.random((6, 8))[::2, 1:5])
# call: write_view(np.zeros(6))
# call: flat_copy(rng.random((3, 5)))
# call: filled(rng.random((2, 3)), 2.5)
# call: like_dtype(rng.random(4).astype(np.float32), np.arange(5, dtype=np.int32))
# call: transpose_product(rng.random((3, 4)))
# call: ellipsis_pick(rng.random(4))
# call: reshape_writes(np.arange(6.0))
import numpy as np


def transposes(a):
    t = a.T
    return t, a.transpose(), np.transpose(t), t[1, 2] + a[2, 1]


def reshapes(a):
    return a.reshape(3, 4), a.reshape((2, -1)), a.reshape(-1), np.ravel(a), np.reshape(a, (2, 3, 2))


def reshape_2d(a):
    return a.ravel(), a.reshape(-1) * 2.0, a.reshape(a.shape[1], a.shape[0])


def write_view(a):
    m = a.reshape(2, 3)
    m[1, :] = 7.0
    m[0, 0] = -1.0


def flat_copy(a):
    f = a.flatten()
    f[0] = 100.0
    return f + a.T.flatten()


def filled(a, v):
    b = np.empty_like(a)
    b.fill(v)
    a.fill(0.0)
    return b


def like_dtype(x, y):
    return np.zeros(3, dtype=x.dtype) + x[0], np.arange(4, dtype=y.dtype)


def transpose_product(a):
    return a.T.copy() * 2.0 - a.T


def ellipsis_pick(a):
    return a[..., -2] + a[...][0]


def reshape_writes(a):
    b = a.reshape(2, 3)
    b[0, 0] = -1.0
    b[1, :] += 10.0
    return b
