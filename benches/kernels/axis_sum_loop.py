# Kernel 3b of benches/bench_kernels.py: the column means of axis_sum.py written as loops.
import numpy as np
from pyaot import CC

cc = CC('axis_sum_loop_pyaot')


@cc.export('column_means_loop', 'f8[:](f8[:, :])')
def column_means_loop(a):
    n, m = a.shape
    out = np.zeros(m)
    for i in range(n):
        for j in range(m):
            out[j] += a[i, j]
    for j in range(m):
        out[j] /= n
    return out


# The NumPy-vectorised version (not exported; the benchmark's NumPy column).
def column_means_loop_numpy(a):
    return a.sum(axis=0) / a.shape[0]


if __name__ == "__main__":
    cc.compile()
