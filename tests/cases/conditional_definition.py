# A local assigned on some paths only is fine wherever Python would have assigned it.
# export: defined_if_positive i8(i8)
# export: last_match i8(i8[:], i8)
# call: defined_if_positive(5)
# call: defined_if_positive(-5)
# call: last_match(np.array([3, 1, 3, 2]), 3)
# call: last_match(np.array([3, 1, 3, 2]), 4)
import numpy as np


def defined_if_positive(n):
    if n > 0:
        y = n * 2
    if n > 0:
        return y
    return -1


def last_match(values, target):
    found = False
    for i in range(len(values)):
        if values[i] == target:
            where = i
            found = True
    if found:
        return where
    return -1
