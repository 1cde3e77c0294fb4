#!/usr/bin/env python3
"""Benchmark `pip wheel` of the src-layout example: pyaot's backend against setuptools + numba.pycc.

Run it with the project's venv (see benches/README.md):

    .venv/bin/python benches/bench_build.py [--quick] [--json PATH] [--keep] [--wheelhouse DIR]

examples/src-project is built twice from the same sources: as it is (`build-backend =
"pyaot.build"`), and as the setuptools project numba's documentation describes (the same
modules with `from numba.pycc import CC`, a setup.py with `cc.distutils_extension()`). Both
are built with the same `pip wheel` command, with build isolation and without, and the
repeats alternate between the two so that drift on a shared machine hits both alike. Both
wheels are then installed into fresh venvs and must give the same results. The exit status
is 0 when everything ran, however slow (this is a report, not a test), and 1 when a build
failed, a wheel did not install, or the two wheels disagree.
"""

from __future__ import annotations

import hashlib
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import sysconfig
import time
import zipfile
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path

from _benchlib import (BenchError, argument_parser, exit_status, machine_summary, run_checked, run_plain,
                       scratch_dir, write_json)

REPO = Path(__file__).resolve().parents[1]
EXAMPLE = REPO / "examples" / "src-project"
PACKAGE = "pyaot_example_src"
COMPILED_SOURCES = ("_kernels.py", "_scalars.py")
TEST_WHEELS = REPO / "target" / "test-wheels"
EXT_SUFFIX = sysconfig.get_config_var("EXT_SUFFIX") or ".so"

# Column key -> label.
COLUMNS = {"pyaot": "pyaot", "numba": "setuptools+numba.pycc"}

# The two ways of running `pip wheel`; the flags differ in nothing else.
MODES = {
    "isolated": [],
    "no_isolation": ["--no-build-isolation"],
}

# What project B changes in project A's sources: (file, pattern, replacement). Each pattern
# must match exactly once. numba.pycc compiles the example's kernels unchanged, so the import
# line is the only change; a construct numba rejected would get its minimal rewrite here.
NUMBA_SOURCE_CHANGES = [
    (name, r"^from pyaot import CC$", "from numba.pycc import CC") for name in COMPILED_SOURCES
]

NUMBA_BUILD_SYSTEM = """\
[build-system]
requires = ["setuptools", "wheel", "numba", "numpy"]
build-backend = "setuptools.build_meta"
"""

# As numba's documentation shows ("Distutils integration"), with src/ put on sys.path so that
# the modules import as pyaot_example_src._kernels and the extensions are named
# pyaot_example_src.kernels and pyaot_example_src.scalars.
NUMBA_SETUP_PY = '''\
"""Builds the two numba.pycc modules as setuptools extensions, as numba's documentation shows."""

import sys
from pathlib import Path

from setuptools import setup

sys.path.insert(0, str(Path(__file__).resolve().parent / "src"))

from pyaot_example_src._kernels import cc as kernels_cc  # noqa: E402
from pyaot_example_src._scalars import cc as scalars_cc  # noqa: E402

setup(ext_modules=[kernels_cc.distutils_extension(), scalars_cc.distutils_extension()])
'''

