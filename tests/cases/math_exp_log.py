# math.sqrt exp log log10 log2 log1p expm1 pow, bit-identical to CPython's math module.
import math

# export: sqrt f8(f8)
# export: exp f8(f8)
# export: log f8(f8)
# export: log10 f8(f8)
# export: log2 f8(f8)
# export: log1p f8(f8)
# export: expm1 f8(f8)
# export: pow f8(f8, f8)
# export: sqrt_int f8(i8)
# call: sqrt(2.0)
# call: sqrt(0.0)
# call: sqrt(-0.0)
# call: sqrt(1e-320)
# call: sqrt(math.inf)
# call: sqrt_int(49)
# call: exp(1.0)
# call: exp(-745.5)
# call: exp(0.1)
# call: exp(-math.inf)
# call: log(2.0)
# call: log(1e-300)
# call: log(math.inf)
# call: log10(1000.0)
# call: log10(2.0)
# call: log2(1024.0)
# call: log2(3.0)
# call: log1p(1e-10)
# call: log1p(-0.5)
# call: expm1(1e-10)
# call: expm1(-2.0)
# call: pow(2.0, 0.5)
# call: pow(-2.0, 3.0)
# call: pow(10.0, -3.0)
# call: pow(0.0, 0.0)
# call: pow(1.0001, 10000.0)


def sqrt(x):
    return math.sqrt(x)


def exp(x):
    return math.exp(x)


def log(x):
    return math.log(x)


def log10(x):
    return math.log10(x)


def log2(x):
    return math.log2(x)


def log1p(x):
    return math.log1p(x)


def expm1(x):
    return math.expm1(x)


def pow(x, y):
    return math.pow(x, y)


def sqrt_int(n):
    return math.sqrt(n)
