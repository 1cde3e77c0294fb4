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

Every line is also run in other memory layouts, as the tests ``test_case[<file>-F]``,
``[<file>-strided]`` and ``[<file>-reversed]``: each array argument of a parameter declared with
layout 'A' (``f8[:]``, ``f8[:, :]``) is replaced by the same values as a Fortran-ordered copy (for
2-d and more), as a view with a stride of 2 on every axis, and as a view with a negative stride
on every axis; lines without such an argument are not repeated. Arguments of parameters declared
C- or F-contiguous (``f8[::1]``, ``f8[:, ::1]``, ``f8[::1, :]``) are never replaced: another
layout is not a value of their type, and pyaot rejects it with TypeError (test_bad_calls.py).
The variants are compared exactly as the line itself, with one exception: where CPython itself
gives other bits for the line's values in the two layouts (NumPy's reductions add in memory
order), the floats of a ``call:`` line need only agree as for ``close:``.

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
is wrong about Python fails there whether or not the compiler works; it also requires each line
to give CPython the same result (to the tolerance of ``close:``) in every layout of its variants.
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
RTOL = 1e-12  # the relative tolerance of close: lines


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


# --- layout variants ---------------------------------------------------------------------------
#
# Every call is also run with its arrays in other memory layouts: each array argument of a
# parameter declared with layout 'A' (``f8[:]``, ``f8[:, :]``, ``Array(f8, 2, 'A')``) is replaced
# by an array with the same values in another layout, and both sides get copies of it.
# Parameters declared C- or F-contiguous (``f8[::1]``, ``f8[:, ::1]``, ``f8[::1, :]``) keep their
# argument as written: other layouts are not values of their type (pyaot rejects them with
# TypeError, which tests/python/test_bad_calls.py checks), so those arguments are left alone.


def fortran_ordered(array):
    """A Fortran-ordered copy; None for a 1-d array, which is its own Fortran-ordered copy."""
    return np.asfortranarray(array) if array.ndim >= 2 else None


def strided(array):
    """A view with the same values and a stride of 2 elements on every axis."""
    bigger = np.empty(tuple(2 * n for n in array.shape), array.dtype)
    view = bigger[(slice(None, None, 2),) * array.ndim]
    view[...] = array
    return view


def reversed_view(array):
    """A view with the same values and a negative stride on every axis."""
    buffer = np.empty(array.shape, array.dtype)
    view = buffer[(slice(None, None, -1),) * array.ndim]
    view[...] = array
    return view


LAYOUTS = {"F": fortran_ordered, "strided": strided, "reversed": reversed_view}


def in_layout(declared, value, make):
    """``value`` with each array of an 'A'-layout type in it replaced by ``make(array)``; None
    when nothing is replaced."""
    if isinstance(declared, ArrayType):
        if declared.layout == "A" and isinstance(value, np.ndarray) and value.ndim >= 1:
            return make(value)
        return None
    if isinstance(declared, TupleType) and isinstance(value, tuple):
        items = [in_layout(t, v, make) for t, v in zip(declared.items, value)]
        if any(item is not None for item in items):
            return tuple(v if item is None else item for item, v in zip(items, value))
    return None


def arguments_in_layout(export, parameters, arguments, make):
    """The call's ``(args, kwargs)`` with their arrays in the layout that ``make`` gives (see
    ``in_layout``); None when the layout changes no argument, so the call would repeat itself.
    ``parameters`` are the names of the Python function's parameters, for keyword arguments."""
    args, kwargs = arguments
    declared = dict(zip(parameters, export.args))
    new_args = [in_layout(t, v, make) for t, v in zip(export.args, args)]
    new_kwargs = {k: in_layout(declared.get(k), v, make) for k, v in kwargs.items()}
    if all(v is None for v in new_args + list(new_kwargs.values())):
        return None
    return (
        tuple(v if new is None else new for v, new in zip(args, new_args)) + args[len(new_args):],
        {k: v if new_kwargs[k] is None else new_kwargs[k] for k, v in kwargs.items()},
    )


def layouts_of(path):
    """The layouts in which the case file has calls to run (from the declared types: the
    arguments themselves are made when the test runs)."""
    try:
        case = parse_case(path)
    except Exception:
        return []  # test_case_in_cpython says what is wrong with the file.
    ndims = [a.ndim for call in case.calls for a in array_types(case.exports[call.exported].args)
             if a.layout == "A"]
    return [layout for layout in LAYOUTS if any(n >= (2 if layout == "F" else 1) for n in ndims)]


def array_types(declared_types):
    for declared in declared_types:
        if isinstance(declared, ArrayType):
            yield declared
        elif isinstance(declared, TupleType):
            yield from array_types(declared.items)


