# Module-level numeric constants are read as compile-time constants.
# export: scale f8(f8)
# export: low_bits i8(i8)
# export: big f8()
# export: signed_by_flag f8(f8)
# export: threshold_count i8(f8, f8, f8)
# export: int_const i8()
# export: sized f8[:]()
import numpy as np

SCALE = 3
OFFSET = -2.5
BIG = 1.5e10
LIMIT = 0x7F
FLAG = True
THRESHOLD = 0.5
NEGATIVE = -42
SIZE = 4
# call: scale(2.0)
# call: scale(-1.25)
# call: low_bits(1000)
# call: low_bits(-1)
# call: big()
# call: signed_by_flag(3.5)
# call: threshold_count(0.1, 0.5, 0.9)
# call: int_const()
# call: sized()


def scale(x):
    return x * SCALE + OFFSET


def low_bits(n):
    return n & LIMIT


def big():
    return BIG * 2


def signed_by_flag(x):
    return x if FLAG else -x


def threshold_count(a, b, c):
    count = 0
    if a > THRESHOLD:
        count += 1
    if b > THRESHOLD:
        count += 1
    if c > THRESHOLD:
        count += 1
    return count


def int_const():
    return NEGATIVE * SCALE


def sized():
    a = np.zeros(SIZE)
    a[SIZE - 1] = SCALE
    return a
