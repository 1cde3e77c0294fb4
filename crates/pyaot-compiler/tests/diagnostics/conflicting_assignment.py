# export: f f8(i8)
import numpy as np

def f(n):
    x = 1.5
    if n > 0:
        x = np.zeros(n)  # error[type-mismatch]
    return x
