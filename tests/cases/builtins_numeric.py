# The numeric builtins abs, min, max (two or more arguments), int, float, bool and complex.
# export: abs_i i8(i8)
# export: abs_f f8(f8)
# export: abs_c f8(c16)
# export: min2 i8(i8, i8)
# export: max3 i8(i8, i8, i8)
# export: min_f f8(f8, f8, f8, f8)
# export: max_mixed f8(i8, f8)
# export: min_mixed f8(f8, i8)
# export: to_int i8(f8)
# export: to_float f8(i8)
# export: bool_i b1(i8)
# export: bool_f b1(f8)
# export: make_complex c16(f8, f8)
# export: int_of_bool i8(b1)
# export: float_of_float f8(f8)
# call: abs_i(-7)
# call: abs_i(7)
# call: abs_i(-9223372036854775807)
# call: abs_f(-2.5)
# call: abs_f(-0.0)
# call: abs_f(-math.inf)
# call: abs_c(3 + 4j)
# call: abs_c(-1.5 - 2j)
# call: abs_c(1e300 + 1e300j)
# call: min2(3, -4)
# call: max3(3, 9, -4)
# call: max3(9, 9, 1)
# call: min_f(0.5, -0.25, 3.0, 1e-9)
# call: max_mixed(3, 2.5)
# call: max_mixed(2, 2.5)
# call: min_mixed(2.5, 3)
# call: min_mixed(-2.5, -3)
# call: to_int(2.7)
# call: to_int(-2.7)
# call: to_int(-0.5)
# call: to_int(1e15)
# call: to_float(7)
# call: to_float(-9007199254740993)
# call: bool_i(0)
# call: bool_i(-2)
# call: bool_f(0.0)
# call: bool_f(-0.0)
# call: bool_f(1e-300)
# call: make_complex(1.5, -2.0)
# call: make_complex(-0.0, 0.0)
# call: int_of_bool(True)
# call: int_of_bool(False)
# call: float_of_float(2.5)


def abs_i(x):
    return abs(x)


def abs_f(x):
    return abs(x)


def abs_c(z):
    return abs(z)


def min2(a, b):
    return min(a, b)


def max3(a, b, c):
    return max(a, b, c)


def min_f(a, b, c, d):
    return min(a, b, c, d)


def max_mixed(a, b):
    return max(a, b)


def min_mixed(a, b):
    return min(a, b)


def to_int(x):
    return int(x)


def to_float(n):
    return float(n)


def bool_i(n):
    return bool(n)


def bool_f(x):
    return bool(x)


def make_complex(re, im):
    return complex(re, im)


def int_of_bool(b):
    return int(b) + 0


def float_of_float(x):
    return float(x) * 2
