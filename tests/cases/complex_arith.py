# Complex arithmetic, parts, conjugate, abs, mixing with ints and floats, and equality.
# export: add c16(c16, c16)
# export: sub c16(c16, c16)
# export: mul c16(c16, c16)
# export: div c16(c16, c16)
# export: scale c16(c16, f8)
# export: shift c16(c16, i8)
# export: parts UniTuple(f8, 2)(c16)
# export: conj c16(c16)
# export: magnitude f8(c16)
# export: same b1(c16, c16)
# export: build c16(f8, f8)
# export: neg c16(c16)
# export: poly c16(c16)
# call: add(1 + 2j, 3 - 1j)
# call: sub(1 + 2j, 3 - 1j)
# call: mul(1 + 2j, 3 - 1j)
# call: mul(0.1 + 0.2j, 0.3 + 0.4j)
# call: div(1 + 2j, 3 - 4j)
# call: div(1 + 0j, 1e-200 + 1e-200j)
# call: div(-7.5 + 0.5j, 0.0 + 2j)
# call: scale(1.5 - 2j, -2.0)
# call: shift(1.5 - 2j, 3)
# call: parts(-1.5 + 2.5j)
# call: conj(1 - 1j)
# call: magnitude(3 + 4j)
# call: magnitude(0.1 + 0.7j)
# call: same(1 + 2j, 1 + 2j)
# call: same(1 + 2j, 1 - 2j)
# call: build(0.5, -0.25)
# call: neg(1.5 - 0j)
# call: poly(0.5 + 0.5j)
# raises: div(1 + 1j, 0j) ZeroDivisionError


def add(a, b):
    return a + b


def sub(a, b):
    return a - b


def mul(a, b):
    return a * b


def div(a, b):
    return a / b


def scale(z, x):
    return z * x


def shift(z, n):
    return z + n


def parts(z):
    return z.real, z.imag


def conj(z):
    return z.conjugate()


def magnitude(z):
    return abs(z)


def same(a, b):
    return a == b


def build(re, im):
    return complex(re, im) + 1j * re


def neg(z):
    return -z


def poly(z):
    return z * z * z - 2 * z + (1 - 1j)
