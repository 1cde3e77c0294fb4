# Names imported with "from math import ...".
from math import sqrt, floor, pi, inf, exp, isnan

# export: norm f8(f8, f8)
# export: floor_half i8(f8)
# export: tau f8()
# export: clamp_inf f8(f8)
# export: gauss f8(f8)
# export: nan_to_zero f8(f8)
# call: norm(3.0, 4.0)
# call: norm(1.0, 2.0)
# call: floor_half(-3.0)
# call: tau()
# call: clamp_inf(1e308)
# call: clamp_inf(-1.0)
# call: gauss(0.5)
# call: nan_to_zero(float("nan"))
# call: nan_to_zero(2.5)


def norm(x, y):
    return sqrt(x * x + y * y)


def floor_half(x):
    return floor(x / 2)


def tau():
    return 2 * pi


def clamp_inf(x):
    if x * 10 == inf:
        return inf
    return x


def gauss(x):
    return exp(-x * x / 2) / sqrt(2 * pi)


def nan_to_zero(x):
    if isnan(x):
        return 0.0
    return x
