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

__all__ = ["CC", "CompileError"]
__version__ = "0.1.0"

# For type checkers and IDEs (typing itself is not imported: it costs more than pyaot does).
TYPE_CHECKING = False
if TYPE_CHECKING:
    from pyaot._native import CompileError
    from pyaot.cc import CC


def __getattr__(name):
    # Loaded on first use: an editable install's .pth file imports pyaot._editable at every
    # interpreter start, and must not load the compiler (pyaot._native) for that.
    if name == "CC":
        from pyaot.cc import CC

        return CC
    if name == "CompileError":
        from pyaot._native import CompileError

        return CompileError
    raise AttributeError(f"module 'pyaot' has no attribute {name!r}")


def __dir__():
    return sorted(set(globals()) | set(__all__))
