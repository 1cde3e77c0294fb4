# Integer + - * with negative operands, and polynomials of several operations.
# export: add i8(i8, i8)
# export: sub i8(i8, i8)
# export: mul i8(i8, i8)
# export: poly i8(i8)
# export: mixed_ops i8(i8, i8, i8)
# call: add(7, 2)
# call: add(-7, 2)
# call: add(-7, -2)
# call: add(0, 0)
# call: add(4611686018427387903, 4611686018427387904)
# call: sub(7, 9)
# call: sub(-7, -9)
# call: sub(-9223372036854775807, 1)
# call: mul(-7, 3)
# call: mul(-7, -3)
# call: mul(0, -5)
# call: mul(3037000499, 3037000499)
# call: poly(-3)
# call: poly(12)
# call: poly(0)
# call: mixed_ops(5, -3, 2)
# call: mixed_ops(-11, 4, -6)


def add(a, b):
    return a + b


def sub(a, b):
    return a - b


def mul(a, b):
    return a * b


def poly(x):
    return 3 * x * x - 2 * x + 7


def mixed_ops(a, b, c):
    return a * b - c * (a + b) + (a - c) * 2
