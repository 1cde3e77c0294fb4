# Returning tuples: UniTuple and heterogeneous Tuple, from scalars and arrays.
import numpy as np

# export: sum_diff UniTuple(f8, 2)(f8, f8)
# export: int_and_float Tuple((i8, f8))(i8, f8)
# export: minmax UniTuple(i8, 2)(i8[:])
# export: divmod_pair UniTuple(i8, 2)(i8, i8)
# export: stats Tuple((i8, f8, f8))(f8[:])
# export: with_array Tuple((f8[:], i8))(i8)
# export: triple UniTuple(i8, 3)(i8)
# export: flag_and_value Tuple((b1, f8))(f8)
# call: sum_diff(1.5, 0.25)
# call: sum_diff(-1.0, 3.0)
# call: int_and_float(3, 0.5)
# call: minmax(np.array([4, -2, 9, 0]))
# call: divmod_pair(-17, 5)
# call: stats(np.array([1.0, 4.0, 2.5]))
# call: with_array(3)
# call: triple(7)
# call: flag_and_value(-2.5)
# call: flag_and_value(2.5)


def sum_diff(a, b):
    return a + b, a - b


def int_and_float(n, x):
    return n * 2, x * n


def minmax(a):
    lo = a[0]
    hi = a[0]
    for i in range(1, len(a)):
        if a[i] < lo:
            lo = a[i]
        if a[i] > hi:
            hi = a[i]
    return lo, hi


def divmod_pair(a, b):
    return a // b, a % b


def stats(a):
    total = 0.0
    biggest = a[0]
    for i in range(len(a)):
        total += a[i]
        biggest = max(biggest, a[i])
    return len(a), total / len(a), biggest


def with_array(n):
    return np.ones(n), n


def triple(n):
    t = (n, n + 1, n + 2)
    return t


def flag_and_value(x):
    return x > 0, abs(x)
