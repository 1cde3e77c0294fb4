"""Memory stays flat over many calls: "10^6 calls of a function that allocates temporaries and
returns an array leave the process's memory flat", and "any exception ends the call without
leaking memory".

Each scenario runs in a fresh interpreter (a crash fails the test instead of taking pytest down,
and the measurement sees no other test's memory). After a warm-up, it calls the compiled function
10^6 times and requires:

- the resident set size (``/proc/self/statm``) to grow by less than ``RSS_LIMIT`` bytes; the
  loop stops early once it has grown by far more, so that a leaking build does not take the
  machine's memory (the report then gives the bytes leaked per call);
- the reference counts of the argument arrays and of the float64 dtype (every float64 array
  holds a reference to it, so each leaked array shows as one) to be unchanged;
- the memory that tracemalloc sees (Python objects, and array data, which NumPy reports to it)
  to grow by less than ``TRACED_LIMIT`` bytes over ``TRACED_CALLS`` further calls.

Before measuring, each scenario checks that the compiled function does what the Python source
does (the same result, or the same exception), so that the loop measures the intended path.
"""

import json
import textwrap

import pytest

from conftest import compile_to_file, load_python_module, run_python, unique_name

SOURCE = """\
import numpy as np


def temporaries(a):
    t = a * 2.0
    u = np.sqrt(t) + a
    z = np.zeros(a.shape[0])
    e = np.empty(a.shape[0])
    e[:] = 1.0
    z += e
    return u[::2] - z[::2]


def view_of_temporary(a):
    t = a * 2.0 + 1.0
    return t[1::3]


def raise_in_loop(a, k):
    total = 0.0
    for i in range(k):
        b = a * 3.0
        c = np.empty(a.shape[0])
        c[:] = b
        total += c[0]
        if i == k - 1:
            raise ValueError("raised after allocating")
    return total


def index_error_in_expression(a, i):
    # a * 2.0 and np.sqrt(a) + 1.0 are made, unnamed, before [i] raises.
    return a * 2.0 + (np.sqrt(a) + 1.0)[i] * (a - 1.0)


def helper(x, y):
    s = x + y
    if s[0] > 0.0:
        raise ValueError("raised in a helper")
    return s


def exception_in_helper(a):
    return helper(a * 2.0, np.sqrt(a) + 1.0) * 3.0


def exception_in_helper_after_a_temporary(a):
    # a * 3.0 is made, unnamed, before the helper raises.
    return a * 3.0 + helper(a * 2.0, np.sqrt(a) + 1.0)


def empty_axis_max(a):
    # The reduction's output and the temporary a * 2.0 exist when the empty axis raises.
    return (a * 2.0).reshape(-1, 1)[:, :0].max(axis=1)


def mask_shape_mismatch(a):
    return (a + 1.0)[a[:-1] > 1.0]
"""

EXPORTS = [
    ("temporaries", "f8[:](f8[:])"),
    ("view_of_temporary", "f8[:](f8[:])"),
    ("raise_in_loop", "f8(f8[:], i8)"),
    ("index_error_in_expression", "f8[:](f8[:], i8)"),
    ("exception_in_helper", "f8[:](f8[:])"),
    ("exception_in_helper_after_a_temporary", "f8[:](f8[:])"),
    ("empty_axis_max", "f8[:](f8[:])"),
    ("mask_shape_mismatch", "f8[:](f8[:])"),
]

CALLS = 1_000_000
WARMUP_CALLS = 10_000
TRACED_CALLS = 10_000
RSS_LIMIT = 2 * 1024 * 1024
TRACED_LIMIT = 100_000

# The measuring script: argv = extension path, its module name, source path, the call (an
# expression in m, py, a, ints), the exception it must raise ('' if none), and the call counts.
SCRIPT = textwrap.dedent(
    """\
    import builtins, gc, importlib.machinery, importlib.util, json, os, sys, tracemalloc
    import numpy as np

    path, name, source, expression, raises = sys.argv[1:6]
    calls, warmup_calls, traced_calls, stop_at = map(int, sys.argv[6:10])

    def load(name, path, loader=None):
        spec = importlib.util.spec_from_file_location(name, path, loader=loader)
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        return module

    m = load(name, path, importlib.machinery.ExtensionFileLoader(name, path))
    py = load("leak_source", source)
    a = np.linspace(0.5, 2.0, 64)
    ints = np.arange(64)
    expected = getattr(builtins, raises) if raises else None
    call = eval("lambda m: " + expression)

    def outcome(module):
        try:
            return "returns", call(module)
        except Exception as error:
            return "raises", type(error).__name__

    # The compiled function does what the Python source does (but for a TypeError, which is
    # the compiled function rejecting an argument that Python may accept).
    (c_kind, c_value), (p_kind, p_value) = outcome(m), outcome(py)
    if raises:
        assert (c_kind, c_value) == ("raises", raises), (c_kind, c_value)
        assert raises == "TypeError" or (p_kind, p_value) == ("raises", raises), (p_kind, p_value)
    else:
        assert c_kind == p_kind == "returns" and np.allclose(c_value, p_value), (c_value, p_value)
    del c_value, p_value

    def run(n):
        if expected is None:
            for _ in range(n):
                call(m)
        else:
            for _ in range(n):
                try:
                    call(m)
                except expected:
                    pass

    page = os.sysconf("SC_PAGE_SIZE")

    def rss():
        with open("/proc/self/statm") as statm:
            return int(statm.read().split()[1]) * page

    watched = {"argument a": a, "argument ints": ints, "float64 dtype": np.dtype(np.float64)}
    run(warmup_calls)
    gc.collect()
    refcounts = {key: sys.getrefcount(obj) for key, obj in watched.items()}
    rss_before = rss()
    done = 0
    while done < calls:
        run(10_000)
        done += 10_000
        if rss() - rss_before > stop_at:
            break  # Leaking: measured enough, and the machine keeps its memory.
    gc.collect()
    rss_growth = rss() - rss_before
    refcount_changes = {
        key: sys.getrefcount(obj) - refcounts[key] for key, obj in watched.items()
    }

    tracemalloc.start()
    run(100)
    gc.collect()
    traced_before, _ = tracemalloc.get_traced_memory()
    run(traced_calls)
    gc.collect()
    traced_growth = tracemalloc.get_traced_memory()[0] - traced_before
    tracemalloc.stop()

    print(json.dumps({
        "calls": done,
        "stopped_early": done < calls,
        "rss_growth": rss_growth,
        "refcount_changes": refcount_changes,
        "traced_growth": traced_growth,
    }))
    """
)


