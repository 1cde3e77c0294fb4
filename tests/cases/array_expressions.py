# Array expressions with NumPy broadcasting and NumPy's type promotion (Python scalars are
# "weak", NEP 50), comparisons giving bool arrays, unary operators, NumPy math ufuncs on arrays,
# NumPy's division by zero (inf/nan, 0 for integers), and in-place operators on arrays.
# export: axpy f8[:](f8, f8[:], f8[:])
# export: poly f8[:, :](f8[:, :])
# export: bcast f8[:, :](f8[:, :], f8[:])
# export: outer f8[:, :](f8[:], f8[:])
# export: f4_weak f4[:](f4[:])
# export: i4_ops Tuple((i4[:], f8[:], i4[:], i4[:]))(i4[:], i4[:])
# export: mixed f8[:](i8[:], f4[:])
# export: cmp Tuple((b1[:], b1[:], b1[:]))(f8[:], f8[:])
# export: unary Tuple((f8[:], i8[:], b1[:]))(f8[:], i8[:], b1[:])
# export: ufuncs Tuple((f8[:], f8[:], b1[:], f4[:], f8[:]))(f8[:], f4[:], i4[:])
# export: by_zero Tuple((f8[:], f8[:], i8[:], i8[:]))(f8[:], i8[:])
# export: inplace void(f8[:, :], f8[:])
# export: inplace_int void(i8[:], i8)
# export: cplx c16[:](c16[:], f8[:])
# call: axpy(2.5, rng.random(7), rng.random(7))
# call: axpy(-1.0, rng.random(20)[::2], rng.random(10))
# call: poly(rng.random((3, 4)))
# call: poly(np.asfortranarray(rng.random((3, 4))))
# call: bcast(rng.random((3, 4)), rng.random(4))
# call: bcast(rng.random((3, 1)), rng.random(4))
# call: outer(rng.random(3), rng.random(5))
# call: f4_weak(rng.random(6).astype(np.float32))
# call: i4_ops(rng.integers(-50, 50, 8).astype(np.int32), rng.integers(1, 9, 8).astype(np.int32))
# call: mixed(rng.integers(-5, 5, 6), rng.random(6).astype(np.float32))
# call: cmp(np.array([1.0, 2.0, np.nan, 4.0]), np.array([1.0, 3.0, 1.0, np.nan]))
# call: unary(rng.random(5) - 0.5, rng.integers(-9, 9, 5), np.array([True, False, True, True, False]))
# call: ufuncs(rng.random(6) * 4 - 1, rng.random(6).astype(np.float32), rng.integers(1, 100, 6).astype(np.int32))
# call: by_zero(np.array([1.0, -1.0, 0.0, 2.5]), np.array([7, -7, 0, 3]))
# call: inplace(rng.random((2, 3)), rng.random(3))
# call: inplace_int(np.arange(6), 3)
# call: cplx(rng.random(4) + 1j * rng.random(4), rng.random(4))
# raises: bcast(rng.random((3, 4)), rng.random(5)) ValueError
# raises: inplace(rng.random((2, 3)), rng.random(2)) ValueError
import numpy as np


def axpy(a, x, y):
    return a * x + y


def poly(x):
    return 3.0 * x ** 2 - 2.0 * x + 1.0


def bcast(m, v):
    return m * v - v / 2.0


def outer(a, b):
    return np.zeros((a.size, b.size)) + b * a[0]


def f4_weak(a):
    return a * 2.5 + 1


def i4_ops(a, b):
    return a + b * 3, a / b, a // b, a % b


def mixed(a, b):
    return a * b + 0.5


def cmp(a, b):
    return a < b, a == b, a != b


def unary(x, n, flags):
    return -x, ~n, ~flags


def ufuncs(x, y, n):
    return np.sqrt(np.abs(x)), np.exp(-x) * np.sin(x), np.isnan(np.log(x)), np.cos(y), np.sqrt(n)


def by_zero(x, n):
    zeros = np.zeros(4)
    izeros = np.zeros(4, dtype=np.int64)
    return x / zeros, x // zeros, n // izeros, n % izeros


def inplace(m, v):
    m += v
    m *= 2.0
    m -= 1


def inplace_int(a, k):
    a += k
    a //= 2


def cplx(z, x):
    return z * x + 1j
