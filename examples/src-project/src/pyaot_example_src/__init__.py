"""pyaot-example-src: compiled kernels (``kernels``, ``scalars``) and Python around them (``util``)."""

__version__ = "1.2.0"
