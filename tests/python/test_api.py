"""The CC API, as a drop-in for numba.pycc.CC."""

import os
import sys
import textwrap
import types

import pytest

from conftest import EXT_SUFFIX, load_extension, load_python_module, run_python, unique_name

HERE = os.path.dirname(os.path.abspath(__file__))


def write_module(tmp_path, source, stem="source"):
    """Writes ``source`` to ``tmp_path`` and imports it as a fresh plain module."""
    path = tmp_path / f"{stem}.py"
    path.write_text(textwrap.dedent(source))
    return load_python_module(path, unique_name(stem))


SCALARS = """\
def mult(a, b):
    return a * b

def add(a, b):
    return a + b
"""


# --- construction and properties ---------------------------------------------------------------


def test_defaults(pyaot):
    cc = pyaot.CC("api_defaults")
    assert cc.name == "api_defaults"
    assert cc.output_dir == HERE
    assert cc.output_file == "api_defaults" + EXT_SUFFIX
    assert cc.target_cpu == ""
    assert cc.verbose is False


def test_name_is_read_only(pyaot):
    cc = pyaot.CC("api_readonly")
    with pytest.raises(AttributeError):
        cc.name = "other"


def test_properties_are_settable(pyaot, tmp_path):
    cc = pyaot.CC("api_settable")
    cc.output_dir = str(tmp_path)
    cc.output_file = "renamed.so"
    cc.target_cpu = "host"
    cc.verbose = True
    assert (cc.output_dir, cc.output_file, cc.target_cpu, cc.verbose) == (
        str(tmp_path), "renamed.so", "host", True,
    )


def test_dotted_name_is_rejected(pyaot):
    with pytest.raises(ValueError, match="simple module name"):
        pyaot.CC("package.module")


def test_source_module_object(pyaot, tmp_path):
    module = write_module(tmp_path, SCALARS)
    cc = pyaot.CC("api_from_object", source_module=module)
    assert cc.output_dir == str(tmp_path)


def test_source_module_name(pyaot, tmp_path):
    module = write_module(tmp_path, SCALARS)
    cc = pyaot.CC("api_from_name", source_module=module.__name__)
    assert cc.output_dir == str(tmp_path)


def test_source_module_without_file(pyaot):
    module = types.ModuleType("api_no_file")
    cc = pyaot.CC("api_no_file", source_module=module)
    assert cc.output_dir == ""


def test_pycc_spelling(pyaot):
    from pyaot.pycc import CC

    assert CC is pyaot.CC


def test_package_surface(pyaot):
    assert pyaot.__version__ == "0.1.0"
    assert set(pyaot.__all__) >= {"CC", "CompileError"}
    assert issubclass(pyaot.CompileError, Exception)
    assert str(pyaot.CompileError("a message")) == "a message"


# --- export ---------------------------------------------------------------------------------------


def test_export_returns_the_function_unchanged(pyaot, tmp_path):
    module = write_module(tmp_path, SCALARS)
    cc = pyaot.CC("api_unchanged", source_module=module)
    decorated = cc.export("mult", "f8(f8, f8)")(module.mult)
    assert decorated is module.mult
    # Still plain Python: no conversion to the declared types.
    assert decorated(3, 4) == 12 and type(decorated(3, 4)) is int
    assert decorated("ab", 2) == "abab"


def test_export_as_decorator_in_source(pyaot, tmp_path):
    module = write_module(
        tmp_path,
        """\
        from pyaot import CC

        cc = CC("api_decorated_source")

        @cc.export("multf", "f8(f8, f8)")
        @cc.export("multi", "i4(i4, i4)")
        def mult(a, b):
            return a * b
        """,
    )
    assert module.mult(2, 3) == 6
    assert module.cc.output_dir == str(tmp_path)


def test_duplicate_export_names_both_functions(pyaot, tmp_path):
    module = write_module(tmp_path, SCALARS)
    cc = pyaot.CC("api_duplicate", source_module=module)
    cc.export("same", "f8(f8, f8)")(module.mult)
    with pytest.raises(KeyError) as excinfo:
        cc.export("same", "f8(f8, f8)")(module.add)
    message = str(excinfo.value)
    assert "duplicated export symbol" in message
    assert "'same'" in message
    assert "mult" in message and "add" in message
    assert message.index("mult") < message.index("add")