# Calls every exported function on fixed inputs. Runs in the fresh venvs against the installed
# extensions, and in this process against the plain-Python sources (the reference). Results
# are encoded exactly (floats as hex) so that the comparison can be exact or tolerant.
CASES_SOURCE = r'''
import numpy as np


def encode(value):
    if isinstance(value, np.ndarray):
        return {"type": "ndarray", "dtype": str(value.dtype), "shape": list(value.shape),
                "values": [float(x).hex() for x in value.ravel()]}
    if isinstance(value, tuple):
        return {"type": "tuple", "items": [encode(v) for v in value]}
    if isinstance(value, bool) or value is None:
        return {"type": type(value).__name__, "repr": repr(value)}
    if isinstance(value, float):
        return {"type": "float", "class": type(value).__name__, "value": float(value).hex()}
    if isinstance(value, (int, np.integer)):
        return {"type": "int", "class": type(value).__name__, "value": int(value)}
    return {"type": type(value).__name__, "repr": repr(value)}


def run_cases(kernels, scalars):
    values = np.sin(np.arange(24) * 0.7) * 3.0 + 1.0
    results = []

    def case(label, thunk):
        try:
            result = encode(thunk())
        except Exception as exc:
            result = {"type": "raised", "exception": type(exc).__name__, "message": str(exc)}
        results.append([label, result])

    def scaled(array, factor):
        copy = array.copy()
        return kernels.scale_inplace(copy, factor), copy

    case("moving_average(values, 1)", lambda: kernels.moving_average(values, 1))
    case("moving_average(values, 5)", lambda: kernels.moving_average(values, 5))
    case("moving_average(values, 24)", lambda: kernels.moving_average(values, 24))
    case("moving_average(values[::3], 2)", lambda: kernels.moving_average(values[::3], 2))
    case("moving_average(values, 25)", lambda: kernels.moving_average(values, 25))
    case("moving_average(values, 0)", lambda: kernels.moving_average(values, 0))
    case("mean_and_std(values)", lambda: kernels.mean_and_std(values))
    case("mean_and_std(values[:1])", lambda: kernels.mean_and_std(values[:1]))
    case("mean_and_std(values[::-2])", lambda: kernels.mean_and_std(values[::-2]))
    case("scale_inplace(copy, -2.5) -> (result, copy)", lambda: scaled(values, -2.5))
    case("scale_inplace(copy[::2], 0.5) -> (result, copy)", lambda: scaled(values[::2], 0.5))
    case("clamp(5.0, 0.0, 1.0)", lambda: scalars.clamp(5.0, 0.0, 1.0))
    case("clamp(-1.0, 0.0, 1.0)", lambda: scalars.clamp(-1.0, 0.0, 1.0))
    case("clamp(0.25, 0.0, 1.0)", lambda: scalars.clamp(0.25, 0.0, 1.0))
    case("fib(0)", lambda: scalars.fib(0))
    case("fib(1)", lambda: scalars.fib(1))
    case("fib(10)", lambda: scalars.fib(10))
    case("fib(90)", lambda: scalars.fib(90))
    case("rms(3.0, 4.0)", lambda: scalars.rms(3.0, 4.0))
    case("rms(-1.5, 0.25)", lambda: scalars.rms(-1.5, 0.25))
    return results
'''

# Runs in a fresh venv holding one installed wheel (and numpy, nothing else): the extensions,
# the plain-Python module on top of them, and where the extensions were loaded from.
CHECK_DRIVER = CASES_SOURCE + r'''

import importlib.util
import json

from pyaot_example_src import kernels, scalars, util

results = run_cases(kernels, scalars)
results.append(["util.summary([1.0, 2.0, 3.0, 4.0])",
                encode(tuple(util.summary([1.0, 2.0, 3.0, 4.0]).values()))])
results.append(["util.smooth([1.0, 4.0, 9.0, 16.0], 2)", encode(util.smooth([1.0, 4.0, 9.0, 16.0], 2))])
print(json.dumps({"results": results, "files": [kernels.__file__, scalars.__file__],
                  "numba_importable": importlib.util.find_spec("numba") is not None}))
'''

CLI_ARGS = ["1", "2", "3", "4.5", "--window", "2"]


@dataclass
class Column:
    key: str
    label: str
    status: str = "pending"  # ok | skipped | error
    note: str = ""
    project: Path | None = None
    samples: dict = field(default_factory=dict)  # mode -> [seconds]
    metrics: dict = field(default_factory=dict)
    wheel_hashes: dict = field(default_factory=dict)  # mode -> [sha256]
    wheel: Path | None = None
    wheel_info: dict = field(default_factory=dict)
    check: dict | None = None
    cli_output: str | None = None
    failures: list = field(default_factory=list)

    def fail(self, message: str) -> None:
        self.status = "error"
        self.note = message
        print(f"  ERROR {self.label}: {message}")


