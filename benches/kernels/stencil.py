# Kernel 1 of benches/bench_kernels.py: one Jacobi step of the 5-point Laplacian stencil on a
# 2-D grid. The boundary rows and columns are copied unchanged.
import numpy as np
from pyaot import CC

cc = CC('stencil_pyaot')


@cc.export('jacobi_step', 'f8[:, :](f8[:, :])')
def jacobi_step(u):
    n, m = u.shape
    out = np.empty_like(u)
    for j in range(m):
        out[0, j] = u[0, j]
        out[n - 1, j] = u[n - 1, j]
    for i in range(1, n - 1):
        out[i, 0] = u[i, 0]
        for j in range(1, m - 1):
            out[i, j] = 0.25 * (u[i - 1, j] + u[i + 1, j] + u[i, j - 1] + u[i, j + 1])
        out[i, m - 1] = u[i, m - 1]
    return out


# The NumPy-vectorised version (not exported; the benchmark's NumPy column).
def jacobi_step_numpy(u):
    out = u.copy()
    out[1:-1, 1:-1] = 0.25 * (u[:-2, 1:-1] + u[2:, 1:-1] + u[1:-1, :-2] + u[1:-1, 2:])
    return out


if __name__ == "__main__":
    cc.compile()
