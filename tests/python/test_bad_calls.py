"""Calling exported functions with wrong arguments raises a Python exception, never crashes.

Every call runs in a subprocess of its own, so a segfault fails the one test (its return code is
negative) instead of taking pytest down. The child prints one JSON line with the outcome: the
result and whether it equals the expected value, or the exception's type and message.

A rejected argument raises TypeError (wrong kind of object: the message names the function,
the parameter, what was expected and what was given), OverflowError (an integer out of the
declared type's range) or ValueError.
"""

import json

import pytest

from conftest import EXT_SUFFIX, compile_to_file, load_python_module, run_python, unique_name

SOURCE = """\
def add(alpha, beta):
    return alpha + beta

def ident(value):
    return value

def negate(flag):
    return not flag

def sum1(arr):
    total = 0.0
    for i in range(arr.shape[0]):
        total += arr[i]
    return total

def fill(arr, value):
    for i in range(arr.shape[0]):
        arr[i] = value

def sum2(grid):
    total = 0.0
    for i in range(grid.shape[0]):
        for j in range(grid.shape[1]):
            total += grid[i, j]
    return total
"""

EXPORTS = [
    ("add_f8", "add", "f8(f8, f8)"),
    ("add_i4", "add", "i4(i4, i4)"),
    ("add_i8", "add", "i8(i8, i8)"),
    ("ident_u1", "ident", "u1(u1)"),
    ("ident_u8", "ident", "u8(u8)"),
    ("ident_i8", "ident", "i8(i8)"),
    ("negate_b1", "negate", "b1(b1)"),
    ("ident_c16", "ident", "c16(c16)"),
    ("sum_a", "sum1", "f8(f8[:])"),
    ("sum_c", "sum1", "f8(f8[::1])"),
    ("sum2_c", "sum2", "f8(f8[:, ::1])"),
    ("sum2_f", "sum2", "f8(f8[::1, :])"),
    ("sum2_a", "sum2", "f8(Array(f8, 2, 'A'))"),
    ("sum_i8", "sum1", "f8(i8[:])"),
    ("sum_f4", "sum1", "f8(f4[:])"),
    ("fill_a", "fill", "void(f8[:], f8)"),
]

# Definitions available to every call: objects that convert like numbers do in Python.
PRELUDE = """\
class Index:
    def __init__(self, value):
        self.value = value
    def __index__(self):
        return self.value

class Float:
    def __float__(self):
        return 2.5

class Complex:
    def __complex__(self):
        return 1 + 2j

# A float64 array whose data starts one byte into an allocation (not 8-byte aligned).
def unaligned(n):
    raw = np.zeros(8 * n + 8, dtype=np.uint8)
    out = raw[1:8 * n + 1].view(np.float64)
    out[:] = np.arange(float(n))
    return out

def read_only(a):
    a = a.copy()
    a.flags.writeable = False
    return a

c2 = np.arange(12.0).reshape(3, 4)
f2 = np.asfortranarray(c2)
v = np.arange(10.0)
"""

CHILD = """\
import importlib.machinery, importlib.util, json, sys
import numpy as np
loader = importlib.machinery.ExtensionFileLoader({name!r}, {path!r})
spec = importlib.util.spec_from_file_location({name!r}, {path!r}, loader=loader)
m = importlib.util.module_from_spec(spec)
loader.exec_module(m)
{prelude}
try:
    result = {call}
except Exception as error:
    print(json.dumps({{"raised": type(error).__name__, "message": str(error)}}))
else:
    expected = {expected}
    print(json.dumps({{
        "result": repr(result),
        "type": type(result).__name__,
        "equal": bool(type(result) is type(expected) and result == expected),
        "expected": repr(expected),
    }}))
"""


@pytest.fixture(scope="module")
def extension(tmp_path_factory):
    """(name, path) of the module compiled once for all the calls."""
    folder = tmp_path_factory.mktemp("bad_calls")
    (folder / "source.py").write_text(SOURCE)
    module = load_python_module(folder / "source.py", unique_name("bad_calls_py"))
    # Not imported here: even importing it happens in the subprocesses.
    name = unique_name("bad_calls")
    path = compile_to_file(module, EXPORTS, folder, name)
    assert path.endswith(EXT_SUFFIX)
    return name, path