# --------------------------------------------------------------------------
# Running commands
# --------------------------------------------------------------------------


def offline_env() -> dict:
    """The environment of every offline pip and venv command: no pip configuration, no
    PIP_* variables and no PYTHONPATH from the caller, so that only the wheelhouse is seen
    (this machine sets PIP_FIND_LINKS, for one)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("PIP_") and k != "PYTHONPATH"}
    env["PIP_CONFIG_FILE"] = os.devnull
    env["PIP_DISABLE_PIP_VERSION_CHECK"] = "1"
    return env


def venv_python(venv: Path) -> Path:
    return venv / ("Scripts/python.exe" if os.name == "nt" else "bin/python")


def make_venv(venv: Path, wheelhouse: Path, requirements: list, what: str) -> Path:
    """A fresh venv with `requirements` installed offline from the wheelhouse, by this
    interpreter's pip (`pip --python`), so no pip of another version is involved."""
    run_checked([sys.executable, "-m", "venv", "--without-pip", venv], f"creating the {what} venv")
    python = venv_python(venv)
    run_checked(
        [sys.executable, "-m", "pip", "--python", python, "install", "-q", "--no-index",
         "--find-links", wheelhouse, *requirements],
        f"installing {' '.join(map(str, requirements))} into the {what} venv",
        env=offline_env(),
    )
    return python


# --------------------------------------------------------------------------
# Preparing the wheelhouse (not timed)
# --------------------------------------------------------------------------


def installed_version(name: str) -> str | None:
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return None


def pinned(name: str) -> str:
    """`name==<version in this venv>`, so the wheelhouse matches what runs here."""
    version = installed_version(name)
    return f"{name}=={version}" if version else name


def has_wheel(wheelhouse: Path, name: str) -> bool:
    return any(wheelhouse.glob(f"{name}-*.whl"))


def download(wheelhouse: Path, requirements: list) -> None:
    # The only step that may use the network, so it keeps the caller's pip settings.
    run_checked(
        [sys.executable, "-m", "pip", "download", "-q", "--only-binary", ":all:",
         "-d", wheelhouse, *requirements],
        f"pip download {' '.join(requirements)}",
    )


def wheel_version(wheelhouse: Path, name: str) -> str | None:
    found = sorted(wheelhouse.glob(f"{name}-*.whl"))
    return found[-1].name.split("-")[1] if found else None


