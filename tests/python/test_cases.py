"""Differential tests: each file in tests/cases/ is compiled, and every call listed in it must
give the same result from the compiled module as from CPython running the same source.

A case file is an ordinary Python module whose comment lines say what to export and call::

    # export: f i8(i8, i8)          exported name = Python function name, then the signature
    # export: fi=f i4(i4, i4)       exported name 'fi' for the Python function 'f'
    # call: f(7, 2)                 evaluated with the compiled module and with plain Python
    # call: f(-7, 2)
    # raises: f(1, 0) ZeroDivisionError   both must raise this exception type
    # close: f(rng.random((9, 7)))  as call:, but floats need only agree to a relative 1e-12

A ``call:`` or ``raises:`` line is one call of an exported name. Its arguments may use ``np``,
``math`` and ``rng`` (a NumPy Generator seeded with the same fixed seed for every file, drawn in
the order of the lines), e.g. ``# call: f(rng.random(10))``. The arguments are evaluated once;
each side gets its own copy (arrays keep their layout and strides), and after the call the
arguments are compared as well, so in-place writes are checked too.

Results are compared against the declared return type: integers equal; floats bit for bit
(NaN equals NaN, and 0.0 differs from -0.0), a Python int being accepted where the declared type
is a float, and float32/complex64 results compared with the Python result rounded to that type;
arrays of the declared dtype and dimension, with equal shape and elements; tuples elementwise.
With the return type omitted, the compiled result must have the type of the Python result.
``close:`` is for the few results where a different summation order legitimately changes the
last bits (float reductions over non-contiguous or Fortran-ordered N-d arrays, and complex sums,
which pyaot adds in C order while NumPy adds pairwise in its own iteration order): the relative
error of such a sum is bounded by about n·eps·sum|x|/|sum x|, far below 1e-12 for the inputs used.

The cases must keep to inputs where Numba's semantics equal CPython's: no integer overflow
(compiled integers wrap), no math domain errors (compiled math gives NaN), no out-of-bounds
indexing. ``test_case_in_cpython`` checks each file against plain CPython alone, so a case that
is wrong about Python fails there whether or not the compiler works.
"""

import ast
import inspect
import builtins
import copy
import math
import re
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pytest

from conftest import REPO, compile_exports, load_python_module, unique_name

CASES = REPO / "tests" / "cases"
CASE_FILES = sorted(CASES.glob("*.py"))
SEED = 20240601


# --- the declared types ---------------------------------------------------------------------------


@dataclass(frozen=True)
class ScalarType:
    dtype: str  # NumPy's name: 'int32', 'float64', 'bool', ...


@dataclass(frozen=True)
class ArrayType:
    dtype: str
    ndim: int
    layout: str  # 'C', 'F' or 'A'


@dataclass(frozen=True)
class TupleType:
    items: tuple


@dataclass(frozen=True)
class NoneType:
    pass


SCALAR_NAMES = {
    "b1": "bool", "bool_": "bool", "boolean": "bool",
    "i1": "int8", "int8": "int8", "i2": "int16", "int16": "int16",
    "i4": "int32", "int32": "int32", "i8": "int64", "int64": "int64",
    "intp": "int64", "int_": "int64",
    "u1": "uint8", "uint8": "uint8", "u2": "uint16", "uint16": "uint16",
    "u4": "uint32", "uint32": "uint32", "u8": "uint64", "uint64": "uint64",
    "f4": "float32", "float32": "float32", "f8": "float64", "float64": "float64",
    "double": "float64",
    "c8": "complex64", "complex64": "complex64", "c16": "complex128",
    "complex128": "complex128",
}

TOKEN = re.compile(r"\s*(?:(?P<name>[A-Za-z_]\w*)|(?P<number>\d+)|(?P<string>'[^']*'|\"[^\"]*\")|(?P<punct>::|[()\[\],:]))")


