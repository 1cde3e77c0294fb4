# cmath exp log log10 sqrt sin cos sinh cosh phase polar rect isnan isinf isfinite, with CPython's
# algorithms, so finite arguments give CPython's results bit for bit; real arguments are promoted.
# export: funcs Tuple((c16, c16, c16, c16, c16, c16, c16))(c16)
# export: more Tuple((c16, c16, f8, f8, f8, c16))(c16)
# export: real_args Tuple((c16, c16, c16))(f8)
# export: predicates Tuple((b1, b1, b1))(c16)
# export: on_array c16[:](c16[:])
# call: funcs(0.3 + 0.4j)
# call: funcs(-2.5 + 1.25j)
# call: funcs(1.0 - 0.0j)
# call: funcs(-0.7 - 3.1j)
# call: funcs(1e-310 + 1e-310j)
# call: funcs(709.0 + 0.5j)
# call: more(complex(-0.0, -0.5))
# call: more(2.0 + 1.0j)
# call: more(-1.0 + 0.0j)
# call: real_args(-4.0)
# call: real_args(0.0)
# call: real_args(-0.0)
# call: predicates(complex(1.0, float("nan")))
# call: predicates(complex(float("inf"), 1.0))
# call: on_array(np.array([1 + 1j, -2 + 0.5j, 0.25 - 3j]))
import cmath

import numpy as np


def funcs(z):
    return cmath.exp(z), cmath.log(z), cmath.sqrt(z), cmath.sin(z), cmath.cos(z), cmath.sinh(z), cmath.cosh(z)


def more(z):
    r, phi = cmath.polar(z)
    return cmath.log10(z), cmath.rect(r, phi), cmath.phase(z), r, phi, cmath.sqrt(z) * cmath.exp(-z)


def real_args(x):
    return cmath.sqrt(x), cmath.exp(x), cmath.cos(x)


def predicates(z):
    return cmath.isnan(z), cmath.isinf(z), cmath.isfinite(z)


def on_array(a):
    out = np.empty_like(a)
    for i in range(a.size):
        out[i] = cmath.sqrt(a[i]) + cmath.log(a[i])
    return out
