# Arrays of other dtypes: int32, int8, uint8, float32, bool and complex128 elements.
import numpy as np

# export: sum_i4 i8(i4[:])
# export: max_i1 i8(i1[:])
# export: sum_u1 i8(u1[:])
# export: sum_f4 f8(f4[:])
# export: count_true i8(b1[:])
# export: sum_c16 c16(c16[:])
# export: halve_i4 void(i4[:])
# export: store_f4 void(f4[:], f8)
# export: to_f8 f8[:](i4[:])
# export: store_truncates void(i8[:], f8)
# call: sum_i4(np.arange(-5, 10, dtype=np.int32))
# call: max_i1(np.array([-128, 5, 127, -3], dtype=np.int8))
# call: sum_u1(np.array([255, 255, 1, 0], dtype=np.uint8))
# call: sum_f4(np.arange(8, dtype=np.float32) / np.float32(4))
# call: count_true(np.array([True, False, True, True]))
# call: sum_c16(np.array([1 + 2j, -0.5 + 0.25j, 3j]))
# call: halve_i4(np.array([7, -7, 8, -9], dtype=np.int32))
# call: store_f4(np.zeros(3, dtype=np.float32), 0.1)
# call: to_f8(np.array([1, -2, 2147483647], dtype=np.int32))
# call: store_truncates(np.zeros(3, dtype=np.int64), 2.7)
# call: store_truncates(np.zeros(3, dtype=np.int64), -2.7)


def sum_i4(a):
    total = 0
    for i in range(len(a)):
        total += int(a[i])
    return total


def max_i1(a):
    best = int(a[0])
    for i in range(1, len(a)):
        if a[i] > best:
            best = int(a[i])
    return best


def sum_u1(a):
    total = 0
    for i in range(len(a)):
        total = total + int(a[i])
    return total


def sum_f4(a):
    total = 0.0
    for i in range(len(a)):
        total += float(a[i])
    return total


def count_true(a):
    count = 0
    for i in range(len(a)):
        if a[i]:
            count += 1
    return count


def sum_c16(a):
    total = 0j
    for i in range(len(a)):
        total += a[i]
    return total


def halve_i4(a):
    for i in range(len(a)):
        a[i] = a[i] // 2


def store_f4(a, x):
    a[0] = x
    a[1] = x * 3
    a[2] = -x


def to_f8(a):
    out = np.empty(len(a))
    for i in range(len(a)):
        out[i] = a[i]
    return out


def store_truncates(a, x):
    a[0] = x
    a[1] = x * 10
    a[2] = -x