class _TypeParser:
    """Just enough of the Numba type grammar to know what a case declares."""

    def __init__(self, text):
        self.tokens = []
        position = 0
        text = text.rstrip()
        while position < len(text):
            match = TOKEN.match(text, position)
            if not match:
                raise ValueError(f"cannot read type {text!r} at {text[position:]!r}")
            self.tokens.append(match.group(match.lastgroup))
            position = match.end()
        self.position = 0

    def peek(self):
        return self.tokens[self.position] if self.position < len(self.tokens) else None

    def take(self, expected=None):
        token = self.peek()
        if token is None or (expected is not None and token != expected):
            raise ValueError(f"expected {expected!r}, found {token!r} in {self.tokens}")
        self.position += 1
        return token

    def parse_type(self):
        name = self.take()
        if name in ("void", "none"):
            return NoneType()
        if name == "UniTuple":
            self.take("(")
            item = self.parse_type()
            self.take(",")
            count = int(self.take())
            self.take(")")
            return TupleType((item,) * count)
        if name == "Tuple":
            self.take("(")
            nested = self.peek() == "("
            if nested:
                self.take("(")
            items = [self.parse_type()]
            while self.peek() == ",":
                self.take(",")
                if self.peek() == ")":
                    break
                items.append(self.parse_type())
            self.take(")")
            if nested:
                self.take(")")
            return TupleType(tuple(items))
        if name == "Array":
            self.take("(")
            dtype = self.parse_type()
            self.take(",")
            ndim = int(self.take())
            self.take(",")
            layout = self.take().strip("'\"")
            self.take(")")
            return ArrayType(dtype.dtype, ndim, layout)
        dtype = SCALAR_NAMES[name]
        if self.peek() != "[":
            return ScalarType(dtype)
        self.take("[")
        dims = [[]]
        while self.peek() != "]":
            token = self.take()
            if token == ",":
                dims.append([])
            else:
                dims[-1].append(token)
        self.take("]")
        dims = ["".join(d) for d in dims]
        if dims[-1] == "::1":
            layout = "C"
        elif len(dims) > 1 and dims[0] == "::1":
            layout = "F"
        else:
            layout = "A"
        return ArrayType(dtype, len(dims), layout)


def parse_signature(text):
    """``(return type or None, [argument types])`` of a Numba signature string."""
    text = text.strip()
    depth = 0
    for index in range(len(text) - 1, -1, -1):
        if text[index] == ")":
            depth += 1
        elif text[index] == "(":
            depth -= 1
            if depth == 0:
                break
    if depth != 0 or not text.endswith(")"):
        raise ValueError(f"cannot find the arguments of {text!r}")
    ret_text, args_text = text[:index].strip(), text[index + 1 : -1]
    args = []
    if args_text.strip():
        parser = _TypeParser(args_text)
        args.append(parser.parse_type())
        while parser.peek() == ",":
            parser.take(",")
            if parser.peek() is None:  # '(f8[:],)': the tuple of one argument.
                break
            args.append(parser.parse_type())
        if parser.peek() is not None:
            raise ValueError(f"cannot read the arguments of {text!r}")
    ret = None
    if ret_text:
        parser = _TypeParser(ret_text)
        ret = parser.parse_type()
        if parser.peek() is not None:
            raise ValueError(f"cannot read the return type of {text!r}")
    return ret, args


def type_of_value(value):
    """The declared type that a Python value stands for (used when the return is inferred)."""
    value = plain(value)
    if value is None:
        return NoneType()
    if isinstance(value, bool):
        return ScalarType("bool")
    if isinstance(value, int):
        return ScalarType("int64")
    if isinstance(value, float):
        return ScalarType("float64")
    if isinstance(value, complex):
        return ScalarType("complex128")
    if isinstance(value, np.ndarray):
        return ArrayType(value.dtype.name, value.ndim, "A")
    if isinstance(value, tuple):
        return TupleType(tuple(type_of_value(item) for item in value))
    raise TypeError(f"a case returned {type(value).__name__}, which cases do not compare")


# --- case files ---------------------------------------------------------------------------------


@dataclass
class Export:
    exported: str
    function: str
    signature: str
    ret: object
    args: list


@dataclass
class Call:
    line: int
    text: str
    exported: str
    raises: str  # exception type name, or '' when the call must return
    close: bool = False  # floats compared with a relative tolerance (summation order)


@dataclass
class Case:
    path: Path
    exports: dict
    calls: list


HEADER = re.compile(r"^#\s*(export|call|close|raises):\s*(.*?)\s*$")


