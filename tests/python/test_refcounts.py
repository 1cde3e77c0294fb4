"""The compiled code owns references exactly as CPython code would: after a call, on success
or on an error, every argument has the reference count it had before, a returned array is owned
by the caller alone (it is freed as soon as the caller drops it), and arrays made inside a
function are freed when it is done with them, also when it raises."""

import gc
import sys
import tracemalloc
import weakref

import numpy as np
import pytest

from conftest import compile_source_text

SOURCE = """\
import numpy as np

def total(a):
    s = 0.0
    for i in range(a.shape[0]):
        s += a[i]
    return s

def doubled(a):
    out = np.empty_like(a)
    for i in range(a.shape[0]):
        out[i] = 2 * a[i]
    return out

def same(a):
    return a

def pair(a, n):
    return a, n

def fill(a, value):
    for i in range(a.shape[0]):
        a[i] = value

def ratio(a, d):
    return a[0] / d

def tuple_sum(t):
    return t[0] + t[1]

def churn(n, k):
    total = 0.0
    for i in range(k):
        tmp = np.zeros(n)
        tmp[0] = i
        total += tmp[0]
    return total

def rebind(n, k):
    a = np.zeros(n)
    for i in range(k):
        a = np.ones(n)
    return a[0]

def make(n):
    out = np.empty(n)
    for i in range(n):
        out[i] = i
    return out

def via_helper(n, k):
    total = 0.0
    for i in range(k):
        total += make(n)[n - 1]
    return total

def alloc_then_fail(n, d):
    a = np.ones(n)
    b = np.zeros(n)
    return a[0] / d + b[0]

def tuple_of_new(n):
    return np.zeros(n), np.ones(n)
"""

EXPORTS = [
    ("total", "f8(f8[:])"),
    ("doubled", "f8[:](f8[:])"),
    ("same", "f8[:](f8[:])"),
    ("pair", "Tuple((f8[:], i8))(f8[:], i8)"),
    ("fill", "void(f8[:], f8)"),
    ("ratio", "f8(f8[:], f8)"),
    ("tuple_sum", "f8(UniTuple(f8, 2))"),
    ("churn", "f8(i8, i8)"),
    ("rebind", "f8(i8, i8)"),
    ("via_helper", "f8(i8, i8)"),
    ("alloc_then_fail", "f8(i8, f8)"),
    ("tuple_of_new", "UniTuple(f8[:], 2)(i8)"),
]

CALLS = 1000


@pytest.fixture(scope="module")
def ext(tmp_path_factory):
    return compile_source_text(tmp_path_factory.mktemp("refcounts"), SOURCE, EXPORTS)


def refcount_after(calls, obj):
    """``obj``'s reference count after running ``calls`` (which must leave no reference
    behind in a correct implementation), minus before."""
    gc.collect()
    before = sys.getrefcount(obj)
    calls()
    gc.collect()
    return sys.getrefcount(obj) - before


def test_array_argument(ext):
    a = np.arange(5.0)

    def calls():
        for _ in range(CALLS):
            ext.total(a)

    assert refcount_after(calls, a) == 0


def test_new_array_result_is_owned_by_the_caller(ext):
    a = np.arange(5.0)

    def calls():
        for _ in range(CALLS):
            ext.doubled(a)

    assert refcount_after(calls, a) == 0
    result = ext.doubled(a)
    assert sys.getrefcount(result) == 2  # the name, and getrefcount's argument
    ref = weakref.ref(result)
    del result
    assert ref() is None


def test_returned_argument(ext):
    a = np.arange(5.0)

    def calls():
        for _ in range(CALLS):
            assert ext.same(a) is a or np.shares_memory(ext.same(a), a)

    assert refcount_after(calls, a) == 0


def test_tuple_with_array(ext):
    a = np.arange(3.0)

    def calls():
        for _ in range(CALLS):
            result = ext.pair(a, 7)
            assert result[1] == 7
            del result

    assert refcount_after(calls, a) == 0


def test_void_function(ext):
    a = np.zeros(4)

    def calls():
        for _ in range(CALLS):
            assert ext.fill(a, 1.5) is None

    assert refcount_after(calls, a) == 0
    assert (a == 1.5).all()


def test_exception_in_body(ext):
    a = np.arange(1.0, 4.0)

    def calls():
        for _ in range(CALLS):
            with pytest.raises(ZeroDivisionError):
                ext.ratio(a, 0.0)

    assert refcount_after(calls, a) == 0


def test_rejected_arguments(ext):
    good = np.arange(3.0)
    wrong_dtype = np.arange(3, dtype=np.int32)
    not_an_array = [1.0, 2.0]

    def calls():
        for _ in range(CALLS):
            with pytest.raises(TypeError):
                ext.pair(good, "seven")
            with pytest.raises(TypeError):
                ext.total(wrong_dtype)
            with pytest.raises(TypeError):
                ext.total(not_an_array)

    for obj in (good, wrong_dtype, not_an_array):
        assert refcount_after(calls, obj) == 0


def test_tuple_argument(ext):
    t = (1.5, 2.5)

    def calls():
        for _ in range(CALLS):
            assert ext.tuple_sum(t) == 4.0

    assert refcount_after(calls, t) == 0


def test_input_array_freed_after_use(ext):
    a = np.arange(5.0)
    ext.total(a)
    ext.same(a)
    ext.pair(a, 1)
    ref = weakref.ref(a)
    del a
    gc.collect()
    assert ref() is None


# Each call below makes arrays of N doubles (80 kB); run 50 times, a leak of even one array per
# call would hold 4 MB.
N = 10_000


def traced_growth(calls):
    """Bytes still allocated (NumPy reports its array data to tracemalloc) after ``calls``."""
    calls()  # Warm up caches that are allocated once.
    gc.collect()
    tracemalloc.start()
    try:
        before, _ = tracemalloc.get_traced_memory()
        for _ in range(50):
            calls()
        gc.collect()
        after, _ = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return after - before


@pytest.mark.parametrize(
    "call",
    [
        pytest.param(lambda ext: ext.churn(N, 5), id="temporaries in a loop"),
        pytest.param(lambda ext: ext.rebind(N, 5), id="rebound variable"),
        pytest.param(lambda ext: ext.via_helper(N, 5), id="helper result"),
        pytest.param(lambda ext: ext.doubled(np.ones(N)), id="returned array"),
        pytest.param(lambda ext: ext.tuple_of_new(N), id="returned tuple of arrays"),
        pytest.param(lambda ext: ext.pair(np.ones(N), 1), id="argument in a returned tuple"),
    ],
)
def test_arrays_made_inside_are_freed(ext, call):
    growth = traced_growth(lambda: call(ext))
    assert growth < 1_000_000, f"{growth} bytes kept after 50 calls"


def test_arrays_made_before_an_exception_are_freed(ext):
    def calls():
        with pytest.raises(ZeroDivisionError):
            ext.alloc_then_fail(N, 0.0)

    growth = traced_growth(calls)
    assert growth < 1_000_000, f"{growth} bytes kept after 50 failing calls"
