# Basic slicing makes views: start:stop:step (negative steps, omitted and out-of-range bounds)
# on any axis, mixed with integer indices and None; views share memory with their base
# (writes through a view reach the argument), views are returned as ndarray views, and slice
# assignment broadcasts a scalar or an array into the view.
# export: stencil f8[:](f8[:])
# export: rows Tuple((f8[:], f8[:], f8[:, :]))(f8[:, :])
# export: steps Tuple((i8[:], i8[:], i8[:], i8[:], i8[:]))(i8[:])
# export: newaxis f8[:, :](f8[:], f8[:])
# export: write_through void(f8[:, :])
# export: assign_slices void(f8[:, :], f8[:])
# export: sum_view f8(f8[:, :])
# export: view_of_temp f8[:](i8)
# export: diff2d f8[:, :](f8[:, :])
# call: stencil(rng.random(10))
# call: stencil(rng.random(3))
# call: rows(rng.random((4, 5)))
# call: rows(np.asfortranarray(rng.random((3, 6))))
# call: steps(np.arange(10))
# call: steps(np.arange(3))
# call: newaxis(rng.random(3), rng.random(4))
# call: write_through(np.zeros((3, 4)))
# call: assign_slices(np.zeros((4, 6)), rng.random(6))
# call: sum_view(rng.random((6, 7)))
# call: view_of_temp(6)
# call: diff2d(rng.random((5, 6)))
# raises: stencil(np.zeros(0)) IndexError
import numpy as np


def stencil(u):
    return u[2:] - 2 * u[1:-1] + u[:-2] if len(u) > 2 else u[0:0] + u[0]


def rows(m):
    return m[1], m[:, 2], m[::2, ::-1]


def steps(a):
    return a[::-1], a[1::3], a[-2:], a[-100:100], a[5:2:-1]


def newaxis(a, b):
    return a[:, None] * b[None, :]


def write_through(m):
    row = m[1]
    row[:] = 7.0
    col = m[:, -1]
    col += 1.0


def assign_slices(m, v):
    m[0] = v
    m[1:3, ::2] = 5.0
    m[-1, :] = v * 2


def sum_view(m):
    return m[1:-1, 1:-1].sum() + m[::3, 0].sum()


def view_of_temp(n):
    return np.arange(n * 2.0)[::2]


def diff2d(m):
    return m[1:, 1:] - m[:-1, :-1]
