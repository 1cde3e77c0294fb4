# np.empty, np.zeros and np.ones with an int or tuple shape and a dtype.
import numpy as np

# export: zeros f8[:](i8)
# export: ones_2d f8[:, :](i8, i8)
# export: squares_i4 i4[:](i8)
# export: empty_filled f8[:, :](i8)
# export: flags b1[:](i8)
# export: ones_f4 f4[:](i8)
# export: zeros_3d i8[:, :, :](i8)
# export: ones_u1 u1[:](i8)
# export: zeros_c16 c16[:](i8)
# export: ones_dtype_positional i8[:](i8)
# export: ones_tuple_1 f8[:](i8)
# call: zeros(4)
# call: zeros(0)
# call: ones_2d(2, 3)
# call: squares_i4(6)
# call: empty_filled(3)
# call: flags(7)
# call: ones_f4(3)
# call: zeros_3d(2)
# call: ones_u1(5)
# call: zeros_c16(3)
# call: ones_dtype_positional(4)
# call: ones_tuple_1(3)


def zeros(n):
    return np.zeros(n)


def ones_2d(n, m):
    return np.ones((n, m))


def squares_i4(n):
    a = np.zeros(n, dtype=np.int32)
    for i in range(n):
        a[i] = i * i
    return a


def empty_filled(n):
    a = np.empty((n, 2))
    for i in range(n):
        a[i, 0] = i
        a[i, 1] = -i / 2
    return a


def flags(n):
    a = np.zeros(n, dtype=np.bool_)
    for i in range(0, n, 3):
        a[i] = True
    return a


def ones_f4(n):
    a = np.ones(n, dtype=np.float32)
    a[0] = 0.5
    return a


def zeros_3d(n):
    a = np.zeros((n, n + 1, 2), dtype=np.int64)
    a[-1, -1, -1] = 7
    return a


def ones_u1(n):
    a = np.ones(n, dtype=np.uint8)
    a[1] = 255
    return a


def zeros_c16(n):
    a = np.zeros(n, dtype=np.complex128)
    a[1] = 1.5 - 2j
    return a


def ones_dtype_positional(n):
    return np.ones(n, np.int64)


def ones_tuple_1(n):
    return np.ones((n,))
