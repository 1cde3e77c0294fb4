# Booleans in arithmetic count as 0 and 1, as in Python.
import numpy as np

# export: add_bools i8(b1, b1)
# export: count_positive i8(f8, f8, f8)
# export: scaled f8(b1, f8)
# export: neg_bool i8(b1)
# export: bool_to_float_array f8[:](f8[:])
# call: add_bools(True, True)
# call: add_bools(True, False)
# call: count_positive(1.0, -2.0, 3.0)
# call: scaled(True, 2.5)
# call: scaled(False, 2.5)
# call: neg_bool(True)
# call: bool_to_float_array(np.array([-1.0, 0.0, 2.0]))


def add_bools(a, b):
    return a + b


def count_positive(x, y, z):
    return (x > 0) + (y > 0) + (z > 0)


def scaled(flag, x):
    return flag * x


def neg_bool(flag):
    return -flag


def bool_to_float_array(a):
    out = np.empty(len(a))
    for i in range(len(a)):
        out[i] = a[i] > 0
    return out