def prepare_wheelhouse(wheelhouse: Path, given: Path | None, columns: dict) -> dict:
    """Fills `wheelhouse` with every wheel the builds, the build venv and the fresh venvs need:
    pyaot (built with maturin unless --wheelhouse has one), pip, setuptools, wheel, numpy, and
    numba with llvmlite for the numba column (which is skipped if they cannot be had).
    Returns the version of each."""
    wheelhouse.mkdir(parents=True)
    if given is not None:
        for wheel in given.glob("*.whl"):
            shutil.copy(wheel, wheelhouse)

    if has_wheel(wheelhouse, "pyaot"):
        print(f"  pyaot: reusing {next(wheelhouse.glob('pyaot-*.whl')).name} from {given}")
    else:
        maturin = shutil.which("maturin", path=str(Path(sys.executable).parent)) or shutil.which("maturin")
        if maturin is None:
            raise BenchError("maturin not found (it builds pyaot's wheel; or pass --wheelhouse DIR)")
        print("  pyaot: maturin build --release ...", flush=True)
        start = time.perf_counter()
        run_checked(
            # Repairing to a manylinux tag needs patchelf; a plain linux tag installs locally.
            [maturin, "build", "--release", "-q", "--auditwheel", "skip", "-o", wheelhouse],
            "maturin build of pyaot",
            cwd=REPO,
            env=dict(os.environ, PYO3_PYTHON=sys.executable),
            timeout=1800,
        )
        if not has_wheel(wheelhouse, "pyaot"):
            raise BenchError(f"maturin build produced no pyaot wheel in {wheelhouse}")
        print(f"  pyaot: built {next(wheelhouse.glob('pyaot-*.whl')).name} "
              f"in {time.perf_counter() - start:.1f} s")

    # pip goes into the venvs too, so that every timed command runs the same pip as this venv.
    base = {"pip": pinned("pip"), "setuptools": "setuptools", "wheel": "wheel", "numpy": pinned("numpy")}
    # The test suite's wheels (tests/python/conftest.py), with their dependencies (packaging).
    for wheel in TEST_WHEELS.glob("*.whl") if TEST_WHEELS.is_dir() else []:
        if not (wheelhouse / wheel.name).exists():
            shutil.copy(wheel, wheelhouse)
    missing = [req for name, req in base.items() if not has_wheel(wheelhouse, name)]
    if missing:
        print(f"  pip download {' '.join(missing)} ...", flush=True)
        download(wheelhouse, missing)

    numba = columns["numba"]
    if has_wheel(wheelhouse, "numba") and has_wheel(wheelhouse, "llvmlite"):
        print(f"  numba: reusing numba {wheel_version(wheelhouse, 'numba')} from {given}")
    else:
        # numpy is named again so that pip picks a numba that works with the numpy in the
        # wheelhouse (the venv's), instead of pulling in a second numpy.
        requirements = [pinned("numba"), f"numpy=={wheel_version(wheelhouse, 'numpy')}"]
        print(f"  pip download {' '.join(requirements)} ...", flush=True)
        try:
            download(wheelhouse, requirements)
        except BenchError as exc:
            numba.status = "skipped"
            numba.note = f"cannot get numba's wheels, so no numba column: {exc}"
            print(f"  SKIP {numba.note}")

    names = ["pyaot", "pip", "setuptools", "wheel", "numpy"]
    if numba.status != "skipped":
        names += ["numba", "llvmlite"]
    versions = {name: wheel_version(wheelhouse, name) for name in names}
    print("  wheelhouse: " + ", ".join(f"{name} {version}" for name, version in versions.items()))
    return versions


# --------------------------------------------------------------------------
# The two projects
# --------------------------------------------------------------------------


def copy_example(destination: Path) -> None:
    shutil.copytree(
        EXAMPLE, destination,
        ignore=shutil.ignore_patterns("__pycache__", "*.so", "*.pyd", "build", "dist", "*.egg-info", "target"),
    )


def make_pyaot_project(destination: Path) -> list:
    copy_example(destination)
    return []


def make_numba_project(destination: Path) -> list:
    """Project A rewritten for setuptools + numba.pycc; returns a description of each change."""
    copy_example(destination)
    changes = []
    for name, pattern, replacement in NUMBA_SOURCE_CHANGES:
        path = destination / "src" / PACKAGE / name
        text, count = re.subn(pattern, replacement, path.read_text(), flags=re.M)
        if count != 1:
            raise BenchError(f"{path.name}: expected one line matching {pattern!r}, found {count}")
        path.write_text(text)
        changes.append(f"{name}: {pattern.strip('^$')!r} -> {replacement!r}")

    pyproject = destination / "pyproject.toml"
    text, count = re.subn(r"^\[build-system\]\n(?:(?!\[).*\n)*", NUMBA_BUILD_SYSTEM + "\n",
                          pyproject.read_text(), flags=re.M)
    if count != 1:
        raise BenchError(f"{EXAMPLE / 'pyproject.toml'}: no [build-system] table to replace")
    pyproject.write_text(text)
    changes.append("pyproject.toml: [build-system] setuptools.build_meta, requires setuptools, wheel, numba, numpy")
    (destination / "setup.py").write_text(NUMBA_SETUP_PY)
    changes.append("setup.py: ext_modules=[kernels_cc.distutils_extension(), scalars_cc.distutils_extension()]")
    return changes


# --------------------------------------------------------------------------
# Timing
# --------------------------------------------------------------------------


def pip_wheel_command(python: Path, wheelhouse: Path, out: Path, project: Path, mode: str) -> list:
    return [python, "-m", "pip", "wheel", "--no-deps", "--no-index", "--find-links", wheelhouse,
            "--no-cache-dir", *MODES[mode], "-w", out, project]


