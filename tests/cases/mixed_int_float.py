# Integers mix with floats: the integer converts to float.
# export: add f8(i8, f8)
# export: sub f8(f8, i8)
# export: mul f8(i8, f8)
# export: affine f8(i8, f8, i8)
# export: grow f8(i8)
# call: add(3, 0.5)
# call: add(-3, 0.25)
# call: add(9007199254740993, 0.0)
# call: sub(0.5, 3)
# call: sub(-0.0, 0)
# call: mul(3, 0.1)
# call: mul(-2, 2.5)
# call: mul(0, -1.5)
# call: affine(2, 1.5, -7)
# call: affine(-4, 0.1, 3)
# call: grow(5)


def add(a, b):
    return a + b


def sub(a, b):
    return a - b


def mul(a, b):
    return a * b


def affine(a, x, b):
    return a * x + b


def grow(n):
    x = 1
    for i in range(n):
        x = x * 1.5 + i
    return x
