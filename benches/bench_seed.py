#!/usr/bin/env python3
"""Benchmark the seed module built three ways: pyaot, numba.pycc and hand-written C.

Run it with the project's venv (see benches/README.md):

    .venv/bin/python benches/bench_seed.py [--quick] [--json PATH] [--keep]

The three builds run side by side in one process and every timing is compared
with the others from the same run: on a shared machine absolute times drift,
ratios measured back to back much less. A missing pyaot or numba.pycc is a
skipped column, not an error. The exit status is 0 when everything ran, even if
a performance target fails (this is a report, not a test), and 1 when a build
crashed or gave wrong results.
"""

from __future__ import annotations

import os
import platform
import shlex
import shutil
import subprocess
import sys
import sysconfig
import time
import timeit
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from _benchlib import (BenchError, argument_parser, build_modules, exit_status, find_extension, format_time,
                       load_extension, machine_summary, output_tail, probe, run_checked, run_plain, scratch_dir,
                       set_timing, time_interleaved, variant_source, write_json)

BENCH_DIR = Path(__file__).resolve().parent
SEED_SOURCE = BENCH_DIR / "seed_module.py"
C_SOURCE = BENCH_DIR / "seed_c" / "seed_c.c"

# Column key -> (label, extension module name).
COLUMNS = {
    "pyaot": ("pyaot", "seed_pyaot"),
    "numba": ("numba.pycc", "seed_numba"),
    "c": ("hand-written C", "seed_c"),
}

SO_SIZE_LIMIT = 50_000  # bytes; "50 KB" read strictly
COMPILE_TIME_LIMIT = 0.5  # seconds


@dataclass
class Column:
    key: str
    label: str
    module_name: str
    status: str = "pending"  # ok | skipped | error
    note: str = ""
    version: str | None = None
    so_path: Path | None = None
    module: object = None
    metrics: dict = field(default_factory=dict)
    samples: dict = field(default_factory=dict)
    warnings: list = field(default_factory=list)
    verify_failures: list = field(default_factory=list)

    def usable(self) -> bool:
        return self.status == "ok" and self.module is not None


# --------------------------------------------------------------------------
# Building the three columns
# --------------------------------------------------------------------------


def compile_python_column(col: Column, workdir: Path, builds: int) -> None:
    """Builds the seed with pyaot or numba.pycc, `builds` times, each in a fresh interpreter."""
    info = probe(col.key)
    col.version = info["version"]
    if info["note"]:
        col.status = "skipped"
        col.note = info["note"]
        return

    source = variant_source(SEED_SOURCE.read_text(), col.key, col.module_name, SEED_SOURCE.name)
    walls, calls = [], []
    for build in range(builds):
        build_dir = workdir / col.key / f"build{build}"
        build_dir.mkdir(parents=True)
        seed_file = build_dir / f"{col.module_name}_source.py"
        seed_file.write_text(source)
        [result] = build_modules([(seed_file, build_dir)], build_dir, col.key)
        if "crashed" in result:
            raise BenchError(f"compiling the seed module with {col.label} crashed: {result['crashed']}")
        if "error" in result:
            printed = f"\n  its output:\n{result['output']}" if result["output"] else ""
            raise BenchError(f"compiling the seed module with {col.label} failed:\n"
                             f"{output_tail(result['traceback'])}{printed}")
        walls.append(result["wall_s"])
        calls.append(result["compile_call_s"])
        col.warnings = result["warnings"]
        col.so_path = find_extension(build_dir, col.module_name)
    col.samples["compile_wall_s"] = walls
    col.samples["compile_call_s"] = calls
    col.metrics["compile_wall_s"] = min(walls)
    col.metrics["compile_call_s"] = min(calls)


def c_compiler() -> list[str]:
    return shlex.split(os.environ.get("CC", "gcc"))


def compile_c_column(col: Column, workdir: Path, builds: int) -> None:
    """Builds benches/seed_c/seed_c.c with the system C compiler."""
    compiler = c_compiler()
    if shutil.which(compiler[0]) is None:
        col.status = "skipped"
        col.note = f"C compiler {compiler[0]!r} not found (set $CC)"
        return
    suffix = sysconfig.get_config_var("EXT_SUFFIX") or ".so"
    walls = []
    for build in range(builds):
        build_dir = workdir / "c" / f"build{build}"
        build_dir.mkdir(parents=True)
        output = build_dir / (col.module_name + suffix)
        cmd = compiler + [
            "-O3", "-shared", "-fPIC", "-Wall",
            f"-I{sysconfig.get_paths()['include']}", f"-I{np.get_include()}",
            str(C_SOURCE), "-o", str(output),
        ]
        start = time.perf_counter()
        proc = run_checked(cmd, "compiling seed_c.c")
        walls.append(time.perf_counter() - start)
        if proc.stderr.strip():
            col.warnings = proc.stderr.strip().splitlines()
        col.so_path = output
    version = subprocess.run(compiler + ["--version"], capture_output=True, text=True)
    col.version = version.stdout.splitlines()[0] if version.returncode == 0 and version.stdout else None
    col.samples["compile_wall_s"] = walls
    col.metrics["compile_wall_s"] = min(walls)


