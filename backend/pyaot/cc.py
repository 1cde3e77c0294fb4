"""The ``CC`` class: collect the functions to export, then compile them into an extension module.

This is the Python half of the user-facing API and stays thin: it records what the user asked
for and where, and hands the source file to the native compiler (``pyaot._native``), which reads
the functions from that file itself. Importing this module must stay cheap (no NumPy).
"""

import os
import sys
import sysconfig
import types
import weakref

from pyaot import _native

# Every CC created in this process, oldest first, held weakly. ``pyaot compile`` falls back to
# running a source file and reading this list when the CC objects cannot be found statically.
_created = []


def created_instances():
    """The CC objects created in this process that are still alive, in creation order."""
    return [cc for cc in (ref() for ref in _created) if cc is not None]


class DuplicateExportError(KeyError):
    """Two functions were exported under the same name.

    A ``KeyError`` as in numba.pycc, but printed as a sentence rather than as a quoted key.
    """

    def __str__(self):
        return str(self.args[0]) if self.args else ""


class _Export:
    """One ``cc.export(name, sig)`` applied to one function, and where the user wrote it."""

    __slots__ = ("name", "func", "signature", "path", "line")

    def __init__(self, name, func, signature, path, line):
        self.name = name
        self.func = func
        self.signature = signature
        self.path = path
        self.line = line

    def describe(self):
        """``function 'mult' (my_module.py:6)``, for error messages."""
        return f"function {_function_name(self.func)!r} ({self.path}:{self.line})"


class CC:
    """
    An ahead-of-time compiler to create extension modules that depend on neither pyaot nor
    Numba (only on NumPy, and only if an exported function takes or returns arrays).

    ``extension_name`` is the name of the module to create; it must be a plain name, not a
    dotted one. ``source_module`` is the module the exported functions come from: by default
    the module calling ``CC(...)``; a module object or the name of an imported module also work.
    The extension is written beside that module's file unless :attr:`output_dir` says otherwise.
    """

    def __init__(self, extension_name, source_module=None):
        if not isinstance(extension_name, str):
            raise TypeError(
                f"extension_name should be a str, not {type(extension_name).__name__}"
            )
        if "." in extension_name:
            raise ValueError(
                "basename should be a simple module name, not qualified name"
            )

        # Resolve the source module the way numba.pycc does: the caller's globals by default.
        if source_module is None:
            module_dict = sys._getframe(1).f_globals
            source_module = module_dict.get("__name__", "__main__")
        elif hasattr(source_module, "__name__"):
            module_dict = source_module.__dict__
            source_module = source_module.__name__
        else:
            module_dict = sys.modules[source_module].__dict__

        self._basename = extension_name
        self._source_module = source_module
        self._source_path = module_dict.get("__file__") or ""
        # By default the extension goes beside the module that created the CC.
        self._output_dir = os.path.dirname(self._source_path)
        self._output_file = extension_name + (sysconfig.get_config_var("EXT_SUFFIX") or ".so")
        self._target_cpu = ""
        self._verbose = False
        self._exports = {}
        _created.append(weakref.ref(self))

    @property
    def name(self):
        """
        The name of the extension module to create.
        """
        return self._basename

    @property
    def output_file(self):
        """
        The specific output file (a shared library) that will be generated. By default the
        extension name followed by this interpreter's extension suffix, e.g.
        ``my_module.cpython-311-x86_64-linux-gnu.so``.
        """
        return self._output_file

    @output_file.setter
    def output_file(self, value):
        self._output_file = os.fspath(value)

    @property
    def output_dir(self):
        """
        The directory the output file will be put in; created by :meth:`compile` if missing.
        By default the directory of the module that created this ``CC``.
        """
        return self._output_dir

    @output_dir.setter
    def output_dir(self, value):
        self._output_dir = os.fspath(value)

    @property
    def target_cpu(self):
        """
        The target CPU model for code generation: ``''`` (the default) for generic code that
        runs on any CPU of this architecture, ``'host'`` for the CPU of this machine, or an
        LLVM CPU name such as ``'skylake'``. An unknown name raises CompileError when set.
        """
        return self._target_cpu

    @target_cpu.setter
    def target_cpu(self, value):
        if not isinstance(value, str):
            raise TypeError(f"target_cpu should be a str, not {type(value).__name__}")
        _native.check_target_cpu(value)
        self._target_cpu = value

    @property
    def verbose(self):
        """
        Whether to display detailed information when compiling: each step and the time it
        took, on standard error.
        """
        return self._verbose

    @verbose.setter
    def verbose(self, value):
        self._verbose = bool(value)

    def export(self, exported_name, sig):
        """
        Mark a function for exporting in the extension module, under ``exported_name`` and
        with the Numba signature ``sig`` (e.g. ``'f8(f8, f8)'`` or ``'f8[:](f8[:], f8)'``).

        The signature is checked now, so a mistake in it is reported at the decorator. The
        decorated function is returned unchanged and still runs as plain Python. Several
        exports may be stacked on one function, each under its own name.
        """
        if not isinstance(exported_name, str):
            raise TypeError(
                f"exported name should be a str, not {type(exported_name).__name__}"
            )
        if not exported_name.isidentifier():
            raise ValueError(
                f"exported name {exported_name!r} is not a valid Python identifier"
            )
        if not isinstance(sig, str):
            raise TypeError(
                f"signature of {exported_name!r} should be a str such as 'f8(f8, f8)', "
                f"not {type(sig).__name__}"
            )

        caller = sys._getframe(1)
        path = caller.f_code.co_filename
        line = caller.f_lineno
        # The diagnostic quotes the source line when there is a file to read it from.
        _native.check_signature(sig, path if os.path.isfile(path) else None, line)

        def decorator(func):
            entry = _Export(exported_name, func, sig, path, line)
            previous = self._exports.get(exported_name)
            if previous is not None:
                raise DuplicateExportError(
                    f"duplicated export symbol {exported_name!r}: already exported from "
                    f"{previous.describe()}, again from {entry.describe()}"
                )
            self._exports[exported_name] = entry
            return func

        return decorator

    def compile(self):
        """
        Compile the extension module and return the path of the file written
        (``os.path.join(output_dir, output_file)``).
        """
        return self._compile_to(os.path.join(self._output_dir, self._output_file))

    def distutils_extension(self, **kwargs):
        """
        Create a setuptools ``Extension`` for this module, to list in ``setup.py``::

            setup(..., ext_modules=[cc.distutils_extension()])

        The extension is named after the package of the source module plus :attr:`name`
        (``mypkg.mymodule`` for a CC created in ``mypkg/_compile.py``), and setuptools'
        ``build_ext`` builds it with pyaot instead of a C compiler. Keyword arguments are those
        numba.pycc accepts, passed on to ``Extension``. ``depends`` adds files whose change
        triggers a rebuild (the source module always does). The C compiler and linker options
        (``macros``, ``include_dirs``, ``libraries``, ``library_dirs``, ``extra_compile_args``,
        ``extra_link_args``) are accepted and unused: there is no C source to compile, and the
        link step honours ``$CC`` and ``$LDFLAGS`` instead.
        """
        from pyaot import setuptools_ext  # Imports setuptools; only setup.py scripts pay for it.

        return setuptools_ext.make_extension(self, kwargs)

    def _export_requests(self):
        """The source file and the ``(exported_name, function, signature, first_line)``
        tuples that the native compiler takes, or a CompileError if they cannot be compiled."""
        if not self._exports:
            raise _native.CompileError("no function was exported")

        # Sorted by exported name, as numba.pycc does, so that the output does not depend on
        # the order in which stacked decorators ran.
        entries = sorted(self._exports.values(), key=lambda entry: entry.name)
        source_path = _common_source_file(entries)
        exports = [
            (entry.name, entry.func.__name__, entry.signature, entry.func.__code__.co_firstlineno)
            for entry in entries
        ]
        return source_path, exports

    def _compile_to(self, output_path, verbose=None):
        """Compile into ``output_path`` (its folder is created) and return the path written."""
        source_path, exports = self._export_requests()
        folder = os.path.dirname(output_path)
        if folder:
            os.makedirs(folder, exist_ok=True)
        return _native.compile_module(
            self._basename,
            source_path,
            exports,
            output_path,
            self._target_cpu,
            self._verbose if verbose is None else bool(verbose),
        )


