# export: f (i8)
import numpy as np

def f(n):
    if n > 0:
        return n
    return np.zeros(3)  # error[type-mismatch]
