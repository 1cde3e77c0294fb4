# for-loops over 1-d arrays, enumerate(), zip() (of arrays and ranges) and np.ndindex().
# export: total f8(f8[:])
# export: weighted f8(f8[:])
# export: dot f8(f8[:], f8[:])
# export: pairs i8(i8[:])
# export: grid f8(f8[:, :])
# export: count_shape i8(i8, i8, i8)
# export: first_negative i8(f8[:])
# export: ranges i8(i8, i8, i8)
# call: total(rng.random(10))
# call: total(rng.random(30)[::-3])
# call: total(np.empty(0))
# call: weighted(rng.random(7))
# call: dot(rng.random(5), rng.random(8))
# call: pairs(np.arange(10))
# call: grid(rng.random((3, 4)))
# call: grid(np.asfortranarray(rng.random((2, 5))))
# call: count_shape(2, 3, 4)
# call: count_shape(0, 3, 4)
# call: first_negative(np.array([1.0, 2.0, -3.0, -4.0]))
# call: first_negative(np.array([1.0, 2.0]))
# call: ranges(0, 10, 3)
# call: ranges(10, -5, -4)
# call: ranges(5, 5, 1)
import numpy as np


def total(a):
    s = 0.0
    for x in a:
        s += x
    return s


def weighted(a):
    s = 0.0
    for i, x in enumerate(a):
        s += i * x
    return s


def dot(a, b):
    s = 0.0
    for x, y in zip(a, b):
        s += x * y
    return s


def pairs(a):
    s = 0
    for i, (x, j) in enumerate(zip(a, range(100, 0, -7))):
        s += i * x - j
    return s


def grid(a):
    s = 0.0
    for i, j in np.ndindex(a.shape):
        s += a[i, j] * (i + 1) - j
    return s


def count_shape(n, m, k):
    c = 0
    for idx in np.ndindex(n, m, k):
        c += idx[0] * 100 + idx[1] * 10 + idx[2]
    return c


def first_negative(a):
    for i, x in enumerate(a):
        if x < 0:
            return i
    else:
        return -1
    return -2


def ranges(a, b, c):
    s = 0
    for i, j in zip(range(a, b, c), range(1000)):
        s += i * j
    return s
