"""Scalar functions, compiled into the extension module pyaot_example_src.scalars."""

import math

from pyaot import CC

cc = CC('scalars')


@cc.export('clamp', 'f8(f8, f8, f8)')
def clamp(x, low, high):
    return min(max(x, low), high)


@cc.export('fib', 'i8(i8)')
def fib(n):
    a, b = 0, 1
    for _ in range(n):
        a, b = b, a + b
    return a


@cc.export('rms', 'f8(f8, f8)')
def rms(mean, std):
    return math.sqrt(mean * mean + std * std)
