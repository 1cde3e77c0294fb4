# math.sin cos tan asin acos atan atan2 sinh cosh tanh.
import math

# export: sin f8(f8)
# export: cos f8(f8)
# export: tan f8(f8)
# export: asin f8(f8)
# export: acos f8(f8)
# export: atan f8(f8)
# export: atan2 f8(f8, f8)
# export: sinh f8(f8)
# export: cosh f8(f8)
# export: tanh f8(f8)
# export: polar_angle f8(i8, i8)
# call: sin(0.5)
# call: sin(-0.0)
# call: sin(1e22)
# call: cos(0.5)
# call: cos(math.pi)
# call: tan(1.0)
# call: tan(-0.3)
# call: asin(0.5)
# call: asin(-1.0)
# call: acos(0.25)
# call: acos(1.0)
# call: atan(10.0)
# call: atan(-math.inf)
# call: atan2(1.0, 1.0)
# call: atan2(-0.0, -1.0)
# call: atan2(0.0, -1.0)
# call: atan2(-3.0, 0.0)
# call: sinh(0.7)
# call: sinh(-3.0)
# call: cosh(0.7)
# call: cosh(-3.0)
# call: tanh(0.7)
# call: tanh(-25.0)
# call: polar_angle(-1, 1)


def sin(x):
    return math.sin(x)


def cos(x):
    return math.cos(x)


def tan(x):
    return math.tan(x)


def asin(x):
    return math.asin(x)


def acos(x):
    return math.acos(x)


def atan(x):
    return math.atan(x)


def atan2(y, x):
    return math.atan2(y, x)


def sinh(x):
    return math.sinh(x)


def cosh(x):
    return math.cosh(x)


def tanh(x):
    return math.tanh(x)


def polar_angle(y, x):
    return math.atan2(y, x)
