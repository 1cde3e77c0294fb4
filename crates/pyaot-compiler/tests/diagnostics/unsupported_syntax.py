# export: f f8(f8[:])
import numpy as np

def f(a):
    g = lambda x: x  # error[unsupported-syntax]
    squares = [x * x for x in a]  # error[unsupported-syntax]
    try:  # error[unsupported-syntax]
        pass
    except ValueError:
        pass
    d = {1: 2}  # error[unsupported-syntax]
    return 0.0