def test_duplicate_export_on_one_function(pyaot, tmp_path):
    module = write_module(tmp_path, SCALARS)
    cc = pyaot.CC("api_duplicate_same", source_module=module)
    with pytest.raises(KeyError, match="duplicated export symbol"):
        cc.export("same", "f8(f8, f8)")(cc.export("same", "i8(i8, i8)")(module.mult))


@pytest.mark.parametrize("bad_name", ["", "1abc", "with space", "a-b", "a.b"])
def test_exported_name_must_be_an_identifier(pyaot, bad_name):
    cc = pyaot.CC("api_bad_export_name")
    with pytest.raises(ValueError, match="identifier"):
        cc.export(bad_name, "f8(f8)")


def test_exported_name_must_be_a_str(pyaot):
    cc = pyaot.CC("api_export_name_type")
    with pytest.raises(TypeError):
        cc.export(b"name", "f8(f8)")


def test_bad_signature_fails_at_the_decorator(pyaot):
    cc = pyaot.CC("api_bad_signature")
    with pytest.raises(pyaot.CompileError) as excinfo:
        expected_line = sys._getframe().f_lineno + 1
        cc.export("bad", "f8(f8,, f8)")
    rendered = str(excinfo.value)
    lines = rendered.splitlines()
    assert lines[0].startswith(f"{__file__}:{expected_line}:")
    assert " error[" in lines[0]
    # The source line is quoted, and a caret line points into it.
    assert any('cc.export("bad", "f8(f8,, f8)")' in line for line in lines[1:])
    assert any(line.strip().strip("|").strip().startswith("^") for line in lines[1:])


@pytest.mark.parametrize(
    "signature",
    ["", "f8(", "f9(f8)", "f8(f8[:)", "f8 f8", "Array(f8, 2)(f8)", "f8(UniTuple(f8))"],
)
def test_malformed_signatures(pyaot, signature):
    cc = pyaot.CC("api_malformed")
    with pytest.raises(pyaot.CompileError, match=r"error\["):
        cc.export("bad", signature)


@pytest.mark.parametrize(
    "signature",
    [
        "f8(f8, f8)",
        "(f8[:], f8)",
        "f8[:](f8[:], f8)",
        "void(f8[:, ::1])",
        "f8(f8[::1, :])",
        "f8(Array(f8, 2, 'A'))",
        "UniTuple(f8, 2)(f8, f8)",
        "Tuple((i8, f8))(i8, f8)",
        "c16(c8, b1, i1, i2, i4, i8, u1, u2, u4, u8, f4)",
        "float64(int64, int32)",
    ],
)
def test_valid_signatures(pyaot, signature):
    cc = pyaot.CC("api_valid")
    assert callable(cc.export("ok", signature))


# --- compile ---------------------------------------------------------------------------------------


def test_compile_returns_the_output_path(pyaot, tmp_path):
    module = write_module(tmp_path, SCALARS)
    name = unique_name("api_compile")
    cc = pyaot.CC(name, source_module=module)
    cc.export("mult", "f8(f8, f8)")(module.mult)
    path = cc.compile()
    assert path == os.path.join(str(tmp_path), name + EXT_SUFFIX)
    assert os.path.isfile(path)
    assert load_extension(name, path).mult(2.0, 3.5) == 7.0


def test_compile_creates_output_dir_and_honours_output_file(pyaot, tmp_path):
    module = write_module(tmp_path, SCALARS)
    name = unique_name("api_outdir")
    cc = pyaot.CC(name, source_module=module)
    cc.export("add", "i8(i8, i8)")(module.add)
    cc.output_dir = str(tmp_path / "build" / "nested")
    cc.output_file = "renamed.so"
    path = cc.compile()
    assert path == str(tmp_path / "build" / "nested" / "renamed.so")
    assert load_extension(name, path).add(2, 40) == 42


def test_stacked_exports(pyaot, tmp_path):
    module = write_module(tmp_path, SCALARS)
    name = unique_name("api_stacked")
    cc = pyaot.CC(name, source_module=module)
    cc.export("multf", "f8(f8, f8)")(cc.export("multi", "i4(i4, i4)")(module.mult))
    cc.output_dir = str(tmp_path)
    extension = load_extension(name, cc.compile())
    assert extension.multi(6, 7) == 42 and type(extension.multi(6, 7)) is int
    assert extension.multf(1.5, 2.0) == 3.0 and type(extension.multf(1, 2)) is float


def test_nothing_exported(pyaot):
    cc = pyaot.CC("api_empty")
    with pytest.raises(pyaot.CompileError, match="no function was exported"):
        cc.compile()