def parse_case(path):
    exports, calls = {}, []
    for line_no, line in enumerate(path.read_text().splitlines(), 1):
        match = HEADER.match(line)
        if not match:
            continue
        kind, rest = match.groups()
        where = f"{path.name}:{line_no}"
        if kind == "export":
            name_part, _, signature = rest.partition(" ")
            exported, _, function = name_part.partition("=")
            ret, args = parse_signature(signature)
            assert exported not in exports, f"{where}: {exported} exported twice"
            exports[exported] = Export(exported, function or exported, signature.strip(), ret, args)
            continue
        raises = ""
        if kind == "raises":
            rest, _, raises = rest.rpartition(" ")
            assert isinstance(getattr(builtins, raises, None), type), f"{where}: {raises}?"
        tree = ast.parse(rest, mode="eval").body
        assert isinstance(tree, ast.Call) and isinstance(tree.func, ast.Name), (
            f"{where}: a call line must be one call of an exported function: {rest}"
        )
        calls.append(Call(line_no, rest, tree.func.id, raises, kind == "close"))
    for call in calls:
        assert call.exported in exports, f"{path.name}:{call.line}: {call.exported} not exported"
    return Case(path, exports, calls)


def build_arguments(case, call, rng):
    """Evaluates the call's arguments once: (args, kwargs)."""
    captured = {}

    def capture(*args, **kwargs):
        captured["value"] = (args, kwargs)

    namespace = {"np": np, "math": math, "rng": rng}
    namespace.update({name: capture for name in case.exports})
    eval(compile(call.text, f"{case.path.name}:{call.line}", "eval"), namespace)
    return captured["value"]


def copy_value(value):
    """A deep copy in which arrays keep their layout and strides (so a strided view stays one)."""
    if isinstance(value, np.ndarray):
        if value.flags.c_contiguous or value.flags.f_contiguous:
            return value.copy(order="K")
        low, high = np.lib.array_utils.byte_bounds(value)
        buffer = np.empty(high - low, dtype=np.uint8)
        offset = value.__array_interface__["data"][0] - low
        result = np.ndarray(value.shape, value.dtype, buffer, offset, value.strides)
        result[...] = value
        return result
    if isinstance(value, tuple):
        return tuple(copy_value(item) for item in value)
    return copy.deepcopy(value)


def invoke(function, args, kwargs):
    """(result, None) or (None, exception)."""
    args = tuple(copy_value(a) for a in args)
    kwargs = {k: copy_value(v) for k, v in kwargs.items()}
    try:
        return (function(*args, **kwargs), None), (args, kwargs)
    except Exception as error:  # The comparison reports it.
        return (None, error), (args, kwargs)


# --- comparison ------------------------------------------------------------------------------------


def plain(value):
    """NumPy scalars as Python scalars (Python code indexing arrays gets NumPy scalars)."""
    if isinstance(value, np.generic):
        return value.item()
    return value


def same_float(a, b):
    if math.isnan(a) or math.isnan(b):
        return math.isnan(a) and math.isnan(b)
    return a == b and math.copysign(1.0, a) == math.copysign(1.0, b)


def compare(declared, got, want):
    """None if the compiled value ``got`` matches CPython's ``want`` as ``declared``, else why not."""
    want = plain(want)
    if declared is None:
        declared = type_of_value(want)
    if isinstance(declared, NoneType):
        return None if got is None and want is None else f"expected None, got {got!r} (Python: {want!r})"
    if isinstance(declared, TupleType):
        if type(got) is not tuple or not isinstance(want, tuple):
            return f"expected a tuple, got {got!r} (Python: {want!r})"
        if len(got) != len(declared.items) or len(want) != len(declared.items):
            return f"expected {len(declared.items)} items, got {got!r} (Python: {want!r})"
        for index, (item, g, w) in enumerate(zip(declared.items, got, want)):
            problem = compare(item, g, w)
            if problem:
                return f"item {index}: {problem}"
        return None
    if isinstance(declared, ArrayType):
        return compare_arrays(declared, got, want)
    return compare_scalars(declared.dtype, got, want)