def time_build(col: Column, mode: str, run: int, python: Path, wheelhouse: Path, workdir: Path) -> None:
    """One timed `pip wheel`. Every run builds a fresh copy of the project: setuptools leaves
    build/ and *.egg-info behind, and a second build in the same tree would skip the compile."""
    tree = workdir / "runs" / f"{col.key}-{mode}-{run}"
    shutil.copytree(col.project, tree / "project")
    out = tree / "wheels"
    cmd = pip_wheel_command(python, wheelhouse, out, tree / "project", mode)
    start = time.perf_counter()
    run_checked(cmd, f"pip wheel of the {col.label} project ({mode.replace('_', '-')})",
                cwd=tree, env=offline_env(), timeout=1800)
    elapsed = time.perf_counter() - start
    wheels = sorted(out.glob(f"{PACKAGE}-*.whl"))
    if len(wheels) != 1:
        raise BenchError(f"pip wheel ({mode}) left {[w.name for w in out.iterdir()]} in {out}, expected one wheel")
    col.samples.setdefault(mode, []).append(elapsed)
    col.wheel_hashes.setdefault(mode, []).append(hashlib.sha256(wheels[0].read_bytes()).hexdigest())
    if col.wheel is None and mode == "isolated":
        col.wheel = tree / wheels[0].name
        shutil.copy(wheels[0], col.wheel)
    print(f"  {col.label:>22}  {mode.replace('_', '-'):>13}  run {run + 1}: {elapsed:6.2f} s", flush=True)


# --------------------------------------------------------------------------
# Wheels: sizes, install, results
# --------------------------------------------------------------------------


def inspect_wheel(col: Column, workdir: Path) -> None:
    info = {"file": col.wheel.name, "wheel_bytes": col.wheel.stat().st_size, "extensions": {}}
    strip = shutil.which("strip")
    stripped_total = 0 if strip else None
    with zipfile.ZipFile(col.wheel) as archive:
        for entry in archive.infolist():
            if not entry.filename.endswith((EXT_SUFFIX, ".so", ".pyd")):
                continue
            info["extensions"][entry.filename] = entry.file_size
            if strip:
                target = workdir / "stripped" / col.key / Path(entry.filename).name
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(archive.read(entry))
                if subprocess.run([strip, "--strip-unneeded", str(target)], capture_output=True).returncode == 0:
                    stripped_total += target.stat().st_size
                else:
                    stripped_total = None
                    strip = None
    expected = {f"{PACKAGE}/kernels", f"{PACKAGE}/scalars"}
    found = {name.split(".")[0] for name in info["extensions"]}
    if found != expected:
        raise BenchError(f"{col.wheel.name} holds extensions {sorted(info['extensions'])}, "
                         f"expected {sorted(expected)}")
    col.wheel_info = info
    col.metrics["wheel_bytes"] = info["wheel_bytes"]
    col.metrics["extension_bytes"] = sum(info["extensions"].values())
    if stripped_total is not None:
        col.metrics["extension_stripped_bytes"] = stripped_total


def check_installed(col: Column, wheelhouse: Path, workdir: Path) -> None:
    """Installs the wheel (and numpy) into a fresh venv, offline, and runs the checks there."""
    python = make_venv(workdir / "venvs" / col.key, wheelhouse, [col.wheel], f"fresh {col.label}")
    proc = run_checked([python, "-c", CHECK_DRIVER], f"calling the installed {col.label} wheel",
                       cwd=workdir, env=offline_env(), timeout=300)
    col.check = json.loads(proc.stdout.strip().splitlines()[-1])
    script = python.parent / "pyaot-example-src"
    proc = run_checked([script, *CLI_ARGS], f"the installed {col.label} wheel's console script",
                       cwd=workdir, env=offline_env(), timeout=300)
    col.cli_output = proc.stdout


