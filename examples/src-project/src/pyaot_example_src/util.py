"""Plain Python on top of the compiled modules."""

import numpy as np

from pyaot_example_src import kernels, scalars


def summary(values):
    """Mean, standard deviation and root mean square of ``values`` (any sequence of numbers)."""
    array = np.ascontiguousarray(values, dtype=np.float64)
    if array.ndim != 1 or len(array) == 0:
        raise ValueError("summary() needs a non-empty one-dimensional sequence")
    mean, std = kernels.mean_and_std(array)
    return {"mean": mean, "std": std, "rms": scalars.rms(mean, std)}


def smooth(values, window=3):
    """The moving average of ``values`` over ``window`` points."""
    return kernels.moving_average(np.ascontiguousarray(values, dtype=np.float64), window)