def measure_sizes(col: Column, workdir: Path) -> None:
    col.metrics["so_bytes"] = col.so_path.stat().st_size
    strip = shutil.which("strip")
    if strip:
        stripped = workdir / f"{col.key}-stripped.so"
        shutil.copyfile(col.so_path, stripped)
        if subprocess.run([strip, "--strip-unneeded", str(stripped)], capture_output=True).returncode == 0:
            col.metrics["so_stripped_bytes"] = stripped.stat().st_size


# --------------------------------------------------------------------------
# Correctness
# --------------------------------------------------------------------------


def plain_python_reference() -> dict:
    """The seed's functions run by CPython, keyed by exported name."""
    return run_plain(SEED_SOURCE, "seed_plain")["cc"].exports


def verify(col: Column, reference: dict) -> None:
    """Records in col.verify_failures every way the build differs from CPython."""
    mod, failures = col.module, col.verify_failures

    def check(what: str, thunk) -> None:
        try:
            problem = thunk()
        except Exception as exc:  # a build that raises is a failure to report, not to crash on
            problem = f"raised {type(exc).__name__}: {exc}"
        if problem:
            failures.append(f"{what}: {problem}")

    def scalar(name, args, expected, kind):
        def thunk():
            got = getattr(mod, name)(*args)
            if type(got) is not kind or got != expected:
                return f"got {got!r} ({type(got).__name__}), expected {expected!r}"
        check(f"{name}{args}", thunk)

    scalar("multf", (1.5, 2.5), 3.75, float)
    scalar("multi", (3, 4), 12, int)
    scalar("square", (1.414,), 1.9993959999999997, float)

    rng = np.random.default_rng(20240607)
    cases = {
        "contiguous n=1001": rng.standard_normal(1001),
        "contiguous n=10": rng.standard_normal(10),
        "strided n=500": rng.standard_normal(1000)[::2],
    }
    dx = 0.013
    for label, u in cases.items():
        def thunk(u=u):
            before = u.copy()
            got = mod.centdiff_1d(u, dx)
            expected = reference["centdiff_1d"](u, dx)
            if not isinstance(got, np.ndarray) or got.dtype != np.float64 or got.shape != u.shape:
                return f"got {type(got).__name__} {getattr(got, 'dtype', '')} {getattr(got, 'shape', '')}"
            if not np.array_equal(u, before):
                return "modified its input"
            if not np.allclose(got, expected, rtol=1e-12, atol=0.0):
                worst = float(np.max(np.abs(got - expected)))
                return f"differs from CPython (max abs diff {worst:.3g})"
            if not np.array_equal(got, expected):
                col.note = (col.note + "; " if col.note else "") + "centdiff within 1e-12 but not bit-identical"
        check(f"centdiff_1d ({label})", thunk)

    def zero_dx():
        try:
            got = mod.centdiff_1d(np.arange(5.0), 0.0)
        except ZeroDivisionError:
            return None
        return f"returned {got!r}, expected ZeroDivisionError"
    check("centdiff_1d(u, 0.0)", zero_dx)


# --------------------------------------------------------------------------
# Timing
# --------------------------------------------------------------------------


def time_calls(columns: list[Column], metric: str, stmt: str, setup: str,
               extra_globals: dict, repeats: int, target_s: float) -> None:
    """Times stmt for every column, interleaving the repeats so drift hits all alike."""
    timers = {col.key: timeit.Timer(stmt, setup, globals={"mod": col.module, **extra_globals})
              for col in columns}
    results = time_interleaved(timers, repeats, target_s)
    for col in columns:
        result = results[col.key]
        if "error" in result:
            col.verify_failures.append(f"timing {metric}: {result['error']}")
            continue
        col.samples[metric] = result["samples"]
        col.metrics[metric] = result["min"]
        col.metrics[metric + "_median"] = result["median"]
        col.metrics[metric + "_loops"] = result["loops"]