def plain_python_results() -> list:
    """run_cases on the example's own sources run by CPython (CC stubbed out)."""
    from types import SimpleNamespace

    modules = {}
    for name in COMPILED_SOURCES:
        namespace = run_plain(EXAMPLE / "src" / PACKAGE / name, f"plain{name[:-3]}")
        modules[name] = SimpleNamespace(**namespace["cc"].exports)
    namespace = {}
    exec(compile(CASES_SOURCE, "<cases>", "exec"), namespace)
    return namespace["run_cases"](modules["_kernels.py"], modules["_scalars.py"])


def decode_floats(result: dict) -> list:
    if result["type"] == "ndarray":
        return [float.fromhex(v) for v in result["values"]]
    if result["type"] == "float":
        return [float.fromhex(result["value"])]
    if result["type"] == "tuple":
        return [x for item in result["items"] for x in decode_floats(item)]
    return []


def shape(result: dict):
    """Everything about a result but its float values (and the exact float class, since
    CPython's np.sqrt gives numpy.float64 where a compiled function gives float)."""
    if result["type"] == "ndarray":
        return ("ndarray", result["dtype"], tuple(result["shape"]))
    if result["type"] == "tuple":
        return ("tuple", tuple(shape(item) for item in result["items"]))
    if result["type"] == "float":
        return ("float",)
    if result["type"] == "raised":
        return ("raised", result["exception"])
    return (result["type"], result.get("value"), result.get("repr"))


def compare(label: str, got: dict, expected: dict, rtol: float = 1e-12):
    """None if `got` matches `expected` exactly, "close" if within rtol, else what differs."""
    if shape(got) != shape(expected):
        def brief(r):
            return r["exception"] if r["type"] == "raised" else repr(shape(r))
        return f"{label}: got {brief(got)}, expected {brief(expected)}"
    a, b = decode_floats(got), decode_floats(expected)
    if a == b:
        return None
    worst = max(abs(x - y) / max(abs(y), 1e-300) for x, y in zip(a, b))
    return "close" if worst <= rtol else f"{label}: values differ (max relative difference {worst:.3g})"


def verify(columns: dict, reference: list) -> list:
    """Compares each installed wheel with CPython and the two wheels with each other;
    returns notes, and records failures in the columns."""
    notes = []
    expected = dict((label, result) for label, result in reference)
    checked = [col for col in columns.values() if col.check is not None]
    for col in checked:
        inexact = []
        for label, result in col.check["results"]:
            if label not in expected:
                continue
            problem = compare(label, result, expected[label])
            if problem == "close":
                inexact.append(label)
            elif problem:
                col.failures.append(f"differs from CPython: {problem}")
        if inexact:
            notes.append(f"{col.label}: within 1e-12 of CPython but not bit-identical: {', '.join(inexact)}")
        if col.check["numba_importable"]:
            notes.append(f"{col.label}: numba is importable in the fresh venv (it should not be needed)")
    if len(checked) == 2:
        a, b = checked
        inexact = []
        for (label, ra), (_, rb) in zip(a.check["results"], b.check["results"]):
            problem = compare(label, rb, ra)
            if problem == "close":
                inexact.append(label)
            elif problem:
                b.failures.append(f"differs from {a.label}: {problem}")
        if inexact:
            notes.append(f"{b.label} vs {a.label}: within 1e-12 but not bit-identical: {', '.join(inexact)}")
        if a.cli_output != b.cli_output:
            b.failures.append(f"console script output differs: {a.label} {a.cli_output!r}, "
                              f"{b.label} {b.cli_output!r}")
        raised = {label: r["message"] for label, r in a.check["results"] if r["type"] == "raised"}
        for label, r in b.check["results"]:
            if label in raised and r["type"] == "raised" and r["message"] != raised[label]:
                notes.append(f"{label} raises the same exception with different messages: "
                             f"{a.label} {raised[label]!r}, {b.label} {r['message']!r}")
    return notes


# --------------------------------------------------------------------------
# Report
# --------------------------------------------------------------------------

