# raise inside a compiled function raises the same exception type as Python, and assert too.
import numpy as np

# export: checked_sqrt f8(f8)
# export: first_positive i8(f8[:])
# export: asserted i8(i8)
# call: checked_sqrt(6.25)
# call: first_positive(np.array([-1.0, 0.0, 2.0]))
# call: asserted(3)
# raises: checked_sqrt(-1.0) ValueError
# raises: first_positive(np.array([-1.0, -2.0])) IndexError
# raises: asserted(-3) AssertionError


def checked_sqrt(x):
    if x < 0:
        raise ValueError("negative input")
    return x ** 0.5


def first_positive(a):
    for i in range(len(a)):
        if a[i] > 0:
            return i
    raise IndexError("no positive element")


def asserted(n):
    assert n > 0, "n must be positive"
    return n * 2