def layout_dependent(python_function, line_arguments, result):
    """Whether CPython gives other bits for the arguments as the line wrote them than the
    ``result`` it gave for the same values in another layout.

    The one rule that lets a ``call:`` line's variant agree only to the tolerance of
    ``close:``: NumPy adds the elements of a reduction in the order in which its iterator
    visits memory (pairwise only within the innermost loop), so the same values in another
    layout may give other last bits, and the compiled code, which adds in an order of its own,
    cannot match NumPy in every layout. Where CPython gives the same bits in both layouts, the
    compiled result must too."""
    if line_arguments is None:
        return False
    (line_result, error), _ = invoke(python_function, *line_arguments)
    return error is None and exactly(line_result) != exactly(result)


# --- comparison ------------------------------------------------------------------------------------


def plain(value):
    """NumPy scalars as Python scalars (Python code indexing arrays gets NumPy scalars)."""
    if isinstance(value, np.generic):
        return value.item()
    return value


def same_float(a, b, close=False):
    if math.isnan(a) or math.isnan(b):
        return math.isnan(a) and math.isnan(b)
    if close:
        return math.isclose(a, b, rel_tol=RTOL, abs_tol=0.0)
    return a == b and math.copysign(1.0, a) == math.copysign(1.0, b)


def compare(declared, got, want, close=False):
    """None if the compiled value ``got`` matches CPython's ``want`` as ``declared``, else why not.
    With ``close``, floats need only agree to a relative ``RTOL``; everything else (types,
    dtypes, shapes, integers) must still be equal."""
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
            problem = compare(item, g, w, close)
            if problem:
                return f"item {index}: {problem}"
        return None
    if isinstance(declared, ArrayType):
        return compare_arrays(declared, got, want, close)
    return compare_scalars(declared.dtype, got, want, close)


def compare_scalars(dtype, got, want, close=False):
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
        ok = same_float(got, want_f, close)
    else:
        if type(got) is not complex or not isinstance(want, (int, float, complex)):
            return mismatch
        with np.errstate(over="ignore"):
            want_c = complex(np.dtype(dtype).type(want))
        ok = same_float(got.real, want_c.real, close) and same_float(got.imag, want_c.imag, close)
    return None if ok else mismatch


def compare_arrays(declared, got, want, close=False):
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
            if not np.array_equal(nan, np.isnan(w)):
                return f"elements differ:\n{got!r}\nPython gives\n{want!r}"
            g, w = g[~nan], w[~nan]
            if close:
                same = np.allclose(g, w, rtol=RTOL, atol=0.0)
            else:
                same = np.array_equal(g, w) and np.array_equal(np.signbit(g), np.signbit(w))
            if not same:
                return f"elements differ:\n{got!r}\nPython gives\n{want!r}"
        return None
    if not np.array_equal(got, want):
        return f"elements differ:\n{got!r}\nPython gives\n{want!r}"
    return None


def exactly(value):
    """Every bit of a CPython result, to tell whether two results are the same."""
    value = plain(value)
    if isinstance(value, tuple):
        return tuple(exactly(item) for item in value)
    if isinstance(value, np.ndarray):
        return value.dtype.str, value.shape, value.tobytes()
    if isinstance(value, float):
        return float.hex(value)
    if isinstance(value, complex):
        return float.hex(value.real), float.hex(value.imag)
    return type(value), value


def check_call(case, call, arguments, compiled, python, layout=None, line_arguments=None):
    """The problems of one call line (empty when the compiled module agrees with CPython).

    ``arguments`` are the ``(args, kwargs)`` passed to both sides. For a layout variant,
    ``layout`` names it and ``line_arguments`` are the arguments as the line wrote them: where
    CPython itself gives other bits for them than for ``arguments`` (see ``layout_dependent``),
    floats of a ``call:`` line are compared as for ``close:``."""
    export = case.exports[call.exported]
    where = f"{case.path.name}:{call.line}{f' [{layout}]' if layout else ''}: {call.text}"
    python_function = getattr(python, export.function)
    (want, py_error), py_inputs = invoke(python_function, *arguments)
    (got, error), c_inputs = invoke(getattr(compiled, export.exported), *arguments)
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
    if problem and (call.close or layout_dependent(python_function, line_arguments, want)):
        if compare(export.ret, got, want, close=True) is None:
            problem = None
        else:
            problem += "\n(not even within the relative tolerance of close:)"
    problems = [f"{where}: {problem}"] if problem else []
    for (name, c_arg), (_, py_arg) in zip(named_arguments(c_inputs), named_arguments(py_inputs)):
        if isinstance(py_arg, np.ndarray):
            problem = compare_arrays(
                ArrayType(py_arg.dtype.name, py_arg.ndim, "A"), c_arg, py_arg
            )
            if problem:
                problems.append(f"{where}: argument {name} after the call: {problem}")
    return problems


