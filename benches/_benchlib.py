"""Helpers shared by the benchmark scripts in benches/ (not a benchmark itself).

- building CC modules with pyaot or numba.pycc in fresh interpreters, warnings recorded, not
  printed (`probe`, `variant_source`, `build_modules`), and loading the results (`load_extension`);
- running a CC source as plain CPython with CC stubbed out (`run_plain`);
- timing callables with interleaved repeats (`time_interleaved`);
- formatting (`format_time`, `machine_summary`);
- the scripts' common frame: `argument_parser`, `scratch_dir`, `write_json`, `exit_status`.
"""

from __future__ import annotations

import argparse
import contextlib
import importlib.machinery
import importlib.util
import json
import math
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import timeit
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

# Compiler key -> the import line of a source built with it.
IMPORT_LINES = {"pyaot": "from pyaot import CC", "numba": "from numba.pycc import CC"}


class BenchError(Exception):
    """A step failed (a build, a load, a command); the message says which and why."""


def run_checked(cmd: list, what: str, **kwargs) -> subprocess.CompletedProcess:
    """Runs cmd, capturing its output; a non-zero exit is a BenchError with the output's tail."""
    proc = subprocess.run([str(c) for c in cmd], capture_output=True, text=True, **kwargs)
    if proc.returncode != 0:
        raise BenchError(f"{what} failed (exit {proc.returncode}):\n{output_tail(proc.stdout + proc.stderr)}")
    return proc


def output_tail(output: str, lines: int = 30) -> str:
    return "\n".join("    " + line for line in output.strip().splitlines()[-lines:])


# --------------------------------------------------------------------------
# Building CC modules
# --------------------------------------------------------------------------

# Probes whether a compiler front end can be imported, in a fresh interpreter so
# the benchmark process itself need not load numba or LLVM.
PROBE_DRIVER = r'''
import json, sys, warnings
warnings.simplefilter("ignore")
which = sys.argv[1]
info = {"version": None, "error": None}
try:
    if which == "numba":
        import numba
        info["version"] = numba.__version__
        from numba.pycc import CC
    else:
        import pyaot
        info["version"] = getattr(pyaot, "__version__", None)
        from pyaot import CC
except Exception as exc:
    info["error"] = "%s: %s" % (type(exc).__name__, exc)
print(json.dumps(info))
'''


def probe(key: str) -> dict:
    """{"version", "error", "note"} for compiler key "pyaot" or "numba"; note says why it is unusable."""
    proc = run_checked([sys.executable, "-c", PROBE_DRIVER, key], f"probing {key}")
    info = json.loads(proc.stdout.strip().splitlines()[-1])
    info["note"] = None
    if info["error"]:
        if key == "pyaot":
            info["note"] = f"pyaot not importable: {info['error']}"
        elif info["version"]:
            info["note"] = f"numba {info['version']} is installed but has no usable numba.pycc: {info['error']}"
        else:
            info["note"] = f"numba not importable: {info['error']}"
    return info


def variant_source(text: str, key: str, module_name: str, what: str) -> str:
    """A CC source (written with `from pyaot import CC`) with the import line and the CC(...)
    module name for compiler key. Lines stay where they are, so line numbers still match."""
    text, imports = re.subn(r"^from pyaot import CC$", IMPORT_LINES[key], text, flags=re.M)
    text, names = re.subn(r"\bCC\((['\"])\w+\1\)", f"CC('{module_name}')", text)
    if imports != 1 or names != 1:
        raise BenchError(f"{what}: expected one 'from pyaot import CC' line and one CC('...') call")
    return text