@pytest.fixture(scope="module")
def compiled(tmp_path_factory):
    """(extension path, module name, source path, measuring script path): SOURCE compiled,
    for the measuring interpreters to load."""
    folder = tmp_path_factory.mktemp("leaks")
    source = folder / "leak_source.py"
    source.write_text(SOURCE)
    name = unique_name("leaks")
    module = load_python_module(source, unique_name("leaks_py"))
    extension = compile_to_file(module, EXPORTS, folder, name)
    script = folder / "measure.py"
    script.write_text(SCRIPT)
    return extension, name, source, script


def measure(compiled, expression, raises="", calls=CALLS):
    """Runs SCRIPT for ``expression`` (a call of ``m``, the compiled module, with the arrays
    ``a`` (64 float64) or ``ints`` (64 int64)), which must raise ``raises`` if given."""
    extension, name, source, script = compiled
    proc = run_python(
        [str(script), str(extension), name, str(source), expression, raises,
         str(calls), str(WARMUP_CALLS), str(TRACED_CALLS), str(8 * RSS_LIMIT)],
        timeout=600,
    )
    assert proc.returncode == 0, f"the measuring interpreter failed:\n{proc.stdout}\n{proc.stderr}"
    return json.loads(proc.stdout.strip().splitlines()[-1])


def assert_flat(result):
    calls = result["calls"]
    per_call = result["rss_growth"] / calls
    assert result["rss_growth"] < RSS_LIMIT, (
        f"RSS grew by {result['rss_growth']} bytes over {calls} calls"
        f"{' (stopped early)' if result['stopped_early'] else ''} ({per_call:.1f} bytes "
        f"per call); traced memory by {result['traced_growth']} bytes over {TRACED_CALLS} "
        f"calls; reference count changes {result['refcount_changes']}"
    )
    assert not any(result["refcount_changes"].values()), (
        f"reference counts changed over {calls} calls: {result['refcount_changes']}"
    )
    assert result["traced_growth"] < TRACED_LIMIT, (
        f"traced memory grew by {result['traced_growth']} bytes over {TRACED_CALLS} calls "
        f"({result['traced_growth'] / TRACED_CALLS:.1f} bytes per call)"
    )


def test_returning_an_array_made_from_temporaries(compiled):
    """The issue's requirement: 10^6 calls of a function that makes temporaries (array
    expressions, np.sqrt, np.zeros, np.empty, an in-place add, views) and returns a new array."""
    assert_flat(measure(compiled, "m.temporaries(a)"))


def test_returning_a_view_of_a_temporary(compiled):
    """The returned view keeps the temporary it looks into alive, and frees it when it goes."""
    assert_flat(measure(compiled, "m.view_of_temporary(a)"))


@pytest.mark.parametrize(
    "expression, raises",
    [
        pytest.param("m.raise_in_loop(a, 3)", "ValueError", id="raise in a loop with arrays in locals"),
        pytest.param("m.index_error_in_expression(a, 64)", "IndexError",
                     id="out-of-bounds index inside an array expression"),
        pytest.param("m.exception_in_helper(a)", "ValueError",
                     id="raise in a helper called with temporaries"),
        pytest.param("m.exception_in_helper_after_a_temporary(a)", "ValueError",
                     id="raise in a helper while an unnamed temporary waits"),
        pytest.param("m.empty_axis_max(a)", "ValueError",
                     id="axis reduction of an empty axis after allocating its output"),
        pytest.param("m.mask_shape_mismatch(a)", "IndexError",
                     id="mask of the wrong shape in a prelude function"),
        pytest.param("m.temporaries(ints)", "TypeError", id="array of the wrong dtype"),
        pytest.param("m.temporaries([1.0, 2.0])", "TypeError", id="list for an array"),
        pytest.param("m.raise_in_loop(a, '3')", "TypeError", id="bad second argument"),
    ],
)
def test_exceptions_leak_nothing(compiled, expression, raises):
    """Any exception ends the call without leaking: raised in the body after arrays were bound
    to locals, raised by indexing while unnamed temporaries of an expression are alive, raised
    in a helper (also while the caller holds an unnamed temporary), or raised at the boundary for a bad argument (after the other arguments were
    converted)."""
    assert_flat(measure(compiled, expression, raises))