def named_arguments(arguments):
    """``(name, value)`` of every argument: positions as '0', '1', ..., keywords by name."""
    args, kwargs = arguments
    return [(str(index), value) for index, value in enumerate(args)] + list(kwargs.items())


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


def check_call_in_cpython(case, call, arguments, python):
    export = case.exports[call.exported]
    where = f"{case.path.name}:{call.line}: {call.text}"
    args, kwargs = arguments
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
    for layout, make in LAYOUTS.items():
        varied = arguments_in_layout(export, parameters, arguments, make)
        if varied is None:
            continue
        (got, varied_error), _ = invoke(getattr(python, export.function), *varied)
        if type(varied_error) is not type(error) or not agree_in_cpython(got, want):
            problems.append(
                f"{where}: in layout {layout}, CPython gives {varied_error!r} or {got!r}, not "
                f"{error!r} or {want!r} as for the arguments as written"
            )
    return problems


def agree_in_cpython(got, want):
    """Whether two CPython results are the same up to the tolerance of ``close:``."""
    got, want = plain(got), plain(want)
    if isinstance(want, tuple):
        return (isinstance(got, tuple) and len(got) == len(want)
                and all(agree_in_cpython(g, w) for g, w in zip(got, want)))
    if type(got) is not type(want):
        return False
    if isinstance(want, np.ndarray):
        if got.dtype != want.dtype or got.shape != want.shape:
            return False
    elif not isinstance(want, (float, complex)):
        return got == want
    return bool(np.allclose(got, want, rtol=RTOL, atol=0.0, equal_nan=True))


# --- the tests -----------------------------------------------------------------------------------


def load_case_module(case):
    return load_python_module(case.path, unique_name(f"case_{case.path.stem}_py"))


def all_arguments(case):
    """The arguments of every call line, in order: ``rng`` draws the same values every time."""
    rng = np.random.default_rng(SEED)
    return [build_arguments(case, call, rng) for call in case.calls]


@pytest.mark.parametrize("path", CASE_FILES, ids=[p.stem for p in CASE_FILES])
def test_case_in_cpython(path):
    """The case file itself is right: it parses, every export is called, and every call runs
    (or raises what it says) in CPython with inputs that fit the declared types, and gives the
    same result (to the tolerance of ``close:``) or exception with its arrays in every other
    layout that the variants of ``test_case`` use."""
    case = parse_case(path)
    assert case.exports, f"{path.name} exports nothing"
    assert case.calls, f"{path.name} calls nothing"
    called = {call.exported for call in case.calls}
    assert called == set(case.exports), f"never called: {set(case.exports) - called}"
    python = load_case_module(case)
    problems = []
    for call, arguments in zip(case.calls, all_arguments(case)):
        problems += check_call_in_cpython(case, call, arguments, python)
    assert not problems, "\n".join(problems)


@pytest.fixture(scope="session")
def compiled_case(tmp_path_factory):
    """``compiled_case(case)``: the case file compiled, once for all its layouts."""
    modules = {}

    def get(case):
        if case.path not in modules:
            python = load_case_module(case)
            # Compiled from the case file itself, so that diagnostics point into tests/cases/.
            exports = [(e.exported, e.function, e.signature) for e in case.exports.values()]
            output = tmp_path_factory.mktemp(case.path.stem)
            modules[case.path] = compile_exports(
                python, exports, output, unique_name(f"case_{case.path.stem}"))
        return modules[case.path]

    return get


CASE_PARAMS = [
    pytest.param(path, layout, id=path.stem if layout is None else f"{path.stem}-{layout}")
    for path in CASE_FILES
    for layout in [None, *layouts_of(path)]
]


@pytest.mark.parametrize("path, layout", CASE_PARAMS)
def test_case(path, layout, compiled_case):
    """Every call of the case file agrees with CPython; with ``layout`` ('F', 'strided' or
    'reversed', in the ids as ``<file>-<layout>``), every call that has an array argument of an
    'A'-layout parameter, with those arrays in that layout (see ``LAYOUTS``)."""
    case = parse_case(path)
    python = load_case_module(case)
    compiled = compiled_case(case)
    problems, calls_run = [], 0
    for call, arguments in zip(case.calls, all_arguments(case)):
        if layout is None:
            problems += check_call(case, call, arguments, compiled, python)
            calls_run += 1
            continue
        export = case.exports[call.exported]
        parameters = list(inspect.signature(getattr(python, export.function)).parameters)
        varied = arguments_in_layout(export, parameters, arguments, LAYOUTS[layout])
        if varied is not None:
            problems += check_call(case, call, varied, compiled, python, layout, arguments)
            calls_run += 1
    assert calls_run, f"no call of {path.name} has an array argument to put in layout {layout}"
    assert not problems, "\n".join(problems)
