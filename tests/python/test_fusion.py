"""Array expressions are fused: `a * b + c` runs as one loop over the broadcast shape, with no
temporary arrays in between. NumPy registers its array data with tracemalloc, so the peak memory
of a call shows how many arrays it allocated: a fused expression allocates only its result.
Each case is also checked against NumPy running the same source."""

import tracemalloc

import numpy as np
import pytest

SOURCE = """
import math
import numpy as np

def axpy(a, b, c):
    return a * b + c

def long_chain(a, b, c, d):
    return (a * b - c / 2.0) * np.sqrt(np.abs(d)) + np.where(a > b, a, -b) ** 2

def broadcast(a, row, col):
    return (a - row) * col + 1.0

def mask(a, b):
    return (a > 0.5) & (b < 0.5) | ~(a == b)

def mixed_types(n, x):
    return n * 2 + x / 3.0 - (n > 3)
"""

N = 1 << 20  # 8 MB per float64 array


@pytest.fixture(scope="module")
def mod(tmp_path_factory):
    from conftest import compile_source_text

    return compile_source_text(
        tmp_path_factory.mktemp("fusion"),
        SOURCE,
        [
            ("axpy", "f8[:](f8[:], f8[:], f8[:])"),
            ("long_chain", "f8[:](f8[:], f8[:], f8[:], f8[:])"),
            ("broadcast", "f8[:, :](f8[:, :], f8[:], f8[:, :])"),
            ("mask", "b1[:](f8[:], f8[:])"),
            ("mixed_types", "f8[:](i8[:], f8[:])"),
        ],
    )


@pytest.fixture(scope="module")
def py():
    namespace = {}
    exec(SOURCE, namespace)
    return namespace


def peak_of(call):
    tracemalloc.start()
    tracemalloc.reset_peak()
    before = tracemalloc.get_traced_memory()[0]
    result = call()
    peak = tracemalloc.get_traced_memory()[1] - before
    tracemalloc.stop()
    return result, peak


def arrays(rng, *shapes):
    return [rng.random(shape) for shape in shapes]


CASES = [
    ("axpy", [(N,), (N,), (N,)]),
    ("long_chain", [(N,), (N,), (N,), (N,)]),
    ("broadcast", [(1024, 1024), (1024,), (1024, 1)]),
    ("mask", [(N,), (N,)]),
]


@pytest.mark.parametrize("name,shapes", CASES, ids=[c[0] for c in CASES])
def test_one_allocation_per_expression(mod, py, name, shapes):
    rng = np.random.default_rng(7)
    args = arrays(rng, *shapes)
    result, peak = peak_of(lambda: getattr(mod, name)(*args))
    expected = py[name](*args)
    np.testing.assert_array_equal(result, expected)
    # The result, plus a little bookkeeping; one temporary array more would double it. (The
    # measurement sees the result itself, so it does see the compiled code's allocations.)
    assert result.nbytes <= peak < result.nbytes * 1.25, f"{name}: peak {peak} B"
    if name != "axpy":
        # NumPy needs temporaries for the longer expressions (it elides only some).
        _, numpy_peak = peak_of(lambda: py[name](*args))
        assert numpy_peak > result.nbytes * 1.9


def test_mixed_types_fuse_with_numpy_promotion(mod, py):
    n = np.arange(N, dtype=np.int64) % 7
    x = np.random.default_rng(3).random(N)
    result, peak = peak_of(lambda: mod.mixed_types(n, x))
    np.testing.assert_array_equal(result, py["mixed_types"](n, x))
    assert result.dtype == np.float64
    assert peak < result.nbytes * 1.25