# --------------------------------------------------------------------------
# Report
# --------------------------------------------------------------------------

# (metric key, row label, kind) in display order.
ROWS = [
    ("compile_wall_s", "compile: `python seed.py` wall", "time"),
    ("compile_call_s", "compile: cc.compile() alone", "time"),
    ("so_bytes", ".so size (bytes)", "bytes"),
    ("so_stripped_bytes", ".so stripped (bytes)", "bytes"),
    ("multf_call_s", "multf(1.5, 2.5) call", "time"),
    ("centdiff_10_s", "centdiff_1d, n=10", "time"),
    ("centdiff_1e6_s", "centdiff_1d, n=10**6", "time"),
]


def format_value(value, kind: str) -> str:
    if value is None:
        return "-"
    return format_time(value) if kind == "time" else f"{value:,}"


def ratio(columns: dict, numerator: str, denominator: str, metric: str):
    a = columns[numerator].metrics.get(metric)
    b = columns[denominator].metrics.get(metric)
    if a is None or b is None or b == 0:
        return None
    return a / b


RATIO_PAIRS = [("pyaot", "c"), ("numba", "c"), ("numba", "pyaot")]
RATIO_NAMES = {"pyaot": "pyaot", "numba": "numba", "c": "C"}


def ratio_name(num: str, den: str) -> str:
    return f"{RATIO_NAMES[num]}/{RATIO_NAMES[den]}"


def all_ratios(columns: dict) -> dict:
    return {
        ratio_name(num, den): {metric: ratio(columns, num, den, metric) for metric, _, _ in ROWS}
        for num, den in RATIO_PAIRS
    }


def targets(columns: dict) -> list[dict]:
    """Each target as {name, status: PASS|FAIL|SKIP, detail}."""

    def target(name, needs, metric_value, passes, detail):
        missing = [k for k in needs if columns[k].metrics.get(metric_value[0]) is None]
        if missing:
            why = ", ".join(
                f"{columns[k].label} {columns[k].status}" if columns[k].status != "ok"
                else f"no {metric_value[0]} for {columns[k].label}"
                for k in missing
            )
            return {"name": name, "status": "SKIP", "detail": why}
        value = metric_value[1]()
        return {"name": name, "status": "PASS" if passes(value) else "FAIL", "detail": detail(value)}

    pyaot = columns["pyaot"].metrics
    return [
        target("multf call: pyaot within 1.2x of hand-written C", ("pyaot", "c"),
               ("multf_call_s", lambda: ratio(columns, "pyaot", "c", "multf_call_s")),
               lambda r: r <= 1.2, lambda r: f"pyaot/C = {r:.2f}x"),
        target("multf call: pyaot at least 2x faster than numba.pycc", ("pyaot", "numba"),
               ("multf_call_s", lambda: ratio(columns, "numba", "pyaot", "multf_call_s")),
               lambda r: r >= 2.0, lambda r: f"numba/pyaot = {r:.2f}x"),
        target("centdiff_1d n=10: pyaot at least 5x faster than numba.pycc", ("pyaot", "numba"),
               ("centdiff_10_s", lambda: ratio(columns, "numba", "pyaot", "centdiff_10_s")),
               lambda r: r >= 5.0, lambda r: f"numba/pyaot = {r:.2f}x"),
        target("centdiff_1d n=10**6: pyaot no slower than C (5% noise allowed)", ("pyaot", "c"),
               ("centdiff_1e6_s", lambda: ratio(columns, "pyaot", "c", "centdiff_1e6_s")),
               lambda r: r <= 1.05, lambda r: f"pyaot/C = {r:.3f}x"),
        target(f"pyaot compiles the seed module in under {COMPILE_TIME_LIMIT} s (cc.compile())", ("pyaot",),
               ("compile_call_s", lambda: pyaot["compile_call_s"]),
               lambda t: t < COMPILE_TIME_LIMIT,
               lambda t: f"{format_time(t)} (whole `python seed.py`: {format_time(pyaot['compile_wall_s'])})"),
        target(f"pyaot .so under {SO_SIZE_LIMIT:,} bytes", ("pyaot",),
               ("so_bytes", lambda: pyaot["so_bytes"]),
               lambda n: n < SO_SIZE_LIMIT, lambda n: f"{n:,} bytes"),
    ]


