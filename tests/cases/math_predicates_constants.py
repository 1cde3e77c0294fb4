# math.isnan isinf isfinite on floats and ints, and the constants pi e inf nan.
import math

# export: isnan b1(f8)
# export: isinf b1(f8)
# export: isfinite b1(f8)
# export: isnan_int b1(i8)
# export: isfinite_int b1(i8)
# export: pi f8()
# export: e f8()
# export: inf f8()
# export: neg_inf f8()
# export: nan f8()
# export: circle_area f8(f8)
# export: is_big b1(f8)
# call: isnan(math.nan)
# call: isnan(1.0)
# call: isnan(math.inf)
# call: isinf(math.inf)
# call: isinf(-math.inf)
# call: isinf(1e308)
# call: isfinite(1e308)
# call: isfinite(math.nan)
# call: isfinite(-math.inf)
# call: isnan_int(3)
# call: isfinite_int(-3)
# call: pi()
# call: e()
# call: inf()
# call: neg_inf()
# call: nan()
# call: circle_area(2.0)
# call: is_big(1e300)
# call: is_big(math.inf)


def isnan(x):
    return math.isnan(x)


def isinf(x):
    return math.isinf(x)


def isfinite(x):
    return math.isfinite(x)


def isnan_int(n):
    return math.isnan(n)


def isfinite_int(n):
    return math.isfinite(n)


def pi():
    return math.pi


def e():
    return math.e


def inf():
    return math.inf


def neg_inf():
    return -math.inf


def nan():
    return math.nan


def circle_area(r):
    return math.pi * r * r


def is_big(x):
    return x > 1e299 and x < math.inf
