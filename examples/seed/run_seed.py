"""Compiles my_module.py (numba's pycc documentation example) and checks the documented results.

Run with ``python examples/seed/run_seed.py``: it runs my_module.py as a script, which writes the
extension module beside it, then imports that extension and calls it.
"""

import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))


def main():
    subprocess.run([sys.executable, os.path.join(HERE, "my_module.py")], check=True)
    subprocess.run([sys.executable, os.path.join(HERE, "centdiff.py")], check=True)

    sys.path.insert(0, HERE)
    import my_module

    print("extension:", my_module.__file__)
    print("my_module.multi(3, 4) =", my_module.multi(3, 4))
    print("my_module.square(1.414) =", my_module.square(1.414))
    print("my_module.multf(1.5, 2.25) =", my_module.multf(1.5, 2.25))
    assert my_module.__file__.endswith((".so", ".pyd")), my_module.__file__
    assert my_module.multi(3, 4) == 12
    assert my_module.square(1.414) == 1.9993959999999997
    assert my_module.multf(1.5, 2.25) == 3.375

    import numpy as np
    import centdiff

    u = np.sin(np.linspace(0.0, 3.0, 8))
    expected = np.empty_like(u)
    expected[0] = expected[-1] = 0
    for i in range(1, len(u) - 1):
        expected[i] = (u[i + 1] - 2 * u[i] + u[i - 1]) / 0.5**2
    print("centdiff.centdiff_1d(u, 0.5) =", centdiff.centdiff_1d(u, 0.5))
    assert np.array_equal(centdiff.centdiff_1d(u, 0.5), expected)
    assert np.array_equal(centdiff.centdiff_1d_inferred(u, 0.5), expected)
    try:
        centdiff.centdiff_1d(u.astype(np.float32), 0.5)
    except TypeError as e:
        print("a float32 array is refused:", e)
    else:
        raise AssertionError("a float32 array was accepted")
    print("ok")


if __name__ == "__main__":
    main()
