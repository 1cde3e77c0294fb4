# Boolean-mask indexing (a read gives a new 1-d array in C order; a write assigns a scalar or an
# array of values, in order, to the selected elements) and 1-d integer-array indexing for reads
# (negative indices wrap; out-of-range ones raise IndexError). Writes reach the argument.
# `a[mask] op= v` is `a[mask] = a[mask] op v`, as NumPy runs it.
# export: select Tuple((f8[:], f8[:], i8[:]))(f8[:], f8[:, :], i8[:])
# export: assign void(f8[:], f8[:, :])
# export: assign_values void(f8[:], f8[:])
# export: take Tuple((f8[:], f8[:]))(f8[:], i8[:])
# export: take_2d_indices f8[:, :](f8[:], i8[:, :])
# export: clip_negative f8(f8[:])
# export: augmented Tuple((f8[:], i8[:]))(f8[:], i8[:])
# call: select(rng.normal(size=9), rng.normal(size=(3, 4)), np.arange(-4, 5))
# call: assign(rng.normal(size=7), rng.normal(size=(2, 5)))
# call: assign_values(np.array([1.0, -2.0, 3.0, -4.0]), np.array([10.0, 20.0]))
# call: take(rng.random(6), np.array([0, 5, -1, 2, 2]))
# raises: take(rng.random(3), np.array([0, 3])) IndexError
# call: take_2d_indices(rng.random(5), np.array([[0, 1], [4, -2]]))
# call: clip_negative(rng.normal(size=12))
# call: augmented(rng.normal(size=10), np.arange(-5, 5))
# raises: select(rng.normal(size=3), rng.normal(size=(3, 4)), np.arange(4)) IndexError
import numpy as np


def select(a, m, n):
    return a[a > 0.0], m[m < 0.5], n[n % 2 == 0] if a.size == n.size else n[a > 0.0]


def assign(a, m):
    a[a < 0.0] = 0.0
    m[m > 0.5] = -1.0


def assign_values(a, v):
    a[a < 0.0] = v


def take(a, i):
    return a[i], a[i[::-1]] * 2.0


def take_2d_indices(a, i):
    return a[i]


def clip_negative(a):
    a[a < 0] = 0
    return a.sum()


def augmented(a, n):
    a[a > 0.0] += 1.0
    a[a < -1.0] *= a[a < -1.0]
    n[n % 2 == 0] //= 2
    n[n < 0] -= 1
    return a, n
