# Whole-array reductions as methods and NumPy functions, on every layout.
# Float sums use NumPy's pairwise summation, so results are bit-identical for 1-d and contiguous
# arrays in C order; for Fortran-ordered and non-contiguous N-d arrays and for complex sums the
# order differs from NumPy's, so those lines are `close:` (relative 1e-12).
# export: fsum f8(f8[:])
# export: fsum2 f8(f8[:, :])
# export: f4sum f4(f4[:])
# export: isum i8(i4[:])
# export: usum u8(u1[:])
# export: fprod f8(f8[:])
# export: iprod i8(i8[:, :])
# export: fmean f8(f8[:, :])
# export: imean f8(i8[:])
# export: extremes Tuple((f8, f8, i8, i8))(f8[:, :])
# export: iextremes Tuple((i4, i4, i8, i8))(i4[:])
# export: truth Tuple((b1, b1, b1, b1))(b1[:], f8[:])
# export: csum c16(c16[:])
# call: fsum(rng.random(1000))
# call: fsum(rng.random(37) - 0.5)
# call: fsum(rng.random(300)[::3])
# call: fsum(rng.random(0))
# call: fsum2(rng.random((30, 40)))
# close: fsum2(np.asfortranarray(rng.random((17, 9))))
# call: f4sum(rng.random(500).astype(np.float32))
# call: isum(rng.integers(-1000, 1000, 100).astype(np.int32))
# call: usum(rng.integers(0, 255, 100).astype(np.uint8))
# call: fprod(rng.random(20) + 0.5)
# call: iprod(rng.integers(1, 4, (3, 4)))
# call: fmean(rng.random((8, 16)))
# call: imean(rng.integers(-50, 50, 33))
# call: extremes(rng.random((5, 7)) - 0.5)
# call: extremes(np.array([[1.0, np.nan, 3.0], [np.nan, -1.0, 0.0]]))
# call: iextremes(np.array([3, -7, 9, -7, 9], dtype=np.int32))
# call: truth(np.array([True, False, True]), np.array([0.0, 1.5, 0.0]))
# call: truth(np.array([True, True]), np.array([2.0, 1.5]))
# close: csum(rng.random(10) + 1j * rng.random(10))
# raises: extremes(np.empty((0, 3))) ValueError
# raises: iextremes(np.empty(0, dtype=np.int32)) ValueError
import numpy as np


def fsum(a):
    return a.sum()


def fsum2(a):
    return np.sum(a)


def f4sum(a):
    return a.sum()


def isum(a):
    return np.sum(a)


def usum(a):
    return a.sum()


def fprod(a):
    return np.prod(a)


def iprod(a):
    return a.prod()


def fmean(a):
    return a.mean()


def imean(a):
    return np.mean(a)


def extremes(a):
    return a.min(), np.max(a), a.argmin(), np.argmax(a)


def iextremes(a):
    return np.min(a), a.max(), np.argmin(a), a.argmax()


def truth(b, x):
    return b.any(), b.all(), np.any(x), x.all()


def csum(z):
    return np.sum(z)
