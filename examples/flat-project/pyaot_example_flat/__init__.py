"""pyaot-example-flat: one compiled module, ``pyaot_example_flat.fast``."""

__version__ = "0.3.0"
