# Python's sum(), min() and max() over a 1-d array take its items in order, as CPython does
# (sum adds sequentially from 0; min/max keep the first of equal items); an empty array raises.
# export: totals Tuple((f8, i8, f8, f8, i8, i8))(f8[:], i8[:])
# call: totals(rng.random(50), rng.integers(-9, 9, 20))
# call: totals(np.array([3.0, -1.0, 3.0]), np.array([5]))
# raises: totals(np.zeros(0), np.array([1])) ValueError
import numpy as np


def totals(x, n):
    return sum(x), sum(n), min(x), max(x), min(n), max(n) + min(3, 4)
