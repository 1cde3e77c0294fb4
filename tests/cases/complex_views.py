# `.real` and `.imag` of a complex array are views: writes through them reach the array, and a
# returned part is an ndarray view of the argument; `.real` of a real array is the array itself.
# export: write_parts void(c16[:])
# export: parts Tuple((f8[:, :], f8[:, :]))(c16[:, :])
# export: real_of_real f8[:](f8[:])
# export: scaled c8[:](c8[:])
# call: write_parts(np.array([1 + 2j, 3 + 4j, -1 - 1j]))
# call: parts(rng.random((2, 3)) + 1j * rng.random((2, 3)))
# call: real_of_real(rng.random(4))
# call: scaled(np.array([1 + 1j, 2 - 3j], dtype=np.complex64))
import numpy as np


def write_parts(z):
    z.real[:] = 0.0
    z.imag[0] = -5.0
    z.imag[1:] *= 2.0


def parts(z):
    return z.real, z.imag.T.T


def real_of_real(x):
    r = x.real
    r[0] = 9.0
    return r * 1.0


def scaled(z):
    z.real[:] = z.real * 2.0
    return z
