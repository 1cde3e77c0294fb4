"""pyaot_setup_example: the compiled module is pyaot_setup_example.geometry.

This file imports nothing compiled, so that setup.py can import ``_compile`` before the
extension exists.
"""

__version__ = "0.2.0"
