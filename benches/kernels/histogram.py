# Kernel 7 of benches/bench_kernels.py: a fixed-width histogram. Values outside [lo, hi) are
# skipped; the bin index is an integer computed from each value.
import numpy as np
from pyaot import CC

cc = CC('histogram_pyaot')


@cc.export('histogram', 'i8[:](f8[:], f8, f8, i8)')
def histogram(x, lo, hi, nbins):
    counts = np.zeros(nbins, dtype=np.int64)
    scale = nbins / (hi - lo)
    for i in range(len(x)):
        v = x[i]
        if v >= lo and v < hi:
            b = int((v - lo) * scale)
            if b >= nbins:
                b = nbins - 1
            counts[b] += 1
    return counts


# The NumPy-vectorised version (not exported; the benchmark's NumPy column).
def histogram_numpy(x, lo, hi, nbins):
    scale = nbins / (hi - lo)
    bins = ((x[(x >= lo) & (x < hi)] - lo) * scale).astype(np.int64)
    return np.bincount(np.minimum(bins, nbins - 1), minlength=nbins)


if __name__ == "__main__":
    cc.compile()