def run_call(extension, call, expected="None"):
    name, path = extension
    code = CHILD.format(name=name, path=path, prelude=PRELUDE, call=call, expected=expected)
    proc = run_python(["-c", code])
    assert proc.returncode == 0, (
        f"the call {call} crashed the interpreter (return code {proc.returncode})\n"
        f"{proc.stdout}{proc.stderr}"
    )
    return json.loads(proc.stdout.strip().splitlines()[-1])


def rejected(call, error, *mentions):
    """A call that must raise ``error`` whose message contains every one of ``mentions``
    (a tuple among them means any one of its strings)."""
    return pytest.param(call, error, mentions, id=call)


# Each: the call, the exception, then what its message must name: the function, the parameter,
# and for TypeError the expected type and the type given.
REJECTED = [
    # Scalars of the wrong kind.
    rejected("m.add_f8(None, 1.0)", "TypeError", "add_f8", "alpha", "float64", ("NoneType", "None")),
    rejected("m.add_f8(1.0, 'x')", "TypeError", "add_f8", "beta", "float64", "str"),
    rejected("m.add_f8('1.0', 2.0)", "TypeError", "add_f8", "alpha", "float64", "str"),
    rejected("m.add_f8([1.0], 2.0)", "TypeError", "add_f8", "alpha", "float64", "list"),
    rejected("m.add_f8(1j, 2.0)", "TypeError", "add_f8", "alpha", "float64", "complex"),
    rejected("m.add_f8(v, 2.0)", "TypeError", "add_f8", "alpha", "float64", "ndarray"),
    rejected("m.add_i4(1.5, 2)", "TypeError", "add_i4", "alpha", "int32", "float"),
    rejected("m.add_i4(1, 2.0)", "TypeError", "add_i4", "beta", "int32", "float"),
    rejected("m.add_i4(None, 2)", "TypeError", "add_i4", "alpha", "int32", ("NoneType", "None")),
    rejected("m.add_i4('3', 2)", "TypeError", "add_i4", "alpha", "int32", "str"),
    rejected("m.add_i8(np.float64(1.0), 2)", "TypeError", "add_i8", "alpha", "int64", "float"),
    rejected("m.add_i8(Float(), 2)", "TypeError", "add_i8", "alpha", "int64", "Float"),
    rejected("m.ident_u1(1.0)", "TypeError", "ident_u1", "value", "uint8", "float"),
    rejected("m.ident_c16(None)", "TypeError", "ident_c16", "value", "complex128", ("NoneType", "None")),
    rejected("m.ident_c16('1+2j')", "TypeError", "ident_c16", "value", "complex128", "str"),
    # Arity and keywords.
    rejected("m.add_f8(1.0)", "TypeError", "add_f8", "beta"),
    rejected("m.add_f8()", "TypeError", "add_f8", "alpha"),
    rejected("m.add_f8(1.0, 2.0, 3.0)", "TypeError", "add_f8", "2", "3"),
    rejected("m.add_f8(1.0, gamma=2.0)", "TypeError", "add_f8", "gamma"),
    rejected("m.add_f8(1.0, alpha=2.0)", "TypeError", "add_f8", "alpha"),
    rejected("m.add_f8(1.0, 2.0, beta=3.0)", "TypeError", "add_f8", "beta"),
    rejected("m.negate_b1()", "TypeError", "negate_b1", "flag"),
    rejected("m.negate_b1('yes')", "TypeError", "negate_b1", "flag"),
    rejected("m.negate_b1(None)", "TypeError", "negate_b1", "flag"),
    rejected("m.negate_b1(True, flags=False)", "TypeError", "negate_b1", "flags"),
    rejected("m.sum_a()", "TypeError", "sum_a", "arr"),
    rejected("m.add_f8(*range(100))", "TypeError", "add_f8"),
    rejected("m.add_f8(1.0, **{1: 2.0})", "TypeError"),
    # Integers out of range.
    rejected("m.add_i4(2**31, 0)", "OverflowError", "add_i4", "alpha", "int32"),
    rejected("m.add_i4(0, -2**31 - 1)", "OverflowError", "add_i4", "beta", "int32"),
    rejected("m.add_i8(2**63, 0)", "OverflowError", "add_i8", "alpha", "int64"),
    rejected("m.add_i8(np.uint64(2**63), 0)", "OverflowError", "add_i8", "alpha", "int64"),
    rejected("m.ident_u1(256)", "OverflowError", "ident_u1", "value", "uint8"),
    rejected("m.ident_u1(-1)", "OverflowError", "ident_u1", "value", "uint8"),
    rejected("m.ident_u8(-1)", "OverflowError", "ident_u8", "value", "uint64"),
    rejected("m.ident_u8(2**64)", "OverflowError", "ident_u8", "value", "uint64"),
    rejected("m.ident_i8(Index(2**70))", "OverflowError", "ident_i8", "value", "int64"),
    rejected("m.add_f8(2**1024, 1.0)", "OverflowError", "add_f8", "alpha"),
    # Arrays of the wrong kind, dtype, dimension or layout.
    rejected("m.sum_a([1.0, 2.0])", "TypeError", "sum_a", "arr", "float64", "list"),
    rejected("m.sum_a((1.0, 2.0))", "TypeError", "sum_a", "arr", "float64", "tuple"),
    rejected("m.sum_a(None)", "TypeError", "sum_a", "arr", "float64", ("NoneType", "None")),
    rejected("m.sum_a(1.0)", "TypeError", "sum_a", "arr", "float64", "float"),
    rejected("m.sum_a(v.astype(np.float32))", "TypeError", "sum_a", "arr", "float64", "float32"),
    rejected("m.sum_a(np.arange(3))", "TypeError", "sum_a", "arr", "float64", "int64"),
    rejected("m.sum_a(v.astype(np.complex128))", "TypeError", "sum_a", "arr", "float64", "complex128"),
    rejected("m.sum_i8(np.arange(3, dtype=np.int32))", "TypeError", "sum_i8", "arr", "int64", "int32"),
    rejected("m.sum_i8(np.arange(3, dtype=np.uint64))", "TypeError", "sum_i8", "arr", "int64", "uint64"),
    rejected("m.sum_f4(v)", "TypeError", "sum_f4", "arr", "float32", "float64"),
    rejected("m.sum_a(c2)", "TypeError", "sum_a", "arr", "float64"),
    rejected("m.sum_a(np.array(1.0))", "TypeError", "sum_a", "arr", "float64"),
    rejected("m.sum_a(np.array([1.0, None]))", "TypeError", "sum_a", "arr", "float64", "object"),
    rejected("m.sum_a(memoryview(v))", "TypeError", "sum_a", "arr", "float64", "memoryview"),
    rejected("m.sum2_a(v)", "TypeError", "sum2_a", "grid", "float64"),
    rejected("m.sum2_c(np.zeros((2, 2, 2)))", "TypeError", "sum2_c", "grid", "float64"),
    rejected("m.sum_c(v[::2])", "TypeError", "sum_c", "arr", "float64"),
    rejected("m.sum_c(v[::-1])", "TypeError", "sum_c", "arr", "float64"),
    rejected("m.sum2_c(f2)", "TypeError", "sum2_c", "grid", "float64"),
    rejected("m.sum2_c(c2[:, ::2])", "TypeError", "sum2_c", "grid", "float64"),
    rejected("m.sum2_f(c2)", "TypeError", "sum2_f", "grid", "float64"),
    rejected("m.sum2_f(f2[::2, :])", "TypeError", "sum2_f", "grid", "float64"),
    rejected("m.sum_a(v.astype('>f8'))", "TypeError", "sum_a", "arr", "float64"),
    rejected("m.sum_c(v.astype('>f8'))", "TypeError", "sum_c", "arr", "float64"),
]


