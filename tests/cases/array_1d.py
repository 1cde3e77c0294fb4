# One-dimensional arrays: element reads and writes, negative indices, shape, size, ndim, len.
import numpy as np

# export: get f8(f8[:], i8)
# export: last f8(f8[:])
# export: set_and_sum f8(f8[:], i8, f8)
# export: shape0 i8(f8[:])
# export: size i8(f8[:])
# export: ndim i8(f8[:])
# export: length i8(i8[:])
# export: dot f8(f8[:], f8[:])
# export: reverse_in_place void(i8[:])
# export: count_positive i8(f8[::1])
# call: get(np.array([1.5, 2.5, 3.5]), 0)
# call: get(np.array([1.5, 2.5, 3.5]), 2)
# call: get(np.array([1.5, 2.5, 3.5]), -1)
# call: get(np.array([1.5, 2.5, 3.5]), -3)
# call: last(rng.random(7))
# call: set_and_sum(np.zeros(4), 1, 2.5)
# call: set_and_sum(np.ones(4), -1, -7.0)
# call: shape0(np.zeros(5))
# call: shape0(np.zeros(0))
# call: size(np.zeros(9))
# call: ndim(np.zeros(3))
# call: length(np.arange(11))
# call: dot(rng.random(10), rng.random(10))
# call: reverse_in_place(np.arange(7))
# call: reverse_in_place(np.arange(6))
# call: count_positive(rng.standard_normal(25))


def get(a, i):
    return a[i]


def last(a):
    return a[-1] + a[-2]


def set_and_sum(a, i, value):
    a[i] = value
    total = 0.0
    for k in range(a.size):
        total += a[k]
    return total


def shape0(a):
    return a.shape[0]


def size(a):
    return a.size


def ndim(a):
    return a.ndim


def length(a):
    return len(a)


def dot(a, b):
    total = 0.0
    for i in range(len(a)):
        total += a[i] * b[i]
    return total


def reverse_in_place(a):
    n = len(a)
    for i in range(n // 2):
        t = a[i]
        a[i] = a[n - 1 - i]
        a[n - 1 - i] = t


def count_positive(a):
    count = 0
    for i in range(a.shape[0]):
        if a[i] > 0:
            count += 1
    return count
