"""setuptools integration: ``cc.distutils_extension()`` and the ``build_ext`` hook that builds it.

A ``setup.py`` lists ``cc.distutils_extension()`` in ``ext_modules``; setuptools' ``build_ext``
then meets a :class:`PyaotExtension` and, through the hook installed here, asks pyaot to compile
the module straight to the path setuptools wants (``build_ext.get_ext_fullpath``), instead of
running a C compiler. Every other extension goes to setuptools' own ``build_extension``.

numba.pycc swaps ``build_ext`` for a subclass; this module instead wraps the one method,
once, on setuptools' class, so that command classes derived from it (Cython's, a project's own)
build pyaot extensions too. Importing this module imports setuptools, so only
``distutils_extension()`` does it.
"""

import os

import setuptools
from setuptools.command import build_ext as _build_ext_module

try:
    from setuptools.errors import CompileError as _SetuptoolsCompileError
except ImportError:  # setuptools older than 59
    from distutils.errors import CompileError as _SetuptoolsCompileError

from pyaot import _native

# The log level of ``Command.announce`` for progress messages (distutils' INFO).
_INFO = 2


class PyaotExtension(setuptools.Extension):
    """An extension module compiled by pyaot from the Python source in ``sources``.

    ``_cc`` is the :class:`pyaot.CC` that describes it.
    """

    _cc = None


def make_extension(cc, kwargs):
    """The ``PyaotExtension`` of ``cc``, with numba.pycc's keyword arguments (``CC`` calls this)."""
    kwargs = dict(kwargs)
    # numba.pycc calls the macros ``macros``; setuptools calls them ``define_macros``. Like the
    # other C compiler and linker options, they are kept on the Extension and unused: there is
    # no C source to compile, and pyaot's link step honours ``$CC`` and ``$LDFLAGS``.
    if "macros" in kwargs:
        kwargs["define_macros"] = list(kwargs.pop("macros")) + list(kwargs.get("define_macros", []))
    source_path = _setup_relative(cc._export_requests()[0])
    depends = list(kwargs.pop("depends", [])) + [source_path]
    # The extension sits in the package of the module that created the CC, as with numba.pycc.
    package = cc._source_module.rpartition(".")[0]
    name = f"{package}.{cc.name}" if package else cc.name
    ext = PyaotExtension(name=name, sources=[source_path], depends=depends, **kwargs)
    ext._cc = cc
    install_build_ext_hook()
    return ext


def _setup_relative(path):
    """``path`` relative to the working directory (the folder of setup.py), '/'-separated.

    setuptools rejects absolute paths in ``sources`` because sdists list them; a source
    outside the project stays absolute and is simply not shipped.
    """
    relative = os.path.relpath(os.path.abspath(path))
    if relative == os.pardir or relative.startswith(os.pardir + os.sep):
        return path
    return relative.replace(os.sep, "/")


def install_build_ext_hook():
    """Wraps ``setuptools.command.build_ext.build_ext.build_extension`` once (idempotent)."""
    build_ext = _build_ext_module.build_ext
    original = build_ext.build_extension
    if getattr(original, "_pyaot_hook", False):
        return

    def build_extension(self, ext):
        if isinstance(ext, PyaotExtension):
            return _build_pyaot_extension(self, ext)
        return original(self, ext)

    build_extension._pyaot_hook = True
    build_extension.__wrapped__ = original
    build_extension.__doc__ = original.__doc__
    build_ext.build_extension = build_extension


def _build_pyaot_extension(cmd, ext):
    """Compiles ``ext`` to where ``build_ext`` wants it; ``cmd`` is the running command."""
    output = cmd.get_ext_fullpath(ext.name)
    inputs = list(ext.sources) + list(ext.depends or [])
    if not cmd.force and _up_to_date(output, inputs):
        cmd.announce(f"skipping '{ext.name}' pyaot extension (up-to-date)", _INFO)
        return
    cmd.announce(f"building '{ext.name}' pyaot extension -> {output}", _INFO)
    # ``python setup.py -v build_ext`` (verbose 2) shows pyaot's steps; setuptools' default
    # verbosity is 1, which keeps them quiet, as a C compiler's -v is not passed by default.
    verbose = ext._cc.verbose or (cmd.verbose or 0) > 1
    if cmd.dry_run:
        return
    try:
        ext._cc._compile_to(output, verbose=verbose)
    except _native.CompileError as error:
        raise _SetuptoolsCompileError(f"pyaot could not compile '{ext.name}':\n{error}") from None


def _up_to_date(output, inputs):
    """Whether ``output`` exists and is at least as new as every existing input."""
    try:
        built = os.stat(output).st_mtime_ns
    except OSError:
        return False
    for path in inputs:
        try:
            if os.stat(path).st_mtime_ns > built:
                return False
        except OSError:
            return False
    return True
