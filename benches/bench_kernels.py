#!/usr/bin/env python3
"""Benchmark corpus kernels built with pyaot, numba.pycc and numba.njit, against NumPy.

Run it with the project's venv (see benches/README.md):

    .venv/bin/python benches/bench_kernels.py [--quick] [--json PATH] [--keep] [--only NAME,...]

Each kernel is one source in benches/kernels/, the kind of code users bring from numba or
pythran. It is compiled by pyaot and by numba.pycc (the same text with `from numba.pycc import
CC`), jitted by numba.njit, and compared with its NumPy-vectorised version (the `*_numpy`
function in the same file). Every column is checked against CPython before it is timed. A
kernel pyaot cannot compile yet is reported as such and the others still run. The exit status
is 0 when everything ran, even if a performance target fails (this is a report, not a test), and
1 when a build crashed or a result was wrong.
"""

from __future__ import annotations

import os
import platform
import sys
import time
import timeit
import warnings
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

import numpy as np

from _benchlib import (BenchError, argument_parser, build_modules, exit_status, find_extension, format_time,
                       load_extension, machine_summary, probe, run_plain, scratch_dir, set_timing,
                       time_interleaved, variant_source, write_json)

BENCH_DIR = Path(__file__).resolve().parent
KERNEL_DIR = BENCH_DIR / "kernels"

# Column key -> label, in display order.
COLUMNS = {"pyaot": "pyaot", "pycc": "numba.pycc", "njit": "numba.njit", "numpy": "NumPy"}
# The compiler key of the CC columns (see _benchlib.IMPORT_LINES).
CC_COLUMNS = {"pyaot": "pyaot", "pycc": "numba"}
RATIOS = ["pycc", "njit", "numpy"]  # pyaot / each of these

# The target: no kernel slower than numba.pycc. The margin is for noise: on the shared 2-core VM
# the same build timed twice differs by a few percent, and the per-kernel minimum of the
# interleaved repeats still moves by up to about 5 %.
TARGET_RATIO = 1.10

RTOL = 1e-12  # float results: relative tolerance against the reference (int results: exact)


@dataclass
class Kernel:
    name: str  # benches/kernels/<name>.py
    export: str  # the exported function; <export>_numpy is the NumPy version
    make_args: Callable  # (rng, size) -> the arguments of a timed call
    sizes: tuple  # (full, quick) size for make_args
    checks: Callable  # rng -> [(label, args)], small inputs that CPython runs too
    atol: float = 0.0  # absolute tolerance for float results, where the kernel cancels

    @property
    def source(self) -> Path:
        return KERNEL_DIR / f"{self.name}.py"

    @property
    def shown_source(self) -> str:
        """The source's path as the report shows it: relative to the repository."""
        try:
            return str(self.source.relative_to(BENCH_DIR.parent))
        except ValueError:
            return str(self.source)


def grid(rng, n, m):
    return rng.random((n, m))


def layouts(rng, n, m):
    """A 2-D array in C order, in Fortran order and as a strided view, for the checks."""
    return [("C order", grid(rng, n, m)), ("Fortran order", np.asfortranarray(grid(rng, m, n))),
            ("strided view", grid(rng, 2 * n, 3 * m)[::2, ::3])]


def one_array(layouts_of):
    return lambda rng: [(label, (a,)) for label, a in layouts_of(rng)]


def vectors(rng, n):
    return [(f"n={n}", rng.standard_normal(n)), ("n=1", rng.standard_normal(1)),
            ("strided view", rng.standard_normal(2 * n)[::2])]


def option_data(rng, n):
    return (rng.uniform(5.0, 30.0, n), rng.uniform(1.0, 100.0, n), rng.uniform(0.25, 10.0, n), 0.02, 0.30)


def histogram_data(rng, n):
    x = rng.standard_normal(n) * 1.2
    x[:3] = [-3.0, 3.0, np.nextafter(3.0, 0.0)]  # the edges: lo is in, hi is out
    return (x, -3.0, 3.0, 100)


MANDELBROT_WINDOW = (-2.0, 1.0, -1.0, 1.0)

