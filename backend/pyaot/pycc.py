"""``numba.pycc``'s spelling, so that ``from pyaot.pycc import CC`` works after changing one word."""

from pyaot.cc import CC

__all__ = ["CC"]
