"""pyaot as a PEP 517 / PEP 660 build backend.

A project selects it in pyproject.toml::

    [build-system]
    requires = ["pyaot"]
    build-backend = "pyaot.build"

``pip install .``, ``pip wheel .``, ``pip install -e .``, ``python -m build`` and ``uv build``
then compile the project's ``CC`` modules and pack them into the wheel. All the work happens in
Rust (``pyaot._native``); these hooks only describe the running interpreter and report errors.
"""

import os
import platform
import sys
import sysconfig

from pyaot import _native

__all__ = [
    "build_wheel",
    "build_sdist",
    "build_editable",
    "get_requires_for_build_wheel",
    "get_requires_for_build_sdist",
    "get_requires_for_build_editable",
    "prepare_metadata_for_build_wheel",
    "prepare_metadata_for_build_editable",
]


def _settings(config_settings):
    """PEP 517 config_settings (str values, or lists for repeated -C keys) as (key, value) pairs."""
    entries = []
    for key, value in (config_settings or {}).items():
        values = value if isinstance(value, (list, tuple)) else [value]
        for v in values:
            entries.append((str(key), "" if v is None else str(v)))
    return entries


def _python():
    """The interpreter the wheel is for."""
    impl = sys.implementation
    tag = {"cpython": "cp", "pypy": "pp"}.get(impl.name, impl.name[:2])
    version = f"{sys.version_info[0]}{sys.version_info[1]}"
    return {
        "executable": sys.executable,
        "ext_suffix": sysconfig.get_config_var("EXT_SUFFIX") or ".so",
        "python_tag": f"{tag}{version}",
        "abi_tag": f"{tag}{version}",
        "platform_tag": sysconfig.get_platform().replace("-", "_").replace(".", "_"),
        "arch": platform.machine(),
    }


def _run(function, *args):
    try:
        return function(*args)
    except (_native.BuildError, _native.CompileError) as error:
        # One clear message and a non-zero exit; a traceback of this module helps nobody.
        print(f"pyaot: build failed\n{error}", file=sys.stderr)
        raise SystemExit(1) from None


def build_wheel(wheel_directory, config_settings=None, metadata_directory=None):
    return _run(_native.build_wheel, os.getcwd(), wheel_directory, _settings(config_settings), _python(), False)


def build_editable(wheel_directory, config_settings=None, metadata_directory=None):
    return _run(_native.build_wheel, os.getcwd(), wheel_directory, _settings(config_settings), _python(), True)


def build_sdist(sdist_directory, config_settings=None):
    return _run(_native.build_sdist, os.getcwd(), sdist_directory, _settings(config_settings))


def get_requires_for_build_wheel(config_settings=None):
    return []


def get_requires_for_build_sdist(config_settings=None):
    return []


def get_requires_for_build_editable(config_settings=None):
    return []


def prepare_metadata_for_build_wheel(metadata_directory, config_settings=None):
    return _run(_native.prepare_metadata, os.getcwd(), metadata_directory, _settings(config_settings), _python(), False)


def prepare_metadata_for_build_editable(metadata_directory, config_settings=None):
    return _run(_native.prepare_metadata, os.getcwd(), metadata_directory, _settings(config_settings), _python(), True)
