"""The run-time half of editable installs: import compiled modules, rebuilding stale ones.

An editable wheel built by ``pyaot.build`` holds a ``.pth`` file that runs, at interpreter
start-up::

    import pyaot._editable as e; e.install(project_root, python_roots, modules)

:func:`install` puts the project's Python source folders on ``sys.path`` and adds a finder to
``sys.meta_path`` for the project's compiled modules. When one of them is imported, the finder
compares its source module with what the extension was built from and, if the source changed,
recompiles it first (saying so on stderr). ``PYAOT_EDITABLE_REBUILD=0`` turns rebuilding off
(and ``=1`` on, whatever the project's ``rebuild`` setting): the extension that exists is
loaded, with a warning if it is stale.

Staleness: the extension is stale when it is missing, or when the SHA-256 of its source differs
from the one recorded when it was last compiled here. The record is the hex digest in
``__pycache__/<output file name>.pyaot-source-sha256`` beside the output (``__pycache__``, which
version control and sdists already ignore, because editable builds put the extension in the
source tree). Without a record, the modification times decide.
"""

import os
import sys

# "0" (or "false", "no", "off") loads compiled modules as they are, without rebuilding; "1"
# rebuilds even where the project turned it off.
REBUILD_VARIABLE = "PYAOT_EDITABLE_REBUILD"
HASH_SUFFIX = ".pyaot-source-sha256"


class _Module:
    """One compiled module of the project, from one entry of ``install``'s ``modules``."""

    __slots__ = (
        "fullname", "source", "cc_name", "exports", "output", "target_cpu", "root", "rebuild"
    )

    def __init__(self, entry, project_root, rebuild):
        self.fullname = entry["fullname"]
        self.source = entry["source"]
        self.cc_name = entry.get("cc_name") or self.fullname.rpartition(".")[2]
        self.exports = [tuple(export) for export in entry.get("exports", [])]
        self.output = entry["output"]
        self.target_cpu = entry.get("target_cpu") or ""
        self.root = project_root
        self.rebuild = rebuild

    def shown_source(self):
        """The source path as the user knows it: relative to the project when inside it."""
        try:
            relative = os.path.relpath(self.source, self.root)
        except ValueError:  # another drive on Windows
            return self.source
        return self.source if relative.startswith(os.pardir) else relative


class PyaotEditableFinder:
    """A ``sys.meta_path`` finder for the compiled modules of editable pyaot projects."""

    # Recognised by ``install`` even if this module was imported twice under different names.
    _pyaot_editable_finder = True

    def __init__(self):
        self.modules = {}
        self.warned = set()

    def find_spec(self, fullname, path=None, target=None):
        module = self.modules.get(fullname)
        if module is None:
            return None
        if _rebuild_enabled(module):
            _ensure_built(module)
        elif not os.path.exists(module.output):
            raise ImportError(
                f"pyaot: {fullname} has not been compiled, and pyaot does not compile it from "
                f"{module.shown_source()} because {_why_not_rebuilding()}",
                name=fullname,
            )
        elif fullname not in self.warned and _is_stale(module, _source_bytes(module)):
            self.warned.add(fullname)
            print(
                f"pyaot: warning: {fullname} is older than {module.shown_source()}; loading it "
                f"as it is because {_why_not_rebuilding()}",
                file=sys.stderr,
            )
        import importlib.machinery
        import importlib.util

        loader = importlib.machinery.ExtensionFileLoader(fullname, module.output)
        return importlib.util.spec_from_file_location(fullname, module.output, loader=loader)

    def invalidate_caches(self):
        pass


def install(project_root, python_roots, modules, rebuild=True):
    """Makes the project importable from its tree: ``python_roots`` on ``sys.path``, and the
    compiled ``modules`` (dicts with ``fullname``, ``source``, ``cc_name``, ``exports``,
    ``output``, ``target_cpu``) found by a finder that rebuilds them when stale, unless
    ``rebuild`` is false (the project's setting; ``PYAOT_EDITABLE_REBUILD`` overrides it).

    Calling it again (another .pth, a re-run) adds to what is installed and changes nothing else.
    """
    for root in python_roots:
        if root not in sys.path:
            sys.path.append(root)
    finder = next(
        (f for f in sys.meta_path if getattr(f, "_pyaot_editable_finder", False)), None
    )
    if finder is None:
        finder = PyaotEditableFinder()
        # First, so that a stale extension lying in the source tree is never picked instead.
        sys.meta_path.insert(0, finder)
    for entry in modules:
        module = _Module(entry, project_root, bool(rebuild))
        finder.modules[module.fullname] = module
    return finder


