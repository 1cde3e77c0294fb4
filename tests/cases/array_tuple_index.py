# Indexing an array with a tuple held in a variable, as well as with indices written out.
import numpy as np

# export: at f8(f8[:, :], i8, i8)
# export: at3 i8(i8[:, :, :], UniTuple(i8, 3))
# export: put void(f8[:, :], i8, i8, f8)
# call: at(np.arange(6.0).reshape(2, 3), 1, 1)
# call: at(np.arange(6.0).reshape(2, 3), -1, -3)
# call: at3(np.arange(24).reshape(2, 3, 4), (1, 2, 3))
# call: put(np.zeros((2, 3)), 0, 2, 4.5)


def at(m, i, j):
    index = (i, j)
    return m[index] * 2


def at3(a, index):
    return a[index]


def put(m, i, j, value):
    where = (i, j)
    m[where] = value