# Runs in a fresh interpreter: for each (source dir, source module, output dir) it imports the
# source, sets cc.output_dir and calls cc.compile(). It appends one JSON line per module to the
# result file as soon as that module is done, so that a crash loses only the module it hit.
# Warnings are recorded instead of printed (numba.pycc emits deprecation warnings).
COMPILE_DRIVER = r'''
import importlib, json, sys, time, traceback, warnings
result_path, jobs = sys.argv[1], sys.argv[2:]
seen = []
warnings.showwarning = lambda message, category, *rest, **kw: seen.append(
    "%s: %s" % (category.__name__, str(message).splitlines()[0]))
warnings.simplefilter("always")
for i in range(0, len(jobs), 3):
    source_dir, source_module, output_dir = jobs[i:i + 3]
    del seen[:]
    entry = {"source_module": source_module}
    sys.path.insert(0, source_dir)
    try:
        start = time.perf_counter()
        cc = importlib.import_module(source_module).cc
        entry["import_s"] = time.perf_counter() - start
        try:
            cc.output_dir = output_dir
        except AttributeError:
            pass  # the default, the source's directory, is output_dir too
        start = time.perf_counter()
        cc.compile()
        entry["compile_call_s"] = time.perf_counter() - start
    except BaseException as exc:
        entry["error_type"] = type(exc).__name__
        entry["error"] = str(exc)
        entry["traceback"] = traceback.format_exc()
    finally:
        sys.path.remove(source_dir)
    entry["warnings"] = sorted(set(seen))
    with open(result_path, "a") as f:
        f.write(json.dumps(entry) + "\n")
'''


def build_modules(jobs: list[tuple[Path, Path]], workdir: Path, what: str, parallel: int = 1) -> list[dict]:
    """Compiles each CC source (source file, output dir) in a fresh interpreter, `parallel`
    interpreters at a time, each building its share of the jobs in turn.

    Returns one dict per job, in order: import_s and compile_call_s, or error_type, error,
    traceback and output (the tail of what the interpreter printed) when importing the source or
    cc.compile() raised, or crashed (exit status and output) when the interpreter
    died while building it (the jobs after it are built by a new interpreter); warnings; and
    wall_s, the wall time of the interpreter that built it (meaningful for a single job).
    """
    driver = workdir / "compile_driver.py"
    driver.write_text(COMPILE_DRIVER)
    chunks = [list(range(len(jobs)))[i::parallel] for i in range(parallel)]
    results: list[dict | None] = [None] * len(jobs)

    def run_chunk(number: int, indices: list[int]) -> None:
        attempt = 0
        while indices:
            result_path = workdir / f"compile-{what}-{number}-{attempt}.jsonl"
            argv = [str(p) for i in indices for p in (jobs[i][0].parent, jobs[i][0].stem, jobs[i][1])]
            start = time.perf_counter()
            proc = subprocess.run([sys.executable, str(driver), str(result_path), *argv],
                                  capture_output=True, text=True, cwd=workdir)
            wall = time.perf_counter() - start
            lines = result_path.read_text().splitlines() if result_path.exists() else []
            output = output_tail(proc.stdout + proc.stderr)
            for i, line in zip(indices, lines):
                results[i] = dict(json.loads(line), wall_s=wall)
                if "error" in results[i]:
                    results[i]["output"] = output
            done, indices = indices[:len(lines)], indices[len(lines):]
            if proc.returncode != 0:
                # The module it was building when it died, or the last one if it died after.
                crashed = indices.pop(0) if indices else done[-1]
                results[crashed] = {"crashed": f"exit {proc.returncode}" + (f":\n{output}" if output else ""),
                                    "warnings": [], "wall_s": wall}
            elif indices:
                raise BenchError(f"the {what} compile driver exited 0 without building {jobs[indices[0]][0].name}")
            attempt += 1

    with ThreadPoolExecutor(max_workers=parallel) as pool:
        for future in [pool.submit(run_chunk, n, chunk) for n, chunk in enumerate(chunks) if chunk]:
            future.result()
    return results


def find_extension(directory: Path, module_name: str) -> Path:
    for suffix in importlib.machinery.EXTENSION_SUFFIXES:
        candidate = directory / (module_name + suffix)
        if candidate.exists():
            return candidate
    found = sorted(str(p.name) for p in directory.iterdir())
    raise BenchError(f"no {module_name}<ext-suffix> produced in {directory}; found {found}")


def load_extension(module_name: str, path: Path):
    loader = importlib.machinery.ExtensionFileLoader(module_name, str(path))
    spec = importlib.util.spec_from_file_location(module_name, path, loader=loader)
    module = importlib.util.module_from_spec(spec)
    loader.exec_module(module)
    return module


# --------------------------------------------------------------------------
# Plain CPython reference
# --------------------------------------------------------------------------


class PlainCC:
    """Stands in for CC so that a CC source runs as plain Python."""

    def __init__(self, name: str):
        self.name = name
        self.exports = {}

    def export(self, exported_name: str, signature: str):
        def register(function):
            self.exports[exported_name] = function
            return function

        return register


