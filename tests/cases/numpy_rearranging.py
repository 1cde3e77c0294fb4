# Rearranging arrays with prelude functions: np.diff (order n, 2-d along either axis), np.roll
# (flattened and along an axis, negative shifts), np.tile and np.repeat (integer counts),
# np.copyto with broadcasting, np.nonzero and one-argument np.where, np.concatenate of tuples of
# 1-d and 2-d arrays (dtype promoted), np.sort / a.sort() / np.argsort of 1-d arrays (NaN last).
# pyaot's argsort is stable (equal keys keep their order, as kind='stable'); NumPy's default
# quicksort may order ties otherwise, so the argsort inputs here have distinct values.
# export: diffs Tuple((f8[:], f8[:], i4[:], f8[:, :], f8[:, :]))(f8[:], i4[:], f8[:, :])
# export: rolls Tuple((f8[:], f8[:], f8[:, :], f8[:, :], f8[:, :]))(f8[:], f8[:, :])
# export: tiles Tuple((i8[:], i8[:, :], i8[:], i8[:, :], i8[:, :]))(i8[:], i8[:, :])
# export: copy_into void(f8[:, :], f8[:])
# export: positions Tuple((i8[:], i8[:], i8[:], i8[:]))(f8[:], f8[:, :])
# export: joins Tuple((f8[:], f8[:], f8[:, :], f8[:, :]))(f8[:], i4[:], f8[:, :])
# export: sorting Tuple((f8[:], i8[:], i8[:], f8[:]))(f8[:], i8[:])
# export: mismatched f8[:, :](f8[:, :], f8[:, :])
# call: diffs(rng.random(9), np.arange(0, 20, 3, dtype=np.int32), rng.random((4, 5)))
# call: rolls(np.arange(7.0), rng.random((3, 4)))
# call: rolls(np.zeros(0), rng.random((2, 1)))
# call: tiles(np.arange(4), np.arange(6).reshape(2, 3))
# call: copy_into(np.zeros((3, 4)), rng.random(4))
# call: positions(np.array([0.0, 1.0, 0.0, 2.0]), np.array([[0.0, 3.0], [4.0, 0.0], [5.0, 6.0]]))
# call: joins(rng.random(3), np.arange(4, dtype=np.int32), rng.random((2, 3)))
# raises: mismatched(rng.random((2, 3)), rng.random((2, 2))) ValueError
# call: sorting(rng.normal(size=40), rng.permutation(25) - 9)
# call: sorting(np.array([3.0, np.nan, -1.0, np.inf, 0.5, np.nan, -np.inf]), np.array([2, 3, 1]))
import numpy as np


def diffs(a, n, m):
    return np.diff(a), np.diff(a, 2), np.diff(n), np.diff(m, axis=0), np.diff(m)


def rolls(a, m):
    return np.roll(a, 2), np.roll(a, -3), np.roll(m, 1, axis=1), np.roll(m, -1, axis=0), np.roll(m, 5)


def tiles(a, m):
    return np.tile(a, 3), np.tile(m, 2), np.repeat(a, 2), np.repeat(m, 2, axis=0), np.repeat(m, 3, axis=1)


def copy_into(d, s):
    np.copyto(d, s)
    np.copyto(d[0], 1.5)


def positions(a, m):
    (i,) = np.nonzero(a)
    r, c = np.where(m > 0.0)
    (j,) = np.where(a == 0.0)
    return i, r, c, j


def joins(a, n, m):
    return np.concatenate((a, a)), np.concatenate((a, n, a)), np.concatenate((m, m), axis=0), np.concatenate((m, m, m), axis=1)


def sorting(a, n):
    s = np.sort(a)
    b = a.copy()
    b.sort()
    return s, np.argsort(n), np.sort(n), b


def mismatched(a, b):
    return np.concatenate((a, b))