def compare_scalars(dtype, got, want):
    mismatch = f"got {got!r} ({type(got).__name__}), Python gives {want!r} ({type(want).__name__})"
    kind = np.dtype(dtype).kind
    if kind == "b":
        ok = type(got) is bool and isinstance(want, bool) and got == want
    elif kind in "iu":
        ok = type(got) is int and isinstance(want, int) and got == want
    elif kind == "f":
        if type(got) is not float or not isinstance(want, (int, float)):
            return mismatch
        with np.errstate(over="ignore"):  # float32 rounds a huge value to inf, as it should.
            want_f = float(np.dtype(dtype).type(want))
        ok = same_float(got, want_f)
    else:
        if type(got) is not complex or not isinstance(want, (int, float, complex)):
            return mismatch
        with np.errstate(over="ignore"):
            want_c = complex(np.dtype(dtype).type(want))
        ok = same_float(got.real, want_c.real) and same_float(got.imag, want_c.imag)
    return None if ok else mismatch


def compare_arrays(declared, got, want):
    if type(got) is not np.ndarray or not isinstance(want, np.ndarray):
        return f"expected an array, got {got!r} (Python: {want!r})"
    if got.dtype != np.dtype(declared.dtype) or got.ndim != declared.ndim:
        return f"expected {declared.ndim}-d {declared.dtype}, got {got.ndim}-d {got.dtype}"
    if got.shape != want.shape:
        return f"shape {got.shape}, Python gives {want.shape}"
    want = want.astype(got.dtype)
    if got.dtype.kind in "fc":
        pairs = [(got, want)] if got.dtype.kind == "f" else [
            (got.real, want.real), (got.imag, want.imag)]
        for g, w in pairs:
            nan = np.isnan(g)
            if not (np.array_equal(nan, np.isnan(w)) and np.array_equal(g[~nan], w[~nan])
                    and np.array_equal(np.signbit(g[~nan]), np.signbit(w[~nan]))):
                return f"elements differ:\n{got!r}\nPython gives\n{want!r}"
        return None
    if not np.array_equal(got, want):
        return f"elements differ:\n{got!r}\nPython gives\n{want!r}"
    return None


def nearly_equal(got, want):
    """For ``close:`` lines: equal shapes and types, values within a relative 1e-12."""
    try:
        g, w = np.asarray(got), np.asarray(want)
    except Exception:
        return False
    return g.shape == w.shape and bool(np.allclose(g, w, rtol=1e-12, atol=0.0, equal_nan=True))


def check_call(case, call, rng, compiled, python):
    """The problems of one call line (empty when the compiled module agrees with CPython)."""
    export = case.exports[call.exported]
    where = f"{case.path.name}:{call.line}: {call.text}"
    args, kwargs = build_arguments(case, call, rng)
    (want, py_error), py_inputs = invoke(getattr(python, export.function), args, kwargs)
    (got, error), c_inputs = invoke(getattr(compiled, export.exported), args, kwargs)
    if call.raises:
        expected = getattr(builtins, call.raises)
        problems = []
        if not isinstance(py_error, expected):
            problems.append(f"{where}: CPython gives {py_error!r} or {want!r}, not {call.raises}")
        if not isinstance(error, expected):
            problems.append(f"{where}: expected {call.raises}, compiled gives {error!r} or {got!r}")
        return problems
    if py_error is not None:
        return [f"{where}: CPython raises {py_error!r}: the case is wrong"]
    if error is not None:
        return [f"{where}: compiled raises {type(error).__name__}: {error}"]
    problem = compare(export.ret, got, want)
    if problem and call.close and nearly_equal(got, want):
        problem = None
    problems = [f"{where}: {problem}"] if problem else []
    for index, (c_arg, py_arg) in enumerate(zip(c_inputs[0], py_inputs[0])):
        if isinstance(py_arg, np.ndarray):
            problem = compare_arrays(
                ArrayType(py_arg.dtype.name, py_arg.ndim, "A"), c_arg, py_arg
            )
            if problem:
                problems.append(f"{where}: argument {index} after the call: {problem}")
    return problems


# --- the inputs must fit the declared types (checked in CPython alone) ------------------------------


