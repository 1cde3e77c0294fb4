"""Builds pyaot_setup_example with setuptools; pyaot compiles its extension module.

As in numba.pycc's documentation: import the CC object and list its extension in ext_modules.
`python setup.py build_ext --inplace`, `pip install .` and `python -m build` all work.
"""

import os
import sys

from setuptools import setup

# setuptools.build_meta runs this file without its folder on sys.path (only the legacy backend
# adds it), and the CC object lives in the package beside it.
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from pyaot_setup_example._compile import cc  # noqa: E402

setup(packages=["pyaot_setup_example"], ext_modules=[cc.distutils_extension()])
