"""The ``pyaot`` command (also ``python -m pyaot``).

``pyaot compile SOURCE.py`` compiles the ``CC`` modules of a source file, found without running
it when their names and exports are literals (``_native.discover_modules``), and otherwise by
running the file in a child process with ``__name__`` other than ``"__main__"`` and collecting
the CC objects it creates. ``pyaot build`` runs pyaot's own PEP 517 hooks (``pyaot.build``) to
make a wheel and an sdist without pip.
"""

import argparse
import json
import os
import subprocess
import sys
import sysconfig

import pyaot
from pyaot import _native


def main(argv=None):
    """Runs the command line ``argv`` (default ``sys.argv[1:]``) and returns the exit status."""
    parser = _parser()
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help(sys.stderr)
        return 2
    try:
        return args.run(args)
    except _native.CompileError as error:
        print(str(error), file=sys.stderr)
        return 1
    except _UsageError as error:
        print(f"pyaot {args.command}: error: {error}", file=sys.stderr)
        return 1


class _UsageError(Exception):
    """A mistake on the command line or in the files it names; printed without a traceback."""


def _parser():
    parser = argparse.ArgumentParser(
        prog="pyaot",
        description="Ahead-of-time compiler for numeric Python (numba.pycc's CC API).",
    )
    parser.add_argument("--version", action="version", version=f"pyaot {pyaot.__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    compile_ = commands.add_parser(
        "compile",
        help="compile the CC modules of a Python source file into extension modules",
        description="Compile every CC('name') module of SOURCE into DIR/name<EXT_SUFFIX> and "
        "print the paths written.",
    )
    compile_.add_argument("source", metavar="SOURCE.py")
    compile_.add_argument(
        "-o", "--output-dir", metavar="DIR", help="where to write (default: SOURCE's folder)"
    )
    compile_.add_argument(
        "--target-cpu",
        metavar="CPU",
        default=None,
        help="'host', an LLVM CPU name such as 'skylake', or '' for generic code "
        "(default: the CC's own setting, generic unless the source sets it)",
    )
    compile_.add_argument(
        "-v", "--verbose", action="store_true", help="print each step and its time"
    )
    compile_.set_defaults(run=_run_compile)

    build = commands.add_parser(
        "build",
        help="build a wheel and an sdist of a project with pyaot's build backend, without pip",
        description="Build PROJECT_DIR (default: the current folder) with the PEP 517 hooks of "
        "pyaot.build and print the paths written.",
    )
    build.add_argument("project", metavar="PROJECT_DIR", nargs="?", default=".")
    build.add_argument(
        "-o", "--outdir", metavar="OUTDIR", help="where to write (default: PROJECT_DIR/dist)"
    )
    which = build.add_mutually_exclusive_group()
    which.add_argument("--wheel", action="store_true", help="build only the wheel")
    which.add_argument("--sdist", action="store_true", help="build only the sdist")
    build.add_argument(
        "-C",
        "--config-setting",
        metavar="KEY=VALUE",
        action="append",
        default=[],
        help="a PEP 517 config setting passed to the backend (repeatable)",
    )
    build.set_defaults(run=_run_build)
    return parser


# --- pyaot compile -------------------------------------------------------------------------------


def _run_compile(args):
    source = os.path.abspath(args.source)
    if not os.path.isfile(source):
        raise _UsageError(f"{args.source}: no such file")
    if args.target_cpu is not None:
        _native.check_target_cpu(args.target_cpu)
    output_dir = os.path.abspath(args.output_dir) if args.output_dir else os.path.dirname(source)
    modules = _discover(source)
    if not modules:
        raise _UsageError(f"{args.source}: no CC('name') object with exported functions found")
    suffix = sysconfig.get_config_var("EXT_SUFFIX") or ".so"
    os.makedirs(output_dir, exist_ok=True)
    for module in modules:
        target_cpu = args.target_cpu if args.target_cpu is not None else module["target_cpu"]
        path = _native.compile_module(
            module["name"],
            module["source"],
            [tuple(export) for export in module["exports"]],
            os.path.join(output_dir, module["name"] + suffix),
            target_cpu,
            args.verbose or module["verbose"],
        )
        print(path)
    return 0