@pytest.mark.parametrize("call, error, mentions", REJECTED)
def test_rejected(extension, call, error, mentions):
    outcome = run_call(extension, call)
    assert outcome.get("raised") == error, outcome
    for mention in mentions:
        alternatives = mention if isinstance(mention, tuple) else (mention,)
        assert any(text in outcome["message"] for text in alternatives), (mention, outcome)


def accepted(call, expected):
    """A call that must return a value equal to ``expected`` and of the same type."""
    return pytest.param(call, expected, id=call)


ACCEPTED = [
    # Conversions Python itself allows.
    accepted("m.add_f8(1, 2)", "3.0"),
    accepted("m.add_f8(True, 2.5)", "3.5"),
    accepted("m.add_f8(np.float32(1.5), 2.0)", "3.5"),
    accepted("m.add_f8(np.float64(1.25), np.int64(2))", "3.25"),
    accepted("m.add_f8(Float(), 1.0)", "3.5"),
    accepted("m.add_f8(Index(2), 1.0)", "3.0"),
    accepted("m.add_f8(2**53 + 1, 0.0)", "float(2**53)"),
    accepted("m.add_f8(beta=2.0, alpha=1.0)", "3.0"),
    accepted("m.add_f8(1.0, beta=2.0)", "3.0"),
    accepted("m.add_f8(*(1.0,), **{'beta': 2.0})", "3.0"),
    accepted("m.add_f8(np.array(1.5), 1.0)", "2.5"),
    accepted("m.add_i8(np.array(3), 1)", "4"),
    accepted("m.add_i4(True, 2)", "3"),
    accepted("m.add_i4(np.int64(5), 2)", "7"),
    accepted("m.add_i4(np.int8(-5), np.uint16(2))", "-3"),
    accepted("m.add_i4(Index(4), 1)", "5"),
    accepted("m.add_i4(2**31 - 1, 0)", "2**31 - 1"),
    accepted("m.add_i4(-2**31, 0)", "-2**31"),
    accepted("m.add_i8(2**63 - 1, 0)", "2**63 - 1"),
    accepted("m.add_i8(-2**63, 0)", "-2**63"),
    accepted("m.ident_u1(255)", "255"),
    accepted("m.ident_u1(np.uint8(7))", "7"),
    accepted("m.ident_u8(2**64 - 1)", "2**64 - 1"),
    accepted("m.ident_u8(np.uint64(2**64 - 1))", "2**64 - 1"),
    accepted("m.ident_i8(Index(-3))", "-3"),
    accepted("m.negate_b1(True)", "False"),
    accepted("m.negate_b1(False)", "True"),
    accepted("m.negate_b1(np.bool_(True))", "False"),
    accepted("m.negate_b1(flag=False)", "True"),
    # Numbers convert as bool(x) does.
    accepted("m.negate_b1(1.5)", "False"),
    accepted("m.negate_b1(0.0)", "True"),
    accepted("m.negate_b1(np.float32(0.0))", "True"),
    accepted("m.negate_b1(2)", "False"),
    accepted("m.ident_c16(1 + 2j)", "1 + 2j"),
    accepted("m.ident_c16(1.5)", "1.5 + 0j"),
    accepted("m.ident_c16(2)", "2 + 0j"),
    accepted("m.ident_c16(np.complex64(1 + 2j))", "1 + 2j"),
    accepted("m.ident_c16(Complex())", "1 + 2j"),
    # Arrays: strides honoured for 'A' layouts; contiguous arrays for C and F.
    accepted("m.sum_a(v)", "45.0"),
    accepted("m.sum_c(v)", "45.0"),
    accepted("m.sum_a(v[::2])", "20.0"),
    accepted("m.sum_a(v[1::3])", "12.0"),
    accepted("m.sum_a(v[::-1])", "45.0"),
    accepted("m.sum_a(c2[:, 1])", "15.0"),
    accepted("m.sum_a(v[:0])", "0.0"),
    accepted("m.sum_c(np.empty(0))", "0.0"),
    accepted("m.sum_a(v[3:4])", "3.0"),
    accepted("m.sum_i8(np.arange(5))", "10.0"),
    accepted("m.sum_i8(np.arange(10)[::3])", "18.0"),
    accepted("m.sum_f4(np.arange(4, dtype=np.float32))", "6.0"),
    accepted("m.sum2_c(c2)", "66.0"),
    accepted("m.sum2_f(f2)", "66.0"),
    accepted("m.sum2_a(c2)", "66.0"),
    accepted("m.sum2_a(f2)", "66.0"),
    accepted("m.sum2_a(c2[::2, ::3])", "0.0 + 3.0 + 8.0 + 11.0"),
    accepted("m.sum2_a(c2[::-1, 1:3])", "1.0 + 2.0 + 5.0 + 6.0 + 9.0 + 10.0"),
    accepted("m.sum2_a(c2.T)", "66.0"),
    accepted("m.sum2_f(c2.T)", "66.0"),
    # One row is both C- and F-contiguous.
    accepted("m.sum2_f(np.ones((1, 4)))", "4.0"),
    accepted("m.sum2_c(np.asfortranarray(np.ones((4, 1))))", "4.0"),
]