def print_report(columns: dict, checks: list[dict], args) -> None:
    keys = list(COLUMNS)
    label_width = max(len(label) for _, label, _ in ROWS) + 2
    width = 16
    print()
    header = "".ljust(label_width) + "".join(columns[k].label.rjust(width) for k in keys)
    header += "".join(ratio_name(num, den).rjust(13) for num, den in RATIO_PAIRS)
    print(header)
    print("-" * len(header))
    for metric, label, kind in ROWS:
        line = label.ljust(label_width)
        line += "".join(format_value(columns[k].metrics.get(metric), kind).rjust(width) for k in keys)
        for num, den in RATIO_PAIRS:
            r = ratio(columns, num, den, metric)
            line += (f"{r:.2f}x" if r is not None else "-").rjust(13)
        print(line)
    print()
    print(f"Times are the minimum of {args.repeats} interleaved repeats, each ~{args.target_time:g} s of calls;"
          " ratios > 1 mean the numerator is slower/bigger.")
    print()
    print("Targets:")
    for check in checks:
        print(f"  {check['status']:4}  {check['name']}: {check['detail']}")


def print_header(args) -> None:
    print(f"seed benchmark: Python {platform.python_version()}, NumPy {np.__version__}, {machine_summary()}")
    mode = "quick" if args.quick else "full"
    print(f"mode: {mode} ({args.repeats} repeats x ~{args.target_time:g} s, {args.builds} compile(s) per column)")


def parse_args(argv=None):
    args = argument_parser(__doc__, "fewer and shorter repeats, for a smoke run").parse_args(argv)
    set_timing(args)
    args.builds = 1 if args.quick else 3
    return args


def main(argv=None) -> int:
    args = parse_args(argv)
    print_header(args)
    columns = {key: Column(key, label, name) for key, (label, name) in COLUMNS.items()}
    reference = plain_python_reference()

    with scratch_dir("pyaot-bench-", args.keep) as workdir:
        builders = {"pyaot": compile_python_column, "numba": compile_python_column, "c": compile_c_column}
        for key, col in columns.items():
            print(f"building {col.label} ...", flush=True)
            try:
                builders[key](col, workdir, args.builds)
                if col.status == "skipped":
                    print(f"  SKIP {col.note}")
                    continue
                measure_sizes(col, workdir)
                col.module = load_extension(col.module_name, col.so_path)
                col.status = "ok"
            except BenchError as exc:
                col.status = "error"
                col.note = str(exc)
                print(f"  ERROR {exc}")
                continue
            version = f" ({col.version})" if col.version else ""
            print(f"  built{version} in {format_time(col.metrics['compile_wall_s'])}")
            for warning in col.warnings:
                print(f"  (silenced) {warning}")
            verify(col, reference)
            for failure in col.verify_failures:
                print(f"  WRONG {failure}")
            if not col.verify_failures:
                print("  results match CPython (multf, multi, square, centdiff_1d contiguous, strided, dx=0)")

        ready = [col for col in columns.values() if col.usable()]
        print("timing ...", flush=True)
        small = np.random.default_rng(1).standard_normal(10)
        large = np.random.default_rng(2).standard_normal(10**6)
        timing_args = dict(repeats=args.repeats, target_s=args.target_time)
        time_calls(ready, "multf_call_s", "f(a, b)", "f = mod.multf; a = 1.5; b = 2.5", {}, **timing_args)
        time_calls(ready, "centdiff_10_s", "f(u, dx)", "f = mod.centdiff_1d; u = small; dx = 0.1",
                   {"small": small}, **timing_args)
        time_calls(ready, "centdiff_1e6_s", "f(u, dx)", "f = mod.centdiff_1d; u = large; dx = 0.1",
                   {"large": large}, **timing_args)

        checks = targets(columns)
        print_report(columns, checks, args)
        for col in columns.values():
            if col.status != "ok" and col.note:
                print(f"note: {col.label}: {col.status}: {col.note.splitlines()[0]}")

        if args.json:
            payload = {
                "python": platform.python_version(),
                "numpy": np.__version__,
                "cpus": os.cpu_count(),
                "repeats": args.repeats,
                "target_time_s": args.target_time,
                "columns": {
                    key: {
                        "label": col.label, "status": col.status, "note": col.note,
                        "version": col.version, "metrics": col.metrics, "samples": col.samples,
                        "silenced_warnings": col.warnings, "verify_failures": col.verify_failures,
                    }
                    for key, col in columns.items()
                },
                "ratios": all_ratios(columns),
                "targets": checks,
            }
            write_json(args.json, payload)

    broken = [col.label for col in columns.values() if col.status == "error" or col.verify_failures]
    return exit_status(broken, "crashed or gave wrong results")


if __name__ == "__main__":
    sys.exit(main())
