# Float + - * / with negative operands and rounding: results are bit-identical to CPython's.
# export: add f8(f8, f8)
# export: sub f8(f8, f8)
# export: mul f8(f8, f8)
# export: div f8(f8, f8)
# export: horner f8(f8)
# export: mean3 f8(f8, f8, f8)
# call: add(0.1, 0.2)
# call: add(-1.5, 1.5)
# call: add(1e308, 1e308)
# call: add(-0.0, -0.0)
# call: add(-0.0, 0.0)
# call: sub(0.3, 0.1)
# call: sub(1e-320, 2e-320)
# call: sub(0.0, 0.0)
# call: mul(-2.5, 4.0)
# call: mul(0.1, 3.0)
# call: mul(-0.0, 5.0)
# call: mul(1e200, 1e200)
# call: mul(math.inf, -2.0)
# call: div(1.0, 3.0)
# call: div(-7.5, 2.0)
# call: div(1.0, -math.inf)
# call: div(2.0, 1e-310)
# call: horner(1.1)
# call: horner(-2.75)
# call: mean3(0.1, 0.7, -0.25)
# call: add(math.nan, 1.0)


def add(a, b):
    return a + b


def sub(a, b):
    return a - b


def mul(a, b):
    return a * b


def div(a, b):
    return a / b


def horner(x):
    return ((0.5 * x - 1.25) * x + 3.0) * x - 0.1


def mean3(a, b, c):
    return (a + b + c) / 3