@pytest.mark.parametrize("call, expected", ACCEPTED)
def test_accepted(extension, call, expected):
    outcome = run_call(extension, call, expected=expected)
    assert "raised" not in outcome, outcome
    assert outcome["equal"], outcome


UNUSUAL = [
    ("m.sum2_c(np.asmatrix(c2))", "66.0"),
    ("m.sum2_a(np.asmatrix(c2))", "66.0"),
    ("m.sum_a(np.ma.masked_array(v, mask=v > 4))", "45.0"),
    ("m.sum_c(np.ma.masked_array(v))", "45.0"),
    ("m.sum2_f(np.ma.masked_array(f2))", "66.0"),
    ("m.sum_a(unaligned(10))", "45.0"),
    ("m.sum_c(unaligned(10))", "45.0"),
    ("m.sum_a(unaligned(10)[::3])", "18.0"),
    ("m.sum_a(read_only(v))", "45.0"),
    ("m.sum_a(np.broadcast_to(1.5, (4,)))", "6.0"),
    ("m.sum2_a(np.broadcast_to(v[:4], (3, 4)))", "18.0"),
]


@pytest.mark.parametrize("call, expected", UNUSUAL, ids=[c for c, _ in UNUSUAL])
def test_unusual_arrays(extension, call, expected):
    """np.matrix, masked arrays, unaligned, read-only and broadcast (zero-stride) arrays may be
    accepted (computing over the data) or rejected with a TypeError, but never crash."""
    outcome = run_call(extension, call, expected=expected)
    if "raised" in outcome:
        assert outcome["raised"] == "TypeError", outcome
    else:
        assert outcome["equal"], outcome


@pytest.mark.parametrize("make", ["read_only(v)", "np.broadcast_to(0.0, (10,))"])
def test_writing_into_a_read_only_array(extension, make):
    """A function that writes into its argument must not write into a read-only array: it raises
    (TypeError or ValueError, as NumPy does for ``a[0] = x``) and leaves the data as it was."""
    name, path = extension
    code = CHILD.format(
        name=name, path=path, prelude=PRELUDE + f"target = {make}\nbefore = target.copy()\n",
        call="m.fill_a(target, 7.0)", expected="None",
    ) + "print(json.dumps({'unchanged': bool((target == before).all())}))\n"
    proc = run_python(["-c", code])
    assert proc.returncode == 0, proc.stdout + proc.stderr
    outcome, data = (json.loads(line) for line in proc.stdout.strip().splitlines()[-2:])
    assert outcome.get("raised") in ("TypeError", "ValueError"), outcome
    assert "fill_a" in outcome["message"] and "arr" in outcome["message"], outcome
    assert data["unchanged"], "the read-only array was written"
