# min and max keep Python's rule: the first argument wins unless a later one compares strictly
# smaller (min) or larger (max). So NaN and signed zeros come out as in CPython.
import math

# export: min2 f8(f8, f8)
# export: max2 f8(f8, f8)
# export: min3 f8(f8, f8, f8)
# call: min2(math.nan, 1.0)
# call: min2(1.0, math.nan)
# call: max2(math.nan, 1.0)
# call: max2(1.0, math.nan)
# call: min2(0.0, -0.0)
# call: min2(-0.0, 0.0)
# call: max2(-0.0, 0.0)
# call: max2(0.0, -0.0)
# call: min3(2.0, math.nan, 1.0)


def min2(a, b):
    return min(a, b)


def max2(a, b):
    return max(a, b)


def min3(a, b, c):
    return min(a, b, c)