KERNELS = [
    Kernel("stencil", "jacobi_step", lambda rng, n: (grid(rng, n, n),), (1000, 300),
           one_array(lambda rng: layouts(rng, 6, 9))),
    Kernel("pairwise", "pairwise_distances", lambda rng, n: (grid(rng, n, 3),), (1000, 200),
           lambda rng: [("12 points", (grid(rng, 12, 3),)), ("1 point", (grid(rng, 1, 3),)),
                        ("strided view", (grid(rng, 20, 9)[::2, ::3],))]),
    Kernel("axis_sum", "column_means", lambda rng, n: (grid(rng, n, n),), (1000, 300),
           one_array(lambda rng: layouts(rng, 7, 5))),
    Kernel("axis_sum_loop", "column_means_loop", lambda rng, n: (grid(rng, n, n),), (1000, 300),
           one_array(lambda rng: layouts(rng, 7, 5))),
    Kernel("black_scholes", "black_scholes", option_data, (10**6, 10**5),
           lambda rng: [("n=50", option_data(rng, 50)),
                        ("strided", tuple(a[::2] if isinstance(a, np.ndarray) else a
                                          for a in option_data(rng, 20)))],
           atol=1e-12),
    Kernel("mandelbrot", "mandelbrot", lambda rng, w: (*MANDELBROT_WINDOW, w, 2 * w // 3, 200), (600, 150),
           lambda rng: [("24x16, 50 iterations", (*MANDELBROT_WINDOW, 24, 16, 50)),
                        ("zoomed 9x7", (-0.75, -0.74, 0.1, 0.11, 9, 7, 300))]),
    Kernel("matmul", "matmul", lambda rng, n: (grid(rng, n, n), grid(rng, n, n)), (300, 100),
           lambda rng: [("(5x4) @ (4x3)", (grid(rng, 5, 4), grid(rng, 4, 3))),
                        ("Fortran @ strided", (np.asfortranarray(grid(rng, 6, 5)), grid(rng, 10, 8)[::2, ::2]))]),
    Kernel("histogram", "histogram", histogram_data, (10**6, 10**5),
           lambda rng: [("n=300", histogram_data(rng, 300)),
                        ("strided", (rng.standard_normal(200)[::2], -1.0, 2.0, 7))]),
    Kernel("cumsum", "cumsum", lambda rng, n: (rng.standard_normal(n),), (10**6, 10**5),
           one_array(lambda rng: vectors(rng, 11))),
    Kernel("cumsum_loop", "cumsum_loop", lambda rng, n: (rng.standard_normal(n),), (10**6, 10**5),
           one_array(lambda rng: vectors(rng, 11))),
]


@dataclass
class Column:
    key: str
    status: str = "pending"  # ok | compile error | error | skipped
    note: str = ""
    function: Callable | None = None
    build_s: float | None = None  # cc.compile(), or njit's first call
    warnings: list = field(default_factory=list)
    failures: list = field(default_factory=list)  # wrong results, exceptions
    inexact: list = field(default_factory=list)  # checks within tolerance but not bit-identical
    timing: dict = field(default_factory=dict)

    @property
    def label(self) -> str:
        return COLUMNS[self.key]

    def usable(self) -> bool:
        return self.status == "ok" and not self.failures


@dataclass
class Run:
    kernel: Kernel
    args: tuple
    columns: dict = field(default_factory=dict)
    reference: Callable | None = None  # the plain CPython function
    target: dict = field(default_factory=dict)


def describe(args: tuple) -> str:
    def one(a):
        if isinstance(a, np.ndarray):
            return f"{a.dtype.kind}{a.dtype.itemsize}[{'x'.join(map(str, a.shape))}]"
        return repr(a)
    return ", ".join(one(a) for a in args)


# --------------------------------------------------------------------------
# Building
# --------------------------------------------------------------------------


def first_line(text: str) -> str:
    return text.strip().splitlines()[0] if text.strip() else "(no message)"


def build_cc_columns(runs: list[Run], workdir: Path, infos: dict) -> None:
    """Builds every kernel with pyaot (one interpreter, alone, so its compile times are clean)
    and then with numba.pycc (one interpreter per CPU), and loads what was built."""
    for key, compiler in CC_COLUMNS.items():
        info = infos[compiler]
        if info["note"]:
            for run in runs:
                run.columns[key].status, run.columns[key].note = "skipped", info["note"]
            print(f"  SKIP {COLUMNS[key]}: {info['note']}")
            continue
        jobs, module_names = [], []
        for run in runs:
            module_name = f"{run.kernel.name}_{compiler}"
            build_dir = workdir / compiler / run.kernel.name
            build_dir.mkdir(parents=True)
            source = build_dir / run.kernel.source.name
            source.write_text(variant_source(run.kernel.source.read_text(), compiler, module_name,
                                             run.kernel.shown_source))
            jobs.append((source, build_dir))
            module_names.append(module_name)
        parallel = 1 if key == "pyaot" else max(1, min(os.cpu_count() or 1, 4))
        start = time.perf_counter()
        results = build_modules(jobs, workdir, compiler, parallel=parallel)
        print(f"  {COLUMNS[key]} {info['version']}: {len(jobs)} modules in "
              f"{format_time(time.perf_counter() - start)}" + (f", {parallel} at a time" if parallel > 1 else ""))
        for run, (source, build_dir), module_name, result in zip(runs, jobs, module_names, results):
            col = run.columns[key]
            col.warnings = result["warnings"]
            if "crashed" in result:
                col.status, col.note = "error", f"build crashed ({result['crashed']})"
            elif "error" in result:
                message = result["error"].replace(str(source), run.kernel.shown_source)
                if key == "pyaot" and result["error_type"] == "CompileError":
                    col.status, col.note = "compile error", message
                else:
                    col.status = "error"
                    col.note = f"{result['error_type']}: {message}\n{result['traceback']}\n{result['output']}"
            else:
                try:
                    module = load_extension(module_name, find_extension(build_dir, module_name))
                    col.function = getattr(module, run.kernel.export)
                    col.build_s = result["compile_call_s"]
                    col.status = "ok"
                except (BenchError, ImportError, AttributeError) as exc:
                    col.status, col.note = "error", f"loading the module failed: {exc}"


def jit_columns(runs: list[Run], numba_info: dict) -> None:
    """numba.njit of each plain function, warmed up by the first check (timed: the compile)."""
    if numba_info["note"]:
        for run in runs:
            run.columns["njit"].status, run.columns["njit"].note = "skipped", numba_info["note"]
        return
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        import numba
    for run in runs:
        col = run.columns["njit"]
        col.function = numba.njit(run.reference)
        _, args = run.kernel.checks(np.random.default_rng(0))[0]
        start = time.perf_counter()
        try:
            col.function(*args)
        except Exception as exc:
            col.status, col.note = "error", f"numba.njit: {type(exc).__name__}: {first_line(str(exc))}"
            continue
        col.build_s = time.perf_counter() - start
        col.status = "ok"


# --------------------------------------------------------------------------
# Correctness
# --------------------------------------------------------------------------


def difference(got, expected, atol: float) -> tuple[str | None, bool]:
    """(what is wrong or None, bit-identical)."""
    if not isinstance(got, np.ndarray):
        return f"returned {type(got).__name__}, expected ndarray", False
    if got.dtype != expected.dtype or got.shape != expected.shape:
        return f"returned {got.dtype}{list(got.shape)}, expected {expected.dtype}{list(expected.shape)}", False
    if np.array_equal(got, expected, equal_nan=True):
        return None, True
    if expected.dtype.kind in "biu":
        return f"{int(np.count_nonzero(got != expected))} of {got.size} integers differ", False
    if np.allclose(got, expected, rtol=RTOL, atol=atol, equal_nan=True):
        return None, False
    worst = float(np.max(np.abs(got - expected) / np.maximum(np.abs(expected), 1e-300)))
    return f"differs (max relative difference {worst:.3g}, tolerance {RTOL:g} + {atol:g})", False


def check_call(col: Column, what: str, args: tuple, expected, atol: float) -> None:
    before = [a.copy() if isinstance(a, np.ndarray) else a for a in args]
    try:
        got = col.function(*args)
    except Exception as exc:  # a column that raises is a failure to report, not to crash on
        col.failures.append(f"{what}: raised {type(exc).__name__}: {first_line(str(exc))}")
        return
    problem, identical = difference(got, expected, atol)
    if problem:
        col.failures.append(f"{what}: {problem}")
    elif not identical:
        col.inexact.append(what)
    if any(isinstance(a, np.ndarray) and not np.array_equal(a, b, equal_nan=True) for a, b in zip(args, before)):
        col.failures.append(f"{what}: modified its input")


def verify(run: Run) -> None:
    """Every column against CPython on the small check inputs (the NumPy column too), then
    every compiled column against the NumPy column on the timing inputs, which CPython would
    take minutes over."""
    kernel = run.kernel
    for label, args in kernel.checks(np.random.default_rng(20240607)):
        expected = run.reference(*args)
        for col in run.columns.values():
            if col.status == "ok":
                check_call(col, f"{label} vs CPython", args, expected, kernel.atol)
    numpy_col = run.columns["numpy"]
    if not numpy_col.usable():
        return
    expected = numpy_col.function(*run.args)
    for col in run.columns.values():
        if col.key != "numpy" and col.usable():
            check_call(col, f"timing input ({describe(run.args)}) vs NumPy", run.args, expected, kernel.atol)


# --------------------------------------------------------------------------
# Timing and targets
# --------------------------------------------------------------------------


def time_run(run: Run, repeats: int, target_s: float) -> None:
    timers = {
        key: timeit.Timer("f(*args)", "f = F; args = ARGS", globals={"F": col.function, "ARGS": run.args})
        for key, col in run.columns.items() if col.usable()
    }
    for key, result in time_interleaved(timers, repeats, target_s).items():
        col = run.columns[key]
        if "error" in result:
            col.failures.append(f"timing: {result['error']}")
        else:
            col.timing = result


def ratio(run: Run, key: str) -> float | None:
    a, b = run.columns["pyaot"].timing.get("min"), run.columns[key].timing.get("min")
    return a / b if a is not None and b else None


def judge(run: Run) -> dict:
    pyaot, pycc = run.columns["pyaot"], run.columns["pycc"]
    if pyaot.status == "compile error":
        return {"status": "FAIL", "detail": "pyaot could not compile the kernel"}
    if not (pyaot.timing and pycc.timing):
        missing = pyaot if not pyaot.timing else pycc
        why = missing.note.splitlines()[0] if missing.note else (
            "wrong results" if missing.failures else missing.status)
        return {"status": "SKIP", "detail": f"no {missing.label} time: {why}"}
    r = ratio(run, "pycc")
    return {"status": "PASS" if r <= TARGET_RATIO else "FAIL",
            "detail": f"pyaot/numba.pycc = {r:.3f} ({'<=' if r <= TARGET_RATIO else '>'} {TARGET_RATIO})"}


# --------------------------------------------------------------------------
# Report
# --------------------------------------------------------------------------


def cell(col: Column, value: float | None) -> str:
    if value is not None:
        return format_time(value)
    return {"compile error": "compile error", "error": "ERROR", "skipped": "skip"}.get(
        col.status, "WRONG" if col.failures else "-")


def ratio_cell(r: float | None) -> str:
    return f"{r:.2f}x" if r is not None else "-"


def print_kernel(run: Run) -> None:
    kernel = run.kernel
    print()
    print(f"== {kernel.name}: {kernel.export}({describe(run.args)})   [{kernel.shown_source}]")
    for col in run.columns.values():
        if col.status in ("compile error", "error"):
            print(f"  {col.label}: {col.status}: {first_line(col.note)}")
        for failure in col.failures:
            print(f"  {col.label}: WRONG {failure}")
    width = 15
    print("".ljust(18) + "".join(label.rjust(width) for label in COLUMNS.values()))
    for what, metric in (("time (min)", "min"), ("time (median)", "median")):
        print(f"  {what}".ljust(18) + "".join(cell(col, col.timing.get(metric)).rjust(width)
                                             for col in run.columns.values()))
    print("  compile".ljust(18) + "".join((format_time(col.build_s) if col.build_s is not None else "-").rjust(width)
                                       for col in run.columns.values()))
    print("  " + "   ".join(f"pyaot/{COLUMNS[key]} {ratio_cell(ratio(run, key))}" for key in RATIOS))
    print(f"  {run.target['status']}  {run.target['detail']}")


def print_summary(runs: list[Run], args) -> None:
    name_width = max(len(run.kernel.name) for run in runs) + 2
    width = 14
    header = "kernel".ljust(name_width) + "".join(label.rjust(width) for label in COLUMNS.values())
    header += "".join(f"pyaot/{COLUMNS[key]}".rjust(width + 4) for key in RATIOS) + "  target"
    print()
    print(header)
    print("-" * len(header))
    for run in runs:
        line = run.kernel.name.ljust(name_width)
        line += "".join(cell(col, col.timing.get("min")).rjust(width) for col in run.columns.values())
        line += "".join(ratio_cell(ratio(run, key)).rjust(width + 4) for key in RATIOS)
        print(line + f"  {run.target['status']}")
    print()
    print(f"Times are the minimum of {args.repeats} interleaved repeats, each ~{args.target_time:g} s of calls; "
          "ratios > 1 mean pyaot is slower.")
    print("pyaot and numba.pycc both compile for the generic CPU of the architecture (neither sets "
          "target_cpu), the fair comparison; numba.njit compiles for this host's CPU and for the exact "
          "array layouts it is called with. NumPy's matmul calls BLAS.")
    print("compile: cc.compile() in a fresh interpreter (numba.pycc's builds run in parallel, one per CPU, "
          "so theirs are inflated); numba.njit: its first call.")
    print(f"Target: no kernel slower than numba.pycc, pyaot/numba.pycc <= {TARGET_RATIO:.2f} "
          f"({TARGET_RATIO - 1:.0%} allowed for noise).")
    failed = [run.kernel.name for run in runs if run.target["status"] != "PASS"]
    passed = sum(run.target["status"] == "PASS" for run in runs)
    print(f"  {passed} of {len(runs)} kernels PASS" + (f"; not passing: {', '.join(failed)}" if failed else ""))
    for run in runs:
        pyaot = run.columns["pyaot"]
        if pyaot.status == "compile error":
            print(f"  {run.kernel.name}: pyaot: compile error: {first_line(pyaot.note)}")
    inexact = [f"{run.kernel.name} ({col.label})" for run in runs for col in run.columns.values()
               if any(what.endswith("vs CPython") for what in col.inexact)]
    if inexact:
        print(f"Within {RTOL:g} of CPython on the check inputs but not bit-identical: {', '.join(inexact)}")
    warned = sorted({w for run in runs for col in run.columns.values() for w in col.warnings})
    for warning in warned:
        print(f"(silenced) {warning}")


def json_payload(runs: list[Run], infos: dict, args) -> dict:
    return {
        "python": platform.python_version(),
        "numpy": np.__version__,
        "pyaot": infos["pyaot"]["version"],
        "numba": infos["numba"]["version"],
        "machine": machine_summary(),
        "mode": "quick" if args.quick else "full",
        "repeats": args.repeats,
        "target_time_s": args.target_time,
        "target_ratio": TARGET_RATIO,
        "rtol": RTOL,
        "kernels": {
            run.kernel.name: {
                "export": run.kernel.export,
                "source": run.kernel.shown_source,
                "args": describe(run.args),
                "atol": run.kernel.atol,
                "columns": {
                    key: {"label": col.label, "status": col.status, "note": col.note, "build_s": col.build_s,
                          "failures": col.failures, "not_bit_identical": col.inexact,
                          "silenced_warnings": col.warnings, **col.timing}
                    for key, col in run.columns.items()
                },
                "ratios": {f"pyaot/{COLUMNS[key]}": ratio(run, key) for key in RATIOS},
                "target": run.target,
            }
            for run in runs
        },
    }


def parse_args(argv=None):
    parser = argument_parser(__doc__, "small inputs, fewer and shorter repeats, for a smoke run")
    parser.add_argument("--only", metavar="NAME,...", help="run only these kernels (names as in benches/kernels/)")
    args = parser.parse_args(argv)
    set_timing(args)
    args.kernels = KERNELS
    if args.only:
        names = args.only.split(",")
        unknown = sorted(set(names) - {k.name for k in KERNELS})
        if unknown:
            parser.error(f"--only: no kernel {', '.join(unknown)}; there are {', '.join(k.name for k in KERNELS)}")
        args.kernels = [k for k in KERNELS if k.name in names]
    return args


def main(argv=None) -> int:
    args = parse_args(argv)
    mode = "quick" if args.quick else "full"
    print(f"kernel benchmark: Python {platform.python_version()}, NumPy {np.__version__}, {machine_summary()}")
    print(f"mode: {mode} ({args.repeats} repeats x ~{args.target_time:g} s per column and kernel)")

    runs = []
    for index, kernel in enumerate(args.kernels):
        size = kernel.sizes[1 if args.quick else 0]
        run = Run(kernel, kernel.make_args(np.random.default_rng(index), size))
        namespace = run_plain(kernel.source, f"{kernel.name}_plain")
        run.reference = namespace["cc"].exports[kernel.export]
        run.columns = {key: Column(key) for key in COLUMNS}
        run.columns["numpy"].function = namespace[f"{kernel.export}_numpy"]
        run.columns["numpy"].status = "ok"
        runs.append(run)

    with scratch_dir("pyaot-bench-kernels-", args.keep) as workdir:
        print("building ...", flush=True)
        infos = {compiler: probe(compiler) for compiler in ("pyaot", "numba")}
        build_cc_columns(runs, workdir, infos)
        jit_columns(runs, infos["numba"])
        print("checking against CPython and timing ...", flush=True)
        for run in runs:
            verify(run)
            time_run(run, args.repeats, args.target_time)
            run.target = judge(run)
            print_kernel(run)
        print_summary(runs, args)
        if args.json:
            write_json(args.json, json_payload(runs, infos, args))

    broken = [f"{run.kernel.name} ({col.label}: {'wrong results' if col.failures else col.status})"
              for run in runs for col in run.columns.values() if col.status == "error" or col.failures]
    return exit_status(broken, "")


if __name__ == "__main__":
    sys.exit(main())