def test_function_defined_interactively(pyaot, tmp_path):
    namespace = {}
    exec(compile("def typed_at_prompt(x):\n    return x + 1\n", "<stdin>", "exec"), namespace)
    cc = pyaot.CC("api_interactive")
    cc.output_dir = str(tmp_path)
    cc.export("typed_at_prompt", "f8(f8)")(namespace["typed_at_prompt"])
    with pytest.raises(pyaot.CompileError, match="typed_at_prompt") as excinfo:
        cc.compile()
    assert "source file" in str(excinfo.value)


def test_function_from_exec_with_fake_filename(pyaot, tmp_path):
    namespace = {}
    code = compile("def from_exec(x):\n    return x\n", str(tmp_path / "missing.py"), "exec")
    exec(code, namespace)
    cc = pyaot.CC("api_exec")
    cc.output_dir = str(tmp_path)
    cc.export("from_exec", "f8(f8)")(namespace["from_exec"])
    with pytest.raises(pyaot.CompileError, match="from_exec.*source file"):
        cc.compile()


def test_lambda_is_rejected(pyaot, tmp_path):
    cc = pyaot.CC("api_lambda")
    cc.output_dir = str(tmp_path)
    cc.export("anonymous", "f8(f8)")(lambda x: x)
    with pytest.raises(pyaot.CompileError, match="lambda"):
        cc.compile()


def test_builtin_is_rejected(pyaot, tmp_path):
    import math

    cc = pyaot.CC("api_builtin")
    cc.output_dir = str(tmp_path)
    cc.export("root", "f8(f8)")(math.sqrt)
    with pytest.raises(pyaot.CompileError, match="sqrt"):
        cc.compile()


def test_exports_from_two_files(pyaot, tmp_path):
    first = write_module(tmp_path, SCALARS, stem="first")
    second = write_module(tmp_path, SCALARS, stem="second")
    cc = pyaot.CC("api_two_files", source_module=first)
    cc.export("mult", "f8(f8, f8)")(first.mult)
    cc.export("add", "f8(f8, f8)")(second.add)
    with pytest.raises(pyaot.CompileError, match="one source file") as excinfo:
        cc.compile()
    assert "first.py" in str(excinfo.value) and "second.py" in str(excinfo.value)


def test_unknown_target_cpu(pyaot):
    cc = pyaot.CC("api_bad_cpu")
    with pytest.raises(pyaot.CompileError, match="no-such-cpu-model"):
        cc.target_cpu = "no-such-cpu-model"
    assert cc.target_cpu == ""


def test_target_cpu_host(pyaot, tmp_path):
    module = write_module(tmp_path, SCALARS)
    name = unique_name("api_host")
    cc = pyaot.CC(name, source_module=module)
    cc.export("mult", "f8(f8, f8)")(module.mult)
    cc.target_cpu = "host"
    assert load_extension(name, cc.compile()).mult(1.5, 4.0) == 6.0


@pytest.mark.parametrize("verbose", [True, False])
def test_verbose(pyaot, tmp_path, capfd, verbose):
    module = write_module(tmp_path, SCALARS)
    cc = pyaot.CC(unique_name("api_verbose"), source_module=module)
    cc.export("mult", "f8(f8, f8)")(module.mult)
    cc.verbose = verbose
    capfd.readouterr()
    cc.compile()
    captured = capfd.readouterr()
    if verbose:
        assert len(captured.err.strip().splitlines()) >= 2, captured.err
    else:
        assert captured.err == ""
    assert captured.out == ""


def test_type_error_in_function_body_is_a_compile_error(pyaot, tmp_path):
    module = write_module(
        tmp_path,
        """\
        def concat(a, b):
            return a + "suffix"
        """,
    )
    cc = pyaot.CC(unique_name("api_body_error"), source_module=module)
    cc.export("concat", "f8(f8, f8)")(module.concat)
    with pytest.raises(pyaot.CompileError) as excinfo:
        cc.compile()
    first_line = str(excinfo.value).splitlines()[0]
    assert first_line.startswith(f"{tmp_path / 'source.py'}:2:")
    assert " error[" in first_line


