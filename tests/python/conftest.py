"""Shared fixtures of the Python test suite.

pyaot is imported lazily (inside fixtures and helpers, never at module level), so that the suite
can be collected before the native compiler, ``pyaot._native``, has been built.
"""

import importlib.machinery
import importlib.util
import itertools
import os
import subprocess
import sys
import sysconfig
import textwrap
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
EXT_SUFFIX = sysconfig.get_config_var("EXT_SUFFIX")

# `maturin develop` installs pyaot into the venv; a plain checkout with PYTHONPATH unset still
# finds the package in backend/ (it then needs `_native` built into backend/pyaot/).
if importlib.util.find_spec("pyaot") is None:
    sys.path.insert(0, str(REPO / "backend"))
    os.environ["PYTHONPATH"] = os.pathsep.join(
        p for p in (str(REPO / "backend"), os.environ.get("PYTHONPATH")) if p
    )

_unique = itertools.count()


def unique_name(prefix):
    """A module name not used before in this process: an extension loads once per process."""
    return f"{prefix}_{os.getpid()}_{next(_unique)}"


def load_python_module(path, name):
    """Imports the .py file at ``path`` as a fresh module called ``name``."""
    spec = importlib.util.spec_from_file_location(name, str(path))
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


def load_extension(name, path):
    """Imports the extension module at ``path`` whatever its file name."""
    loader = importlib.machinery.ExtensionFileLoader(name, str(path))
    spec = importlib.util.spec_from_file_location(name, str(path), loader=loader)
    module = importlib.util.module_from_spec(spec)
    loader.exec_module(module)
    sys.modules[name] = module
    return module


def compile_to_file(module, exports, output_dir, name):
    """Exports functions of the plain ``module`` with ``CC.export``, compiles them into
    ``output_dir`` and returns the path of the extension (not imported).

    ``exports`` lists ``(exported_name, signature)`` or ``(exported_name, function_name,
    signature)`` tuples.
    """
    from pyaot import CC

    cc = CC(name, source_module=module)
    for export in exports:
        if len(export) == 2:
            exported_name, signature = export
            function_name = exported_name
        else:
            exported_name, function_name, signature = export
        cc.export(exported_name, signature)(getattr(module, function_name))
    cc.output_dir = str(output_dir)
    return cc.compile()


def compile_exports(module, exports, output_dir, name):
    """As ``compile_to_file``, and returns the imported extension."""
    return load_extension(name, compile_to_file(module, exports, output_dir, name))


def compile_source_text(tmp_path, source_text, exports, name=None):
    """Compiles the functions of ``source_text`` and returns the imported extension module.

    The source is written to ``tmp_path`` and imported as a plain module, then its functions
    are exported as ``exports`` says (see ``compile_exports``) and built into ``tmp_path``.
    """
    name = name or unique_name("ext")
    source_path = Path(tmp_path) / f"{name}_source.py"
    source_path.write_text(textwrap.dedent(source_text))
    module = load_python_module(source_path, unique_name(f"{name}_py"))
    return compile_exports(module, exports, tmp_path, name)


@pytest.fixture
def compile_source():
    """``compile_source(tmp_path, source_text, exports, name=None)`` -> the extension module."""
    return compile_source_text


@pytest.fixture
def pyaot():
    """The pyaot package, imported when a test needs it."""
    import pyaot

    return pyaot


def run_python(args, *, cwd=None, timeout=300):
    """Runs this interpreter with ``args`` in a subprocess; returns the CompletedProcess.

    A test that calls compiled code this way fails on a crash instead of taking pytest down.
    """
    return subprocess.run(
        [sys.executable, *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=timeout,
        env=dict(os.environ),
    )
