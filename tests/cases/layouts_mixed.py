# Arrays of different layouts in one call (C with F, strided with reversed, transposed views,
# a C-contiguous parameter beside an 'A' one): element-wise expressions and broadcasting
# between them, slice assignment and in-place operators from one layout into another, integer
# reductions and arg-reductions (flat indices in C order), and a view of an argument returned.
# The layout variants of test_case then put the 'A' arguments into further layouts.
import numpy as np

# export: combine f8[:, :](f8[:, :], f8[:, :])
# export: scale_rows f8[:, :](f8[:, :], f8[:])
# export: copy_into void(f8[:, :], f8[:, :])
# export: add_flipped void(f8[:, :], f8[:, :])
# export: matvec f8[:](f8[:, :], f8[:])
# export: int_total i8(i8[:, :, :])
# export: arg_extremes Tuple((i8, i8))(f8[:, :])
# export: flipped_corner f8[:, :](f8[:, :])
# export: blend f8[:, :, :](f8[:, :, :], f8[:, :, :], f8)
# export: weighted f8(f8[:, ::1], f8[:, :])
# call: combine(rng.random((3, 4)), np.asfortranarray(rng.random((3, 4))))
# call: combine(rng.random((8, 6))[::2, 1::2], rng.random((4, 3))[::-1])
# call: combine(rng.random((4, 3)).T, rng.random((3, 4)))
# call: scale_rows(np.asfortranarray(rng.random((3, 5))), rng.random(6)[::2])
# call: scale_rows(rng.random((5, 3)).T, rng.random(3)[::-1])
# call: copy_into(np.zeros((3, 4)), np.asfortranarray(rng.random((3, 4))))
# call: copy_into(np.asfortranarray(np.zeros((3, 4))), rng.random((4, 3)).T[::-1])
# call: copy_into(np.zeros((6, 8))[::2, ::-2], rng.random((3, 4)))
# call: add_flipped(np.asfortranarray(rng.random((4, 2))), rng.random((4, 2)))
# call: add_flipped(rng.random((8, 2))[::2], rng.random((2, 4)).T)
# call: matvec(rng.random((5, 4)).T, rng.random(10)[::2])
# call: matvec(np.asfortranarray(rng.random((3, 3))), rng.random(3)[::-1])
# call: int_total(rng.integers(-9, 9, (3, 4, 5)).transpose(2, 0, 1))
# call: int_total(np.asfortranarray(rng.integers(-9, 9, (2, 3, 4))))
# call: arg_extremes(np.asfortranarray(rng.random((4, 5))))
# call: arg_extremes(rng.random((5, 4)).T[::-1])
# call: flipped_corner(np.asfortranarray(rng.random((4, 5))))
# call: flipped_corner(rng.random((6, 10))[::2, ::3])
# call: blend(np.asfortranarray(rng.random((2, 3, 4))), rng.random((4, 6, 8))[::2, ::2, ::2], 0.25)
# call: blend(rng.random((4, 3, 2)).transpose(2, 1, 0), rng.random((2, 3, 4))[:, ::-1], 0.5)
# call: weighted(rng.random((3, 4)), np.asfortranarray(rng.random((3, 4))))
# call: weighted(rng.random((3, 4)), rng.random((6, 4))[::-2])
# raises: combine(rng.random((3, 4)), np.asfortranarray(rng.random((4, 3)))) ValueError


def combine(x, y):
    return 2.0 * x - y * y + 1.0


def scale_rows(m, v):
    return m * v[:, None] + v[:, None]


def copy_into(dst, src):
    dst[:, :] = src


def add_flipped(dst, src):
    dst += src[::-1, :]


def matvec(m, v):
    out = np.zeros(m.shape[0])
    for i in range(m.shape[0]):
        for j in range(m.shape[1]):
            out[i] += m[i, j] * v[j]
    return out


def int_total(a):
    return np.sum(a) + a.sum() * 2


def arg_extremes(m):
    return np.argmin(m), m.argmax()


def flipped_corner(m):
    return m[1:, ::-1]


def blend(x, y, t):
    return (1.0 - t) * x + t * y


def weighted(c, a):
    s = 0.0
    for i in range(c.shape[0]):
        for j in range(c.shape[1]):
            s += c[i, j] * a[i, j]
    return s
