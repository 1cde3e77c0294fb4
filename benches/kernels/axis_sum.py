# Kernel 3 of benches/bench_kernels.py: column means of a 2-D array, with a reduction along an
# axis, as users write it with NumPy.
import numpy as np
from pyaot import CC

cc = CC('axis_sum_pyaot')


@cc.export('column_means', 'f8[:](f8[:, :])')
def column_means(a):
    return a.sum(axis=0) / a.shape[0]


# The NumPy-vectorised version (not exported; the benchmark's NumPy column).
def column_means_numpy(a):
    return a.sum(axis=0) / a.shape[0]


if __name__ == "__main__":
    cc.compile()