def source_hash(source_bytes):
    """The hex SHA-256 recorded in ``<output>.pyaot-source-sha256``."""
    import hashlib

    return hashlib.sha256(source_bytes).hexdigest()


def hash_record_path(output):
    """Where the SHA-256 of the source that ``output`` was compiled from is recorded."""
    folder, name = os.path.split(output)
    return os.path.join(folder, "__pycache__", name + HASH_SUFFIX)


def record_source_hash(output, source_bytes):
    """Writes the record that says ``output`` was compiled from ``source_bytes``."""
    record = hash_record_path(output)
    os.makedirs(os.path.dirname(record), exist_ok=True)
    _write_atomically(record, source_hash(source_bytes) + "\n")


def _rebuild_enabled(module):
    value = os.environ.get(REBUILD_VARIABLE, "").strip().lower()
    if not value:
        return module.rebuild
    return value not in ("0", "false", "no", "off")


def _why_not_rebuilding():
    if os.environ.get(REBUILD_VARIABLE, "").strip():
        return f"{REBUILD_VARIABLE}={os.environ[REBUILD_VARIABLE].strip()}"
    return "the project sets editable-rebuild = false in [tool.pyaot]"


def _source_bytes(module):
    try:
        with open(module.source, "rb") as f:
            return f.read()
    except OSError as error:
        raise ImportError(
            f"pyaot: cannot read {module.source}, the source of {module.fullname}: {error}",
            name=module.fullname,
        ) from None


def _is_stale(module, source_bytes):
    try:
        built = os.stat(module.output).st_mtime_ns
    except OSError:
        return True
    try:
        with open(hash_record_path(module.output)) as f:
            recorded = f.read().strip()
    except OSError:
        return os.stat(module.source).st_mtime_ns > built
    return recorded != source_hash(source_bytes)


def _ensure_built(module):
    source_bytes = _source_bytes(module)
    if not _is_stale(module, source_bytes):
        return
    from pyaot import _native

    if os.path.exists(module.output):
        print(
            f"pyaot: rebuilding {module.fullname} ({module.shown_source()} changed)",
            file=sys.stderr,
        )
    else:
        print(f"pyaot: building {module.fullname} from {module.shown_source()}", file=sys.stderr)
    try:
        exports = _current_exports(module, _native)
        os.makedirs(os.path.dirname(module.output) or ".", exist_ok=True)
        _native.compile_module(
            module.cc_name, module.source, exports, module.output, module.target_cpu, False
        )
    except _native.CompileError as error:
        raise ImportError(
            f"pyaot: cannot rebuild {module.fullname} from {module.shown_source()}:\n{error}",
            name=module.fullname,
        ) from None
    # The hash of the bytes that were compiled: if the file changed meanwhile, the next import
    # sees a difference and rebuilds again.
    record_source_hash(module.output, source_bytes)


def _current_exports(module, native):
    """The exports as the source now writes them (a function may have been added, renamed or
    retyped), or those recorded at install time when they cannot be read from the source."""
    for name, exports in native.discover_modules(module.source):
        if name == module.cc_name and exports:
            return [tuple(export) for export in exports]
    if module.exports:
        # Lines may have moved since install time; without a line, the compiler takes the
        # function by name.
        return [(exported, function, sig, None) for exported, function, sig, _ in module.exports]
    raise native.CompileError(
        f"{module.source}: no CC({module.cc_name!r}) object with literal exports found"
    )


def _write_atomically(path, text):
    temporary = f"{path}.{os.getpid()}.tmp"
    with open(temporary, "w") as f:
        f.write(text)
    os.replace(temporary, path)
