# export: f f8(f8[:, :])
import numpy as np

def f(a):
    w = np.linalg.eigvals(a)  # error[unsupported-syntax]
    return 0.0
