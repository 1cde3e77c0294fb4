# Complex powers with CPython's algorithm: integer-valued exponents up to 100 by repeated
# squaring (as CPython and NumPy both compute them), others through the polar form; arrays with
# a scalar exponent element by element (the classic z = z**2 + c).
# export: scalars Tuple((c16, c16, c16, c16, c16, c16))(c16, f8)
# export: mandel_step i8[:, :](f8[:], f8[:], i8)
# export: array_powers Tuple((c16[:], c16[:], c16[:]))(c16[:])
# call: scalars(0.5 + 1.5j, 2.0)
# call: scalars(-1.25 - 0.5j, -3.0)
# close: scalars(2.0 + 0.0j, 0.5)
# call: mandel_step(np.linspace(-2.0, 0.5, 7), np.linspace(-1.0, 1.0, 5), 20)
# call: array_powers(rng.normal(size=6) + 1j * rng.normal(size=6))
import numpy as np


def scalars(z, x):
    return z ** 2, z ** 3, z ** -2, z ** x, (1 + 1j) ** 0, 2 ** z


def mandel_step(xs, ys, maxiter):
    c = xs[None, :] + 1j * ys[:, None]
    z = np.zeros_like(c)
    out = np.zeros(c.shape, dtype=np.int64)
    for it in range(maxiter):
        mask = np.abs(z) <= 2.0
        z[mask] = z[mask] ** 2 + c[mask]
        out[mask] += 1
    return out


def array_powers(z):
    return z ** 2, z ** 3.0, z ** -1