# (metric key, row label, kind) in display order.
ROWS = [
    ("isolated_min_s", "pip wheel (isolated): min", "time"),
    ("isolated_median_s", "pip wheel (isolated): median", "time"),
    ("no_isolation_min_s", "pip wheel --no-build-isolation: min", "time"),
    ("no_isolation_median_s", "pip wheel --no-build-isolation: median", "time"),
    ("wheel_bytes", "wheel size (bytes)", "bytes"),
    ("extension_bytes", "compiled extensions (bytes)", "bytes"),
    ("extension_stripped_bytes", "extensions stripped (bytes)", "bytes"),
]


def format_value(value, kind: str) -> str:
    if value is None:
        return "-"
    return f"{value:.2f} s" if kind == "time" else f"{value:,}"


def ratio(columns: dict, metric: str):
    a, b = columns["numba"].metrics.get(metric), columns["pyaot"].metrics.get(metric)
    if a is None or b is None or b == 0:
        return None
    return a / b


def summarize(col: Column) -> None:
    for mode, samples in col.samples.items():
        col.metrics[f"{mode}_min_s"] = min(samples)
        col.metrics[f"{mode}_median_s"] = statistics.median(samples)


def print_report(columns: dict, args) -> None:
    label_width = max(len(label) for _, label, _ in ROWS) + 2
    width = 24
    print()
    header = "".ljust(label_width) + "".join(col.label.rjust(width) for col in columns.values())
    header += "numba/pyaot".rjust(14)
    print(header)
    print("-" * len(header))
    for metric, label, kind in ROWS:
        line = label.ljust(label_width)
        line += "".join(format_value(col.metrics.get(metric), kind).rjust(width) for col in columns.values())
        r = ratio(columns, metric)
        line += (f"{r:.2f}x" if r is not None else "-").rjust(14)
        print(line)
    print()
    print(f"{args.repeats} build(s) per row, interleaved; ratios > 1 mean setuptools+numba.pycc is "
          "slower/bigger. Sizes are of the first isolated build; extensions uncompressed.")
    for col in columns.values():
        if col.wheel_info:
            parts = ", ".join(f"{Path(name).name.split('.')[0]} {size:,}"
                              for name, size in sorted(col.wheel_info["extensions"].items()))
            print(f"  {col.label}: {col.wheel_info['file']} ({parts})")
        hashes = [h for mode in MODES for h in col.wheel_hashes.get(mode, [])]
        if len(hashes) > 1:
            distinct = len(set(hashes))
            print(f"  {col.label}: {len(hashes)} wheels built, "
                  + ("all byte-identical" if distinct == 1 else f"{distinct} different (sha256)"))


def print_header(args) -> None:
    print(f"build benchmark: Python {platform.python_version()}, pip {installed_version('pip')}, "
          f"{machine_summary()}")
    mode = "quick" if args.quick else "full"
    print(f"mode: {mode} ({args.repeats} build(s) per project and mode)")


def parse_args(argv=None):
    parser = argument_parser(__doc__, "one build per row, for a smoke run",
                             "keep the temporary directory and print its path")
    parser.add_argument("--repeats", type=int, metavar="N", help="builds per row (default 3, 1 with --quick)")
    parser.add_argument("--wheelhouse", metavar="DIR", type=Path,
                        help="take pyaot's wheel (and any other wheels) from DIR instead of building "
                             "and downloading them; a kept run's wheelhouse/ works offline")
    args = parser.parse_args(argv)
    if args.repeats is None:
        args.repeats = 1 if args.quick else 3
    if args.repeats < 1:
        parser.error("--repeats must be at least 1")
    if args.wheelhouse is not None and not args.wheelhouse.is_dir():
        parser.error(f"--wheelhouse {args.wheelhouse}: not a directory")
    return args


