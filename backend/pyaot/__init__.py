"""pyaot: an ahead-of-time compiler for numeric Python, a drop-in replacement for numba.pycc.

Write the module as for ``numba.pycc``::

    from pyaot import CC

    cc = CC('my_module')

    @cc.export('multf', 'f8(f8, f8)')
    def mult(a, b):
        return a * b

    if __name__ == "__main__":
        cc.compile()

Running the script writes the extension module ``my_module`` beside it. The extension needs
neither pyaot nor Numba at run time (NumPy only if an exported function takes or returns arrays).
"""

from pyaot._native import CompileError
from pyaot.cc import CC

__all__ = ["CC", "CompileError"]
__version__ = "0.1.0"
