# Array creation: full, full_like, arange, linspace, copy/.copy(), astype, eye/identity,
# np.array of literal lists and tuples, with dtype= given in every accepted form.
# export: filled f8[:, :](i8, i8, f8)
# export: filled_int i4[:](i8)
# export: like c16[:](f8[:])
# export: ar_int i8[:](i8, i8, i8)
# export: ar_stop i8[:](i8)
# export: ar_float f8[:](f8, f8, f8)
# export: ar_dtype f4[:](i8)
# export: lin f8[:](f8, f8, i8)
# export: lin_open f8[:](f8, f8, i8)
# export: lin_default f8[:](f8, f8)
# export: copies Tuple((f8[:, :], f8[:, :], i4[:, :]))(f8[:, :])
# export: eyes Tuple((f8[:, :], i8[:, :], f4[:, :]))(i8)
# export: literal Tuple((i8[:], f8[:, :], b1[:], u1[:]))(f8)
# call: filled(2, 3, 1.5)
# call: filled(0, 3, 1.5)
# call: filled_int(4)
# call: like(rng.random(5))
# call: ar_int(0, 10, 3)
# call: ar_int(10, -5, -4)
# call: ar_int(5, 5, 1)
# call: ar_stop(7)
# call: ar_stop(0)
# call: ar_float(0.1, 1.0, 0.1)
# call: ar_float(1.0, 0.0, -0.3)
# call: ar_float(-2.5, 7.25, 0.75)
# call: ar_dtype(6)
# call: lin(0.0, 1.0, 11)
# call: lin(-3.5, 2.0, 7)
# call: lin(2.0, 2.0, 4)
# call: lin(0.0, 1.0, 1)
# call: lin(0.0, 1.0, 0)
# call: lin_open(0.0, 1.0, 10)
# call: lin_default(-1.0, 1.0)
# call: copies(rng.random((3, 4)) * 10)
# call: copies(np.asfortranarray(rng.random((2, 3)) * 10))
# call: copies(rng.random((6, 8))[::2, ::3] * 10)
# call: eyes(3)
# call: eyes(0)
# call: literal(2.5)
# raises: ar_int(0, 10, 0) ZeroDivisionError
# raises: lin(0.0, 1.0, -1) ValueError
import numpy as np


def filled(m, n, v):
    return np.full((m, n), v)


def filled_int(n):
    return np.full(n, 7, dtype=np.int32)


def like(a):
    return np.full_like(a, 2.0, dtype=complex)


def ar_int(a, b, c):
    return np.arange(a, b, c)


def ar_stop(n):
    return np.arange(n)


def ar_float(a, b, c):
    return np.arange(a, b, c)


def ar_dtype(n):
    return np.arange(0, n, dtype='f4')


def lin(a, b, n):
    return np.linspace(a, b, n)


def lin_open(a, b, n):
    return np.linspace(a, b, num=n, endpoint=False)


def lin_default(a, b):
    return np.linspace(a, b)


def copies(a):
    return a.copy(), np.copy(a), a.astype(np.int32)


def eyes(n):
    return np.eye(n), np.eye(n, n + 1, k=1, dtype=np.int64), np.identity(n, dtype=np.float32)


def literal(x):
    return np.array([1, 2, 3]), np.array([[x, 1.0], [2.0, x * 2]]), np.array((True, False)), np.array([1, 200], dtype=np.uint8)
