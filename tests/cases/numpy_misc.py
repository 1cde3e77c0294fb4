# np.linalg.norm (2-norm / Frobenius, and along an axis), np.bincount (with minlength),
# np.meshgrid of two 1-d arrays, np.interp of increasing sample points (clamped outside).
# Norms are sums of squares; NumPy adds them with BLAS, in its own order, so they are `close:`.
# export: norms Tuple((f8, f8, f8[:], f8))(f8[:], f8[:, :], c16[:])
# export: counts Tuple((i8[:], i8[:]))(i8[:])
# export: grid Tuple((f8[:, :], f8[:, :]))(f8[:], f8[:])
# export: interpolate f8[:](f8[:], f8[:], f8[:])
# close: norms(rng.random(7), rng.random((3, 4)), rng.random(3) + 1j * rng.random(3))
# call: counts(np.array([0, 3, 3, 1, 7]))
# raises: counts(np.array([0, -1])) ValueError
# call: grid(np.arange(3.0), np.arange(4.0) * 2.0)
# call: interpolate(np.array([-1.0, 0.0, 0.5, 1.0, 2.5, 3.0, 9.0]), np.array([0.0, 1.0, 3.0]), np.array([10.0, 20.0, 0.0]))
import numpy as np


def norms(v, m, z):
    return np.linalg.norm(v), np.linalg.norm(m), np.linalg.norm(m, axis=1), np.linalg.norm(z)


def counts(x):
    return np.bincount(x), np.bincount(x, minlength=10)


def grid(x, y):
    X, Y = np.meshgrid(x, y)
    return X + Y, Y


def interpolate(x, xp, fp):
    return np.interp(x, xp, fp)