def main(argv=None) -> int:
    args = parse_args(argv)
    print_header(args)
    columns = {key: Column(key, label) for key, label in COLUMNS.items()}
    notes = []
    with scratch_dir("pyaot-bench-build-", args.keep,
                     "temporary directory kept: {0} (rerun offline with --wheelhouse {0}/wheelhouse)") as workdir:
        wheelhouse = workdir / "wheelhouse"
        print("preparing the wheelhouse (not timed) ...", flush=True)
        try:
            versions = prepare_wheelhouse(wheelhouse, args.wheelhouse, columns)
        except BenchError as exc:
            print(f"ERROR {exc}")
            return 1

        print("preparing the projects and the build venv (not timed) ...", flush=True)
        builders = {"pyaot": make_pyaot_project, "numba": make_numba_project}
        ready = []
        for key, col in columns.items():
            if col.status == "skipped":
                continue
            try:
                col.project = workdir / "projects" / key
                for change in builders[key](col.project):
                    print(f"  project B ({col.label}): {change}")
                ready.append(col)
            except BenchError as exc:
                col.fail(str(exc))
        # --no-build-isolation builds in the interpreter running pip, so it needs every build
        # requirement installed there. This venv's setuptools may be too old for the example's
        # PEP 639 `license = "MIT"`, so both modes run in a venv made from the wheelhouse: the
        # same pip, pyaot, numba, setuptools and numpy as the isolated builds get.
        requirements = ["pip", "pyaot", "setuptools", "wheel", "numpy"]
        if columns["numba"] in ready:
            requirements.append("numba")
        try:
            build_python = make_venv(workdir / "venvs" / "build", wheelhouse, requirements, "build")
        except BenchError as exc:
            print(f"ERROR {exc}")
            return 1
        print(f"  build venv: {', '.join(requirements)} from the wheelhouse")

        print("timing pip wheel ...", flush=True)
        for run in range(args.repeats):
            for mode in MODES:
                # Alternate which project goes first, so that drift hits both alike.
                order = ready if (run + list(MODES).index(mode)) % 2 == 0 else ready[::-1]
                for col in order:
                    if col.status == "error":
                        continue
                    try:
                        time_build(col, mode, run, build_python, wheelhouse, workdir)
                    except BenchError as exc:
                        col.fail(str(exc))

        reference = plain_python_results()
        for col in ready:
            if col.status == "error":
                continue
            col.status = "ok"
            summarize(col)
            try:
                inspect_wheel(col, workdir)
                print(f"installing the {col.label} wheel into a fresh venv ...", flush=True)
                check_installed(col, wheelhouse, workdir)
            except BenchError as exc:
                col.fail(str(exc))
        notes += verify(columns, reference)
        checked = [col for col in columns.values() if col.check is not None]
        for col in checked:
            for failure in col.failures:
                print(f"  WRONG {col.label}: {failure}")
            if not col.failures:
                others = " and the other wheel" if len(checked) == 2 else ""
                print(f"  {col.label}: {len(col.check['results'])} calls and the console script "
                      f"agree with CPython{others}")

        print_report(columns, args)
        for note in notes:
            print(f"note: {note}")
        for col in columns.values():
            if col.status != "ok" and col.note:
                print(f"note: {col.label}: {col.status}: {col.note.splitlines()[0]}")

        if args.json:
            payload = {
                "python": platform.python_version(),
                "pip": installed_version("pip"),
                "cpus": os.cpu_count(),
                "repeats": args.repeats,
                "wheelhouse_versions": versions,
                "commands": {mode: " ".join(map(str, pip_wheel_command(
                    Path("PYTHON"), Path("WH"), Path("OUT"), Path("PROJECT"), mode))) for mode in MODES},
                "columns": {
                    key: {
                        "label": col.label, "status": col.status, "note": col.note,
                        "metrics": col.metrics, "samples_s": col.samples,
                        "wheel": col.wheel_info, "wheel_sha256": col.wheel_hashes,
                        "results": col.check["results"] if col.check else None,
                        "cli_output": col.cli_output, "failures": col.failures,
                    }
                    for key, col in columns.items()
                },
                "ratios_numba_over_pyaot": {metric: ratio(columns, metric) for metric, _, _ in ROWS},
                "cpython_reference": reference,
                "notes": notes,
            }
            write_json(args.json, payload)

    broken = [col.label for col in columns.values() if col.status == "error" or col.failures]
    return exit_status(broken, "failed to build or install, or gave wrong results")


if __name__ == "__main__":
    sys.exit(main())