def fits(declared, value, argument=True):
    """Whether ``value`` is a value of the declared type: as an argument, exactly (a float32
    argument must be representable in float32); as a result, up to the rounding that the
    comparison applies."""
    value = plain(value)
    if isinstance(declared, NoneType):
        return value is None
    if isinstance(declared, TupleType):
        return (isinstance(value, tuple) and len(value) == len(declared.items)
                and all(fits(t, v, argument) for t, v in zip(declared.items, value)))
    if isinstance(declared, ArrayType):
        if not isinstance(value, np.ndarray) or value.dtype != np.dtype(declared.dtype):
            return False
        if value.ndim != declared.ndim:
            return False
        return {"C": value.flags.c_contiguous, "F": value.flags.f_contiguous}.get(
            declared.layout, True)
    dtype = np.dtype(declared.dtype)
    if dtype.kind == "b":
        return isinstance(value, bool)
    if dtype.kind in "iu":
        info = np.iinfo(dtype)
        return isinstance(value, int) and info.min <= value <= info.max
    if not isinstance(value, (int, float) if dtype.kind == "f" else (int, float, complex)):
        return False
    if not argument:
        return True
    # A narrower float type would round the argument, and the two sides would start apart.
    rounded = complex(dtype.type(value))
    return rounded == value or (value != value and rounded != rounded)


def check_call_in_cpython(case, call, rng, python):
    export = case.exports[call.exported]
    where = f"{case.path.name}:{call.line}: {call.text}"
    args, kwargs = build_arguments(case, call, rng)
    problems = []
    # Keyword arguments are checked against the parameter they name; parameters left out must
    # have a default value (CPython itself says so when the call is made below).
    parameters = list(inspect.signature(getattr(python, export.function)).parameters)
    bound = list(enumerate(args)) + [(parameters.index(k), v) for k, v in kwargs.items() if k in parameters]
    for index, arg in bound:
        if index >= len(export.args):
            if not call.raises:
                problems.append(f"{where}: argument {index} has no parameter in {export.signature}")
            continue
        declared = export.args[index]
        if not fits(declared, arg):
            problems.append(f"{where}: argument {index} {arg!r} does not fit {declared}")
    if not call.raises and len(parameters) != len(export.args):
        problems.append(f"{where}: {len(parameters)} parameters for {export.signature}")
    (want, error), _ = invoke(getattr(python, export.function), args, kwargs)
    if call.raises:
        if not isinstance(error, getattr(builtins, call.raises)):
            problems.append(f"{where}: CPython gives {error!r} or {want!r}, not {call.raises}")
    elif error is not None:
        problems.append(f"{where}: CPython raises {error!r}")
    elif export.ret is not None and not fits(export.ret, want, argument=False):
        # A Python int where a float is declared is fine: the compiled code converts it.
        problems.append(f"{where}: CPython returns {want!r}, which does not fit {export.ret}")
    return problems


# --- the tests -----------------------------------------------------------------------------------


def load_case_module(case):
    return load_python_module(case.path, unique_name(f"case_{case.path.stem}_py"))


@pytest.mark.parametrize("path", CASE_FILES, ids=[p.stem for p in CASE_FILES])
def test_case_in_cpython(path):
    """The case file itself is right: it parses, every export is called, and every call runs
    (or raises what it says) in CPython with inputs that fit the declared types."""
    case = parse_case(path)
    assert case.exports, f"{path.name} exports nothing"
    assert case.calls, f"{path.name} calls nothing"
    called = {call.exported for call in case.calls}
    assert called == set(case.exports), f"never called: {set(case.exports) - called}"
    python = load_case_module(case)
    rng = np.random.default_rng(SEED)
    problems = []
    for call in case.calls:
        problems += check_call_in_cpython(case, call, rng, python)
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("path", CASE_FILES, ids=[p.stem for p in CASE_FILES])
def test_case(path, tmp_path):
    case = parse_case(path)
    python = load_case_module(case)
    # Compiled from the case file itself, so that diagnostics point into tests/cases/.
    exports = [(e.exported, e.function, e.signature) for e in case.exports.values()]
    compiled = compile_exports(python, exports, tmp_path, unique_name(f"case_{path.stem}"))
    rng = np.random.default_rng(SEED)
    problems = []
    for call in case.calls:
        problems += check_call(case, call, rng, compiled, python)
    assert not problems, "\n".join(problems)
