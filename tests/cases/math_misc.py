# math.hypot fabs copysign fmod, and floor ceil trunc (which return ints).
import math

# export: hypot f8(f8, f8)
# export: fabs f8(f8)
# export: fabs_int f8(i8)
# export: copysign f8(f8, f8)
# export: fmod f8(f8, f8)
# export: floor i8(f8)
# export: ceil i8(f8)
# export: trunc i8(f8)
# export: floor_int i8(i8)
# export: floor_sum i8(f8, f8)
# call: hypot(3.0, 4.0)
# call: hypot(1.0, 1.0)
# call: hypot(-5.0, 12.0)
# call: hypot(0.0, -0.0)
# call: hypot(math.inf, math.nan)
# call: fabs(-2.5)
# call: fabs(-0.0)
# call: fabs_int(-3)
# call: copysign(3.0, -0.0)
# call: copysign(-3.0, 1.0)
# call: copysign(0.0, -1.0)
# call: fmod(7.5, 2.0)
# call: fmod(-7.5, 2.0)
# call: fmod(7.5, -2.0)
# call: fmod(1.0, 0.1)
# call: fmod(-0.0, 1.0)
# call: floor(2.5)
# call: floor(-2.5)
# call: floor(-0.0)
# call: floor(1e15 + 0.5)
# call: ceil(2.1)
# call: ceil(-2.9)
# call: trunc(2.9)
# call: trunc(-2.9)
# call: floor_int(-7)
# call: floor_sum(0.7, 0.6)


def hypot(x, y):
    return math.hypot(x, y)


def fabs(x):
    return math.fabs(x)


def fabs_int(n):
    return math.fabs(n)


def copysign(x, y):
    return math.copysign(x, y)


def fmod(x, y):
    return math.fmod(x, y)


def floor(x):
    return math.floor(x)


def ceil(x):
    return math.ceil(x)


def trunc(x):
    return math.trunc(x)


def floor_int(n):
    return math.floor(n)


def floor_sum(a, b):
    return math.floor(a + b) + math.ceil(a - b)