def test_import_is_cheap(pyaot):
    """``import pyaot`` loads neither NumPy nor Numba (a build script pays only for what it uses)."""
    proc = run_python(
        ["-c", "import sys, pyaot; print(sorted({'numpy', 'numba'} & set(sys.modules)))"]
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == "[]"


def test_the_rest_of_the_module_may_be_any_python(compile_source, tmp_path):
    """Only the exported functions and what they call are compiled: the module around them may
    use anything Python has, as with numba.pycc."""
    extension = compile_source(
        tmp_path,
        '''\
        import os, sys
        import functools
        from collections import namedtuple

        Point = namedtuple("Point", "x y")
        GREETING = f"hello from {os.path.basename(__file__)}"
        TABLE = {"a": [1, 2, 3], "b": lambda s: s.upper()}

        class Shape:
            sides = 4

            def describe(self):
                return "a shape with %d sides" % self.sides

        @functools.lru_cache(maxsize=None)
        def cached(n):
            return str(n) * 2

        def not_compiled(values):
            return sorted(values, key=len)[0] + "!"

        def mult(a, b):
            return a * b

        if __name__ == "__main__":
            print(GREETING, file=sys.stderr)
        ''',
        [("mult", "f8(f8, f8)")],
    )
    assert extension.mult(2.0, 4.5) == 9.0


# --- source files as users write them ----------------------------------------------------------------


def test_crlf_line_endings_and_bom(pyaot, tmp_path):
    path = tmp_path / "windows.py"
    path.write_bytes(
        b"\xef\xbb\xbf# saved by a Windows editor\r\n"
        b"def mult(a, b):\r\n"
        b"    return a * b\r\n"
    )
    module = load_python_module(path, unique_name("windows"))
    name = unique_name("api_crlf")
    cc = pyaot.CC(name, source_module=module)
    cc.export("mult", "f8(f8, f8)")(module.mult)
    assert load_extension(name, cc.compile()).mult(1.5, 3.0) == 4.5


def test_crlf_diagnostic_points_at_the_right_line(pyaot, tmp_path):
    path = tmp_path / "windows_error.py"
    path.write_bytes(b"def concat(a, b):\r\n    x = a\r\n    return x + 'suffix'\r\n")
    module = load_python_module(path, unique_name("windows_error"))
    cc = pyaot.CC(unique_name("api_crlf_error"), source_module=module)
    cc.export("concat", "f8(f8, f8)")(module.concat)
    with pytest.raises(pyaot.CompileError) as excinfo:
        cc.compile()
    first_line, *rest = str(excinfo.value).splitlines()
    assert first_line.startswith(f"{path}:3:")
    assert "\r" not in str(excinfo.value)


def test_non_ascii_names_and_text(compile_source, tmp_path):
    extension = compile_source(
        tmp_path,
        '''\
        # Größe: a comment with non-ASCII text, and « quotes ».
        def größe(länge, breite):
            """Fläche in m²."""
            fläche = länge * breite  # ×
            return fläche
        ''',
        [("größe", "f8(f8, f8)"), ("area", "größe", "f8(f8, f8)")],
    )
    assert extension.größe(2.0, 3.5) == 7.0
    assert extension.area(länge=2.0, breite=0.25) == 0.5


def test_redefined_function_is_found_by_line(pyaot, tmp_path):
    module = write_module(
        tmp_path,
        """\
        def f(x):
            return x + 1.0

        first = f

        def f(x):
            return x * 10.0
        """,
    )
    name = unique_name("api_redefined")
    cc = pyaot.CC(name, source_module=module)
    cc.export("first", "f8(f8)")(module.first)
    cc.export("second", "f8(f8)")(module.f)
    extension = load_extension(name, cc.compile())
    assert (extension.first(2.0), extension.second(2.0)) == (3.0, 20.0)


def test_many_parameters(compile_source, tmp_path):
    extension = compile_source(
        tmp_path,
        """\
        def weigh(a, b, c, d, e, f, g, h, i, j, k, l):
            return a + 2 * b + 3 * c + 4 * d + 5 * e + 6 * f + 7 * g + 8 * h + 9 * i + 10 * j + 11 * k + 12 * l
        """,
        [("weigh", "f8(f8, i8, f8, i4, f8, u1, f8, i2, f8, b1, f8, i8)")],
    )
    args = (0.5, 1, 1.5, 2, 2.5, 3, 3.5, 4, 4.5, True, 5.5, 6)
    expected = sum((n + 1) * value for n, value in enumerate(args))
    assert extension.weigh(*args) == expected
    assert extension.weigh(*args[:6], **dict(zip("ghijkl", args[6:]))) == expected
