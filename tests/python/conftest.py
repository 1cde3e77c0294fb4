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


# Third-party wheels that isolated builds and fresh venvs need: setuptools (and wheel, for older
# setuptools) for setup.py projects, numpy for running the examples. Downloaded once into
# target/ and reused by every later session, so that only the first run needs the network.
# PYAOT_TEST_WHEELS names a folder that already holds them (for machines without any network).
THIRD_PARTY_WHEELS = REPO / "target" / "test-wheels"


def _numpy_requirement():
    try:
        from importlib.metadata import version

        return f"numpy=={version('numpy')}"
    except Exception:
        return "numpy"


def _third_party_wheels():
    provided = os.environ.get("PYAOT_TEST_WHEELS")
    if provided:
        return Path(provided)
    folder = THIRD_PARTY_WHEELS
    wanted = {"setuptools": "setuptools", "wheel": "wheel", "numpy": _numpy_requirement()}
    missing = [
        requirement
        for prefix, requirement in wanted.items()
        if not any(folder.glob(f"{prefix}-*.whl"))
    ]
    if missing:
        folder.mkdir(parents=True, exist_ok=True)
        proc = subprocess.run(
            [sys.executable, "-m", "pip", "download", "-q", "--only-binary", ":all:",
             "-d", str(folder), *missing],
            capture_output=True,
            text=True,
        )
        if proc.returncode != 0:
            pytest.fail(
                f"cannot download {missing} into {folder} (needed once; or set "
                f"PYAOT_TEST_WHEELS to a folder holding them):\n{proc.stderr}"
            )
    return folder


@pytest.fixture(scope="session")
def pyaot_wheelhouse(tmp_path_factory):
    """A folder of wheels for offline pip: pyaot's own wheel built from this checkout (once per
    session, with maturin), plus setuptools, wheel and numpy. Use it with
    ``PIP_NO_INDEX=1 PIP_FIND_LINKS=<wheelhouse>``; isolated builds of projects that require
    ``pyaot`` (and ``setuptools``) then need no network."""
    import shutil

    wheelhouse = tmp_path_factory.mktemp("wheelhouse")
    maturin = shutil.which("maturin", path=str(Path(sys.executable).parent)) or "maturin"
    proc = subprocess.run(
        # Repairing to a manylinux tag needs patchelf; a plain linux tag installs locally.
        [maturin, "build", "--release", "-q", "--auditwheel", "skip", "-o", str(wheelhouse)],
        cwd=REPO,
        capture_output=True,
        text=True,
        env=dict(os.environ, PYO3_PYTHON=sys.executable),
        timeout=1800,
    )
    if proc.returncode != 0 or not list(wheelhouse.glob("pyaot-*.whl")):
        pytest.fail(f"maturin build of pyaot failed:\n{proc.stdout}\n{proc.stderr}")
    for wheel in _third_party_wheels().glob("*.whl"):
        shutil.copy(wheel, wheelhouse)
    return wheelhouse
