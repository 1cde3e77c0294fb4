# Kernel 8b of benches/bench_kernels.py: the running sum of cumsum.py written as a loop.
import numpy as np
from pyaot import CC

cc = CC('cumsum_loop_pyaot')


@cc.export('cumsum_loop', 'f8[:](f8[:])')
def cumsum_loop(a):
    out = np.empty_like(a)
    s = 0.0
    for i in range(len(a)):
        s += a[i]
        out[i] = s
    return out


# The NumPy-vectorised version (not exported; the benchmark's NumPy column).
def cumsum_loop_numpy(a):
    return np.cumsum(a)


if __name__ == "__main__":
    cc.compile()