def _function_name(func):
    return getattr(func, "__qualname__", None) or getattr(func, "__name__", None) or repr(func)


def _source_file(entry):
    """The .py file that defines an exported function; the native compiler reads it."""
    import inspect  # Only needed when compiling; keeps ``import pyaot`` cheap.

    func = entry.func
    where = f"exported as {entry.name!r} at {entry.path}:{entry.line}"
    if not isinstance(func, types.FunctionType):
        raise _native.CompileError(
            f"cannot compile {func!r} ({where}): pyaot compiles Python functions defined "
            f"with 'def', not {type(func).__name__} objects"
        )
    code = func.__code__
    if func.__name__ == "<lambda>":
        raise _native.CompileError(
            f"cannot compile the lambda defined at {code.co_filename}:{code.co_firstlineno} "
            f"({where}): pyaot compiles functions defined with 'def'; define it with a name"
        )
    try:
        path = inspect.getsourcefile(func)
    except TypeError:
        path = None
    if path is None or not os.path.isfile(path):
        raise _native.CompileError(
            f"cannot compile function {_function_name(func)!r} ({where}): its source file "
            f"cannot be found (it was defined in {code.co_filename!r}). pyaot reads the "
            f"functions from their .py file, so define them in a module file rather than "
            f"interactively or with exec()"
        )
    return path


def _common_source_file(entries):
    """The one source file all exports come from, or a CompileError listing where they are."""
    paths = {}
    for entry in entries:
        path = _source_file(entry)
        key = os.path.normcase(os.path.realpath(path))
        paths.setdefault(key, (path, []))[1].append(entry)
    if len(paths) > 1:
        listing = "; ".join(
            f"{path}: " + ", ".join(repr(_function_name(e.func)) for e in group)
            for path, group in paths.values()
        )
        raise _native.CompileError(
            "all exported functions of one extension must come from one source file, but "
            f"they come from {len(paths)} files: {listing}"
        )
    ((path, _),) = paths.values()
    return path
