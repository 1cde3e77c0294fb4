# NumPy ufuncs of complex scalars and arrays: sqrt exp log sin cos tan sinh cosh tanh arcsin
# arccos arctan, computed with the C library's complex functions, as NumPy does (so equal to
# NumPy bit for bit for complex128); complex64 is computed in complex128 and rounded.
# export: arrays Tuple((c16[:], c16[:], c16[:], c16[:], c16[:], c16[:]))(c16[:])
# export: more c16[:](c16[:])
# export: scalars Tuple((c16, c16, c16))(c16)
# export: mixed c16[:](f8[:], c16)
# call: arrays(rng.normal(size=7) + 1j * rng.normal(size=7))
# call: more(rng.normal(size=5) + 1j * rng.normal(size=5))
# call: scalars(0.5 - 1.25j)
# call: mixed(rng.random(4), 1j)
import numpy as np


def arrays(z):
    return np.sqrt(z), np.exp(z), np.log(z), np.sin(z), np.cos(z) * 2.0, np.tanh(z) + z


def more(z):
    return np.tan(z) + np.sinh(z) - np.cosh(z) + np.arcsin(z) * np.arccos(z) / np.arctan(z)


def scalars(w):
    return np.sqrt(w), np.exp(w), np.log(w)


def mixed(x, c):
    return np.exp(x * c)
