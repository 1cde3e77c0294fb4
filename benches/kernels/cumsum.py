# Kernel 8 of benches/bench_kernels.py: a running sum with np.cumsum.
import numpy as np
from pyaot import CC

cc = CC('cumsum_pyaot')


@cc.export('cumsum', 'f8[:](f8[:])')
def cumsum(a):
    return np.cumsum(a)


# The NumPy-vectorised version (not exported; the benchmark's NumPy column).
def cumsum_numpy(a):
    return np.cumsum(a)


if __name__ == "__main__":
    cc.compile()
