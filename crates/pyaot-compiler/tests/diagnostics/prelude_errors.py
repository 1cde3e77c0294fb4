# export: f f8[:, :, :](f8[:, :, :])
# export: g f8[:](f8[:], f8)
import numpy as np


def f(a):
    return np.diff(a)  # error[unsupported-type]


def g(a, k):
    return np.roll(a, k)  # error[type-mismatch]
