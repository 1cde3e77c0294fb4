"""Memory shared between arguments, views and results.

- A function that writes into an argument through any view of it (a slice, a row of a loop, .T,
  a reshape, a ravel, a helper's parameter) requires that argument to be writeable: a read-only
  array raises ValueError at the call, before anything is written (NumPy raises the same class).
- When the source of an in-place operation overlaps its destination, the result is as if the
  source had been copied first, also when the same array is passed for two parameters.
- Unbounded recursion raises RecursionError instead of overflowing the C stack.
"""

import mmap

import numpy as np
import pytest

from conftest import run_python

SOURCE = """
import numpy as np

def through_slice(a):
    a[1:].fill(3.0)
    return a[1]

def through_rows(a):
    for r in a:
        r[0] = 1.0

def through_transpose(a):
    b = a.T
    b += 1.0

def through_reshape(a):
    a.reshape(2, -1)[0, 0] = 9.0

def through_ravel(a):
    r = a.ravel()
    r[0] = 7.0

def through_branch(a, c):
    b = a if c else a[::-1]
    b[0] = 9.0

def _write(x):
    x[0] = 5.0

def through_helper(a):
    _write(a[1:])

def reads_only(a):
    b = a[::-1]
    t = b * 2.0
    t[0] = 1.0
    return t.sum() + a.T.sum()

def reverse_into(a, b):
    a[:] = b[::-1]

def add_into(a, b):
    a += b.T

def deep(n):
    return 0 if n == 0 else 1 + deep(n - 1)

def reshaped(m):
    return m.ravel(), m.reshape(-1, 2), m.T.reshape(2, -1)
"""

EXPORTS = [
    ("through_slice", "f8(f8[:])"),
    ("through_rows", "void(f8[:, :])"),
    ("through_transpose", "void(f8[:, :])"),
    ("through_reshape", "void(f8[:])"),
    ("through_ravel", "void(f8[:, :])"),
    ("through_branch", "void(f8[:], b1)"),
    ("through_helper", "void(f8[:])"),
    ("reads_only", "f8(f8[:, :])"),
    ("reverse_into", "void(f8[:], f8[:])"),
    ("add_into", "void(f8[:, :], f8[:, :])"),
    ("deep", "i8(i8)"),
    ("reshaped", "Tuple((f8[:], f8[:, :], f8[:, :]))(f8[:, :])"),
]


@pytest.fixture(scope="module")
def mod(tmp_path_factory):
    from conftest import compile_source_text

    return compile_source_text(tmp_path_factory.mktemp("aliasing"), SOURCE, EXPORTS)


def read_only(shape):
    a = np.arange(float(np.prod(shape))).reshape(shape)
    a.flags.writeable = False
    return a


WRITERS = [
    ("through_slice", ((4,),)),
    ("through_rows", ((2, 3),)),
    ("through_transpose", ((2, 3),)),
    ("through_reshape", ((4,),)),
    ("through_ravel", ((2, 2),)),
    ("through_branch", ((3,), True)),
    ("through_helper", ((3,),)),
]


@pytest.mark.parametrize("name,args", WRITERS, ids=[w[0] for w in WRITERS])
def test_writing_through_a_view_needs_a_writeable_argument(mod, name, args):
    arrays = [read_only(a) if isinstance(a, tuple) else a for a in args]
    before = arrays[0].copy()
    with pytest.raises(ValueError, match="read-only"):
        getattr(mod, name)(*arrays)
    np.testing.assert_array_equal(arrays[0], before)
    # The same call on a writeable array works and writes.
    writeable = [a.copy() if isinstance(a, np.ndarray) else a for a in arrays]
    getattr(mod, name)(*writeable)
    assert not np.array_equal(writeable[0], before)


def test_reading_through_views_accepts_read_only_arrays(mod):
    a = read_only((3, 4))
    namespace = {}
    exec(SOURCE, namespace)
    assert mod.reads_only(a) == namespace["reads_only"](a)


def test_a_read_only_memory_map_is_never_written(tmp_path):
    # The write must be refused before it happens: a read-only mapping would fault.
    script = f"""
import mmap, sys
import numpy as np
sys.path.insert(0, {str(tmp_path)!r})
path = {str(tmp_path / "data.bin")!r}
open(path, "wb").write(bytes(64))
with open(path, "rb") as fh:
    m = mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ)
    a = np.frombuffer(m, dtype=np.float64)
    from conftest_free_ext import through_slice
    try:
        through_slice(a)
    except ValueError as e:
        print("ValueError", e)
"""
    from conftest import compile_source_text

    compile_source_text(tmp_path, SOURCE, EXPORTS[:1], name="conftest_free_ext")
    result = run_python(["-c", script])
    assert result.returncode == 0, result.stderr
    assert "ValueError" in result.stdout and "read-only" in result.stdout


def test_the_same_array_for_two_parameters(mod):
    a = np.arange(6.0)
    mod.reverse_into(a, a)
    np.testing.assert_array_equal(a, np.arange(6.0)[::-1])
    m = np.arange(9.0).reshape(3, 3)
    expected = m + m.T
    mod.add_into(m, m)
    np.testing.assert_array_equal(m, expected)


def test_unbounded_recursion_raises_recursion_error(mod):
    assert mod.deep(200) == 200
    with pytest.raises(RecursionError):
        mod.deep(10**7)
    # The interpreter's recursion depth is intact afterwards.
    assert mod.deep(300) == 300


@pytest.mark.parametrize(
    "make",
    [
        lambda: np.arange(12.0).reshape(3, 4),
        lambda: np.asfortranarray(np.arange(12.0).reshape(3, 4)),
        lambda: np.arange(12.0).reshape(3, 4)[::-1],
        lambda: np.arange(24.0).reshape(4, 6)[:, ::2],
        lambda: np.arange(24.0).reshape(3, 8)[:, 1:5],
    ],
    ids=["C", "F", "reversed-rows", "strided-columns", "sliced-columns"],
)
def test_reshape_and_ravel_share_memory_exactly_when_numpy_does(mod, make):
    namespace = {}
    exec(SOURCE, namespace)
    a = make()
    for got, want in zip(mod.reshaped(a), namespace["reshaped"](a)):
        np.testing.assert_array_equal(got, want)
        assert np.shares_memory(got, a) == np.shares_memory(want, a)
