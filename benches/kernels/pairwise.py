# Kernel 2 of benches/bench_kernels.py: Euclidean distances between all pairs of n points
# (an (n, d) array, d = 3 in the benchmark), as loops.
import numpy as np
from pyaot import CC

cc = CC('pairwise_pyaot')


@cc.export('pairwise_distances', 'f8[:, :](f8[:, :])')
def pairwise_distances(X):
    n = X.shape[0]
    d = X.shape[1]
    D = np.empty((n, n))
    for i in range(n):
        for j in range(n):
            s = 0.0
            for k in range(d):
                t = X[i, k] - X[j, k]
                s += t * t
            D[i, j] = np.sqrt(s)
    return D


# The NumPy-vectorised version (not exported; the benchmark's NumPy column).
def pairwise_distances_numpy(X):
    return np.sqrt(((X[:, None, :] - X[None, :, :]) ** 2).sum(axis=-1))


if __name__ == "__main__":
    cc.compile()