def _discover(source):
    """The CC modules of ``source``: ``[{"name", "source", "exports", "target_cpu", "verbose"}]``.

    Read from the source text when every CC has a literal name and at least one literal export;
    otherwise (names or signatures computed at run time) by running the file.
    """
    found = _native.discover_modules(source)
    if found and all(exports for _, exports in found):
        return [
            {"name": name, "source": source, "exports": exports, "target_cpu": "", "verbose": False}
            for name, exports in found
        ]
    return _discover_by_running(source)


# Run in a child process: executes the source file as a module that is not "__main__" (so a
# trailing `if __name__ == "__main__": cc.compile()` does not fire) and writes, as JSON to the
# file named by its second argument, what each CC object it created would compile (not those of
# modules it imports, as when the CC objects are read from the text). A file of its
# own, rather than stdout, so that whatever the source prints reaches the user unchanged.
_RUN_AND_REPORT = """\
import json, os, runpy, sys
source, report = sys.argv[1:3]
sys.argv = [source]
sys.path.insert(0, os.path.dirname(source))
from pyaot import cc as cc_module
run_name = os.path.splitext(os.path.basename(source))[0]
runpy.run_path(source, run_name=run_name)
modules = []
for cc in cc_module.created_instances():
    if cc._source_module != run_name or not cc._exports:
        continue
    try:
        path, exports = cc._export_requests()
    except cc_module._native.CompileError as error:
        sys.exit(str(error))
    modules.append({"name": cc.name, "source": path, "exports": exports,
                    "target_cpu": cc.target_cpu, "verbose": cc.verbose})
with open(report, "w") as f:
    json.dump(modules, f)
"""


def _discover_by_running(source):
    import tempfile

    with tempfile.TemporaryDirectory(prefix="pyaot-discover-") as folder:
        report = os.path.join(folder, "modules.json")
        child = subprocess.run([sys.executable, "-c", _RUN_AND_REPORT, source, report])
        if child.returncode != 0:
            raise _UsageError(f"running {source} to find its CC objects failed (see above)")
        with open(report) as f:
            return json.load(f)


# --- pyaot build ---------------------------------------------------------------------------------


def _run_build(args):
    project = os.path.abspath(args.project)
    if not os.path.isfile(os.path.join(project, "pyproject.toml")):
        raise _UsageError(f"{args.project}: no pyproject.toml there")
    outdir = os.path.abspath(args.outdir) if args.outdir else os.path.join(project, "dist")
    config_settings = _config_settings(args.config_setting)
    kinds = ["sdist"] if args.sdist else ["wheel"] if args.wheel else ["sdist", "wheel"]

    try:
        from pyaot import build as backend
    except ImportError as error:
        raise _UsageError(f"pyaot's build backend is not available: {error}") from None
    errors = (_native.CompileError,) + tuple(
        e for e in (getattr(_native, "BuildError", None),) if e is not None
    )

    os.makedirs(outdir, exist_ok=True)
    previous = os.getcwd()
    os.chdir(project)
    built = []
    try:
        for kind in kinds:
            hook = backend.build_sdist if kind == "sdist" else backend.build_wheel
            try:
                name = hook(outdir, config_settings)
            except (SystemExit,) + errors as failure:
                # A failed build leaves nothing behind, not even the sdist made before it.
                for path in built:
                    os.remove(path)
                if isinstance(failure, SystemExit):
                    # The hooks report a failed build on stderr and exit, as pip expects of them.
                    return failure.code if isinstance(failure.code, int) else 1
                print(str(failure), file=sys.stderr)
                return 1
            built.append(os.path.join(outdir, name))
    finally:
        os.chdir(previous)
    for path in built:
        print(path)
    return 0


def _config_settings(pairs):
    """``-C key=value`` options as PEP 517 config settings; a repeated key gives a list."""
    settings = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep or not key:
            raise _UsageError(f"-C {pair!r}: expected KEY=VALUE")
        if key in settings:
            previous = settings[key]
            settings[key] = (previous if isinstance(previous, list) else [previous]) + [value]
        else:
            settings[key] = value
    return settings or None
