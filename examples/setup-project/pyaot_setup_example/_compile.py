"""The functions of the extension module pyaot_setup_example.geometry.

setup.py imports ``cc`` from here. Without compiling, this is an ordinary module.
"""

import math

from pyaot import CC

cc = CC('geometry')


@cc.export('hypot', 'f8(f8, f8)')
def hypot(x, y):
    return math.sqrt(x * x + y * y)


@cc.export('path_length', 'f8(f8[:], f8[:])')
def path_length(xs, ys):
    total = 0.0
    for i in range(1, len(xs)):
        total += hypot(xs[i] - xs[i - 1], ys[i] - ys[i - 1])
    return total


@cc.export('gcd', 'i8(i8, i8)')
def gcd(a, b):
    while b != 0:
        a, b = b, a % b
    return abs(a)


if __name__ == "__main__":
    cc.compile()
