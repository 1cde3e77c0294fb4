# Integer operators on many random operands (signs and magnitudes mixed), one row per operator.
# Python computes on Python ints (int() of each element), so the reference is CPython's.
import numpy as np

# export: int_ops i8[:, :](i8[:], i8[:])
# call: int_ops(rng.integers(-10**9, 10**9, 300), rng.integers(1, 1000, 300) * rng.choice(np.array([-1, 1]), 300))
# call: int_ops(rng.integers(-50, 50, 300), rng.integers(-7, 8, 300) | 1)


def int_ops(a, b):
    n = len(a)
    out = np.zeros((16, n), dtype=np.int64)
    for i in range(n):
        x = int(a[i])
        y = int(b[i])
        out[0, i] = x + y
        out[1, i] = x - y
        out[2, i] = x * y
        out[3, i] = x // y
        out[4, i] = x % y
        out[5, i] = x & y
        out[6, i] = x | y
        out[7, i] = x ^ y
        out[8, i] = x >> (abs(y) % 63)
        out[9, i] = (x % 1000) << (abs(y) % 40)
        out[10, i] = abs(x) + (-y)
        out[11, i] = min(x, y) * 3 + max(x, y, 7)
        out[12, i] = (x < y) + 2 * (x <= y) + 4 * (x == y) + 8 * (x != y) + 16 * (x > y) + 32 * (x >= y)
        out[13, i] = (x % 13) ** (abs(y) % 9)
        out[14, i] = ~x
        out[15, i] = -x // 7 + x % -7
    return out