def run_plain(path: Path, name: str = "plain") -> dict:
    """Runs the CC source at path with CPython (CC stubbed out) and returns its namespace;
    namespace["cc"].exports maps exported names to the plain functions."""
    source = re.sub(r"^from pyaot import CC$", "", path.read_text(), flags=re.M)
    namespace = {"__name__": name, "CC": PlainCC}
    exec(compile(source, str(path), "exec"), namespace)
    return namespace


# --------------------------------------------------------------------------
# Timing
# --------------------------------------------------------------------------


def calibrate(timer: timeit.Timer, target_s: float) -> int:
    """The loop count for which one measurement takes about target_s seconds."""
    number = 1
    while True:
        elapsed = timer.timeit(number)
        if elapsed >= target_s / 10 or number >= 10**8:
            return max(1, math.ceil(number * target_s / max(elapsed, 1e-9)))
        number *= 10


def time_interleaved(timers: dict, repeats: int, target_s: float) -> dict:
    """Times every timeit.Timer in timers (key -> Timer), interleaving the repeats so that drift
    hits all alike: round 1 runs the keys in order, round 2 starts with the second, and so on.

    Returns key -> {"min", "median", "loops", "samples"} (seconds per call), or key -> {"error"}
    when the timed statement raised."""
    results, numbers = {}, {}
    for key, timer in timers.items():
        try:
            numbers[key] = calibrate(timer, target_s)
        except Exception as exc:
            results[key] = {"error": f"raised {type(exc).__name__}: {exc}"}
    samples = {key: [] for key in numbers}
    order = list(numbers)
    for round_index in range(repeats):
        shift = round_index % len(order) if order else 0
        for key in order[shift:] + order[:shift]:
            samples[key].append(timers[key].timeit(numbers[key]) / numbers[key])
    for key, values in samples.items():
        results[key] = {"min": min(values), "median": statistics.median(values),
                        "loops": numbers[key], "samples": values}
    return results


# --------------------------------------------------------------------------
# Formatting
# --------------------------------------------------------------------------


def format_time(seconds: float) -> str:
    for unit, scale in (("s", 1.0), ("ms", 1e-3), ("us", 1e-6)):
        if seconds >= scale:
            return f"{seconds / scale:.3g} {unit}"
    return f"{seconds / 1e-9:.3g} ns"


def machine_summary() -> str:
    """`N CPUs (model name)`, the model from /proc/cpuinfo where there is one."""
    cpu = platform.processor() or platform.machine()
    try:
        with open("/proc/cpuinfo") as f:
            names = [line.split(":", 1)[1].strip() for line in f if line.startswith("model name")]
        if names:
            cpu = names[0]
    except OSError:
        pass
    return f"{os.cpu_count()} CPUs ({cpu})"


# --------------------------------------------------------------------------
# The scripts' common frame
# --------------------------------------------------------------------------


def argument_parser(doc: str, quick_help: str,
                    keep_help: str = "keep the temporary build directory and print its path") -> argparse.ArgumentParser:
    """A parser with --quick, --json PATH and --keep; the description is doc's first paragraph."""
    parser = argparse.ArgumentParser(description=doc.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help=quick_help)
    parser.add_argument("--json", metavar="PATH", help="also write the results as JSON to PATH")
    parser.add_argument("--keep", action="store_true", help=keep_help)
    return parser


def set_timing(args) -> None:
    """args.repeats and args.target_time (seconds per measurement) for a full or --quick run."""
    args.repeats = 3 if args.quick else 7
    args.target_time = 0.05 if args.quick else 0.2


@contextlib.contextmanager
def scratch_dir(prefix: str, keep: bool, kept: str = "build directory kept: {}"):
    """A temporary directory, removed afterwards unless keep (then `kept` is printed with its path)."""
    path = Path(tempfile.mkdtemp(prefix=prefix))
    try:
        yield path
    finally:
        if keep:
            print(kept.format(path))
        else:
            shutil.rmtree(path, ignore_errors=True)


def write_json(path: str, payload: dict) -> None:
    Path(path).write_text(json.dumps(payload, indent=2) + "\n")
    print(f"wrote {path}")


def exit_status(broken: list[str], why: str) -> int:
    """1 (saying so on stderr) if anything is broken, else 0."""
    if broken:
        print(f"exit 1: {', '.join(broken)} {why}".rstrip(), file=sys.stderr)
        return 1
    return 0
