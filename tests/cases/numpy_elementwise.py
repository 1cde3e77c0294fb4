# Elementwise NumPy functions beyond the math ufuncs: minimum, maximum (NaN propagates), where
# with three arguments, clip, sign, square, abs/absolute (any dtype), power (integers stay
# integers), conj/real/imag (functions, methods and attributes),
# on scalars and on arrays with broadcasting and NumPy's dtype rules (Python scalars are weak).
# (Which zero np.minimum(-0.0, 0.0) gives depends on NumPy's SIMD path, so no case relies on it.)
# export: minmax Tuple((f8[:], f8[:], f8, i8))(f8[:], f8[:])
# export: ints Tuple((i4[:], i8[:, :], i4[:]))(i4[:], i8[:])
# export: choose Tuple((f8[:, :], f8[:], i8[:]))(f8[:, :], f8[:], i8[:])
# export: clipping Tuple((f8[:, :], i8[:], f8))(f8[:, :], i8[:], f8)
# export: signs Tuple((f8[:], i8[:], f8[:], f8))(f8[:], i8[:])
# export: abs_power Tuple((i8[:], f8[:], f8[:], i8[:], f8[:], i8))(i8[:], f8[:], c16[:])
# export: complex_parts Tuple((f8[:], f8[:], c16[:], c16[:], f8[:]))(c16[:], f8[:])
# call: minmax(rng.random(7), rng.random(7))
# call: minmax(np.array([1.0, np.nan, -1.0, 3.0]), np.array([np.nan, 2.0, 0.0, 3.0]))
# call: ints(np.arange(-3, 4, dtype=np.int32), np.arange(5))
# call: choose(rng.random((3, 4)), rng.random(4), np.arange(6))
# call: clipping(rng.normal(size=(3, 5)), np.arange(-5, 5), 0.3)
# call: clipping(np.array([[np.nan, 0.2], [2.0, -1.0]]), np.arange(3), np.nan)
# call: signs(np.array([-2.5, -0.0, 0.0, 3.0, np.nan, -np.inf]), np.arange(-3, 3))
# call: abs_power(np.arange(-4, 4), rng.normal(size=5), rng.normal(size=3) + 1j * rng.normal(size=3))
# call: complex_parts(rng.random(5) + 1j * rng.random(5), rng.random(5))
import numpy as np


def minmax(a, b):
    return np.minimum(a, b), np.maximum(a, 0.5), np.minimum(2.0, 3), np.maximum(4, -1)


def ints(a, b):
    return np.maximum(a, 1), np.minimum(b[:, np.newaxis], b), np.minimum(a, a[::-1])


def choose(a, b, n):
    return np.where(a > 0.5, a, b), np.where(b > 0.3, 1.0, -1.0), np.where(n % 2 == 0, n, -n)


def clipping(a, n, x):
    return np.clip(a, -0.5, 0.5), np.clip(n, -2, 3), np.clip(x, 0.0, 1.0)


def signs(a, n):
    return np.sign(a), np.sign(n), np.square(a), np.square(3.0)


def complex_parts(z, x):
    return z.real, np.imag(z), np.conj(z), z.conjugate() * 2.0, x.imag + np.real(x)


def abs_power(n, x, z):
    return np.abs(n), np.absolute(x), np.abs(z), np.power(n, 2), np.power(x, 3), np.power(2, 10)
