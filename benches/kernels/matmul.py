# Kernel 6 of benches/bench_kernels.py: the textbook triple-loop matrix product.
import numpy as np
from pyaot import CC

cc = CC('matmul_pyaot')


@cc.export('matmul', 'f8[:, :](f8[:, :], f8[:, :])')
def matmul(A, B):
    n, k = A.shape
    m = B.shape[1]
    C = np.zeros((n, m))
    for i in range(n):
        for j in range(m):
            s = 0.0
            for p in range(k):
                s += A[i, p] * B[p, j]
            C[i, j] = s
    return C


# The NumPy-vectorised version (not exported; the benchmark's NumPy column).
def matmul_numpy(A, B):
    return A @ B


if __name__ == "__main__":
    cc.compile()
