import numpy as np
from pyaot import CC

cc = CC('centdiff')

@cc.export('centdiff_1d', 'f8[:](f8[:], f8)')
def centdiff_1d(u, dx):
    D = np.empty_like(u)
    D[0] = 0
    D[-1] = 0
    for i in range(1, len(D) - 1):
        D[i] = (u[i+1] - 2 * u[i] + u[i-1]) / dx**2
    return D

# The same function with its return type omitted: pyaot infers it from the body.
@cc.export('centdiff_1d_inferred', '(f8[:], f8)')
def centdiff_1d_inferred(u, dx):
    D = np.empty_like(u)
    D[0] = 0
    D[-1] = 0
    for i in range(1, len(D) - 1):
        D[i] = (u[i+1] - 2 * u[i] + u[i-1]) / dx**2
    return D

if __name__ == "__main__":
    cc.compile()
