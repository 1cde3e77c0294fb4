"""The ``pyaot`` command: ``pyaot compile``, ``pyaot build`` and ``pyaot --version``.

Each command runs in a subprocess (``python -m pyaot``), as a user runs it; the modules it
writes are imported in another subprocess.
"""

import re
import shutil
import tarfile
import textwrap
import zipfile

import pytest

from conftest import EXT_SUFFIX, REPO, run_python

SEED = REPO / "examples" / "seed"


def pyaot_cli(*args, cwd=None):
    return run_python(["-m", "pyaot", *[str(a) for a in args]], cwd=cwd)


def ok(proc):
    assert proc.returncode == 0, proc.stdout + proc.stderr
    return proc


def failed(proc):
    """A clean failure: exit status 1, a message on stderr, no traceback."""
    assert proc.returncode == 1, proc.stdout + proc.stderr
    assert "Traceback" not in proc.stderr, proc.stderr
    assert proc.stderr.strip()
    return proc


def call(folder, code):
    return ok(run_python(["-c", textwrap.dedent(code)], cwd=folder)).stdout.strip()


@pytest.fixture
def seed_copy(tmp_path):
    folder = tmp_path / "src"
    folder.mkdir()
    shutil.copy(SEED / "my_module.py", folder)
    return folder / "my_module.py"


# --- pyaot compile ----------------------------------------------------------------------------


def test_compile_with_output_dir_and_verbose(seed_copy, tmp_path):
    out = tmp_path / "out" / "deeper"
    proc = ok(pyaot_cli("compile", seed_copy, "-o", out, "-v", cwd=tmp_path))
    expected = out / f"my_module{EXT_SUFFIX}"
    assert proc.stdout.splitlines() == [str(expected)]
    assert "pyaot: parse" in proc.stderr and "pyaot: link" in proc.stderr, proc.stderr
    assert sorted(p.name for p in seed_copy.parent.iterdir()) == ["my_module.py"]
    result = call(out, "import my_module as m; print(m.multi(3, 4), m.square(1.414))")
    assert result == "12 1.9993959999999997"


def test_compile_writes_beside_the_source_by_default(seed_copy, tmp_path):
    proc = ok(pyaot_cli("compile", seed_copy.name, cwd=seed_copy.parent))
    expected = seed_copy.parent / f"my_module{EXT_SUFFIX}"
    assert proc.stdout.splitlines() == [str(expected)]
    assert proc.stderr == ""
    assert expected.is_file()


def test_compile_does_not_run_the_source(tmp_path):
    """Literal CC names and exports are read from the text; the module is never executed."""
    source = tmp_path / "noisy.py"
    source.write_text(
        "from pyaot import CC\n"
        "open('ran', 'w').close()\n"
        "cc = CC('noisy')\n\n"
        "@cc.export('f', 'i8(i8)')\n"
        "def f(x):\n    return x + 1\n"
    )
    ok(pyaot_cli("compile", source, cwd=tmp_path))
    assert not (tmp_path / "ran").exists()
    assert call(tmp_path, "import noisy; print(noisy.f(41))") == "42"


def test_compile_every_cc_of_a_file(tmp_path):
    source = tmp_path / "two.py"
    source.write_text(
        "import pyaot\n"
        "first = pyaot.CC('first_mod')\n"
        "second = pyaot.CC('second_mod')\n\n"
        "@first.export('double', 'f8(f8)')\n"
        "@second.export('double', 'i8(i8)')\n"
        "def double(x):\n    return x * 2\n"
    )
    proc = ok(pyaot_cli("compile", source, "-o", tmp_path / "out"))
    assert proc.stdout.splitlines() == [
        str(tmp_path / "out" / f"first_mod{EXT_SUFFIX}"),
        str(tmp_path / "out" / f"second_mod{EXT_SUFFIX}"),
    ]
    result = call(tmp_path / "out", "import first_mod, second_mod; print(first_mod.double(1.5), second_mod.double(21))")
    assert result == "3.0 42"


def test_computed_names_fall_back_to_running_the_file(tmp_path):
    source = tmp_path / "computed.py"
    source.write_text(
        textwrap.dedent(
            """
            from pyaot import CC

            NAME = "comp" + "uted_ext"
            SIGNATURE = "f8(f8, f8)"
            cc = CC(NAME)
            cc.target_cpu = "host"
            print("the module ran as", __name__)

            @cc.export("add", SIGNATURE)
            def add(a, b):
                return a + b

            if __name__ == "__main__":
                raise SystemExit("the __main__ block must not run")
            """
        )
    )
    proc = ok(pyaot_cli("compile", source, cwd=tmp_path))
    lines = proc.stdout.splitlines()
    assert lines == ["the module ran as computed", str(tmp_path / f"computed_ext{EXT_SUFFIX}")]
    assert call(tmp_path, "import computed_ext; print(computed_ext.add(1.25, 2.0))") == "3.25"


def test_fallback_sees_the_source_folder_on_sys_path(tmp_path):
    (tmp_path / "sigs.py").write_text("SIG = 'i8(i8)'\n")
    (tmp_path / "uses_sigs.py").write_text(
        "from pyaot import CC\nfrom sigs import SIG\ncc = CC('uses_sigs_ext')\n\n"
        "@cc.export('triple', SIG)\ndef triple(x):\n    return 3 * x\n"
    )
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    ok(pyaot_cli("compile", tmp_path / "uses_sigs.py", cwd=elsewhere))
    assert call(tmp_path, "import uses_sigs_ext; print(uses_sigs_ext.triple(14))") == "42"


def test_fallback_compiles_only_the_files_own_cc_objects(tmp_path):
    (tmp_path / "helper.py").write_text(
        "from pyaot import CC\nhelper_cc = CC('helper_ext')\n\n"
        "@helper_cc.export('one', 'i8()')\ndef one():\n    return 1\n"
    )
    (tmp_path / "main_mod.py").write_text(
        "from pyaot import CC\nimport helper\ncc = CC('main_' + 'ext')\n\n"
        "@cc.export('two', 'i8()')\ndef two():\n    return 2\n"
    )
    proc = ok(pyaot_cli("compile", tmp_path / "main_mod.py"))
    assert proc.stdout.splitlines() == [str(tmp_path / f"main_ext{EXT_SUFFIX}")]
    assert not (tmp_path / f"helper_ext{EXT_SUFFIX}").exists()


def test_compile_error_exits_1_with_the_diagnostic(tmp_path):
    source = tmp_path / "bad.py"
    source.write_text(
        "from pyaot import CC\ncc = CC('bad')\n\n@cc.export('f', 'f8(f8)')\ndef f(x):\n"
        "    return x + 'a'\n"
    )
    proc = failed(pyaot_cli("compile", source, cwd=tmp_path))
    assert f"{source}:6:16: error[" in proc.stderr, proc.stderr
    assert "return x + 'a'" in proc.stderr and "^" in proc.stderr
    assert proc.stdout == ""
    assert not list(tmp_path.glob(f"bad*{EXT_SUFFIX}"))


def test_syntax_error_exits_1(tmp_path):
    source = tmp_path / "syntax.py"
    source.write_text("from pyaot import CC\ncc = CC('s')\ndef f(:\n    pass\n")
    proc = failed(pyaot_cli("compile", source))
    assert "syntax.py:3:" in proc.stderr and "error[syntax-error]" in proc.stderr, proc.stderr


def test_missing_file_exits_1(tmp_path):
    proc = failed(pyaot_cli("compile", "nothere.py", cwd=tmp_path))
    assert "nothere.py: no such file" in proc.stderr


def test_file_without_cc_exits_1(tmp_path):
    (tmp_path / "plain.py").write_text("def f(x):\n    return x\n")
    proc = failed(pyaot_cli("compile", "plain.py", cwd=tmp_path))
    assert "no CC('name') object" in proc.stderr


def test_error_while_running_the_fallback_shows_the_users_traceback(tmp_path):
    (tmp_path / "crash.py").write_text("from pyaot import CC\ncc = CC('crash_' + 'ext')\n1 / 0\n")
    proc = pyaot_cli("compile", "crash.py", cwd=tmp_path)
    assert proc.returncode == 1
    assert "ZeroDivisionError" in proc.stderr and "crash.py" in proc.stderr


def test_target_cpu(seed_copy, tmp_path):
    ok(pyaot_cli("compile", seed_copy, "-o", tmp_path / "host", "--target-cpu", "host"))
    assert call(tmp_path / "host", "import my_module; print(my_module.multi(6, 7))") == "42"
    proc = failed(pyaot_cli("compile", seed_copy, "--target-cpu", "no-such-cpu"))
    assert "no-such-cpu" in proc.stderr


def test_usage_errors_exit_2(tmp_path):
    assert pyaot_cli(cwd=tmp_path).returncode == 2
    assert pyaot_cli("compile", cwd=tmp_path).returncode == 2
    assert pyaot_cli("frobnicate", cwd=tmp_path).returncode == 2


def test_version(pyaot):
    proc = ok(pyaot_cli("--version"))
    assert proc.stdout.strip() == f"pyaot {pyaot.__version__}"


def test_console_script_is_declared():
    """pyproject.toml declares the `pyaot` command (installed by pip and maturin develop)."""
    text = (REPO / "pyproject.toml").read_text()
    table = re.search(r"^\[project\.scripts\]\n(.*?)(?:^\[|\Z)", text, re.M | re.S)
    assert table and 'pyaot = "pyaot.cli:main"' in table.group(1).splitlines()


def test_main_returns_the_exit_status(seed_copy, tmp_path, capsys):
    from pyaot.cli import main

    assert main(["compile", str(seed_copy), "-o", str(tmp_path / "in-process")]) == 0
    assert capsys.readouterr().out.strip() == str(tmp_path / "in-process" / f"my_module{EXT_SUFFIX}")
    assert main(["compile", str(tmp_path / "missing.py")]) == 1
    assert main(["build", str(tmp_path), "-C", "no-equals-sign"]) == 1


# --- pyaot build (pyaot's PEP 517 backend) ----------------------------------------------------


def copy_project(name, tmp_path):
    dest = tmp_path / name
    shutil.copytree(
        REPO / "examples" / name,
        dest,
        ignore=shutil.ignore_patterns("*.so", "__pycache__", "build", "dist"),
    )
    return dest


def test_build_wheel_and_sdist(tmp_path):
    project = copy_project("src-project", tmp_path)
    proc = ok(pyaot_cli("build", project, "-o", tmp_path / "dist"))
    paths = proc.stdout.splitlines()[-2:]
    assert [p.rsplit("/", 1)[0] for p in paths] == [str(tmp_path / "dist")] * 2
    sdist, wheel = paths
    assert sdist.endswith("pyaot_example_src-1.2.0.tar.gz")
    assert wheel.endswith(".whl") and "/pyaot_example_src-1.2.0-" in wheel
    names = zipfile.ZipFile(wheel).namelist()
    assert f"pyaot_example_src/kernels{EXT_SUFFIX}" in names
    assert f"pyaot_example_src/scalars{EXT_SUFFIX}" in names
    with tarfile.open(sdist) as archive:
        members = archive.getnames()
    assert "pyaot_example_src-1.2.0/src/pyaot_example_src/_kernels.py" in members, members


def test_build_defaults_to_dist_in_the_project_and_one_kind(tmp_path):
    project = copy_project("flat-project", tmp_path)
    proc = ok(pyaot_cli("build", "--wheel", cwd=project))
    (wheel,) = proc.stdout.splitlines()[-1:]
    assert wheel.startswith(str(project / "dist")) and wheel.endswith(".whl")
    assert [p.suffix for p in (project / "dist").iterdir()] == [".whl"]
    proc = ok(pyaot_cli("build", project, "--sdist", "-o", tmp_path / "sd"))
    assert [p.name for p in (tmp_path / "sd").iterdir()] == ["pyaot_example_flat-0.3.0.tar.gz"]


def test_build_passes_config_settings(tmp_path):
    project = copy_project("flat-project", tmp_path)
    proc = ok(pyaot_cli("build", project, "--wheel", "-C", "verbose=true", "-o", tmp_path / "v"))
    assert "pyaot:" in proc.stderr
    bad = pyaot_cli("build", project, "--wheel", "-C", "target-cpus=host", "-o", tmp_path / "bad")
    assert bad.returncode == 1 and "target-cpus" in bad.stderr
    assert "Traceback" not in bad.stderr


def test_build_without_pyproject_exits_1(tmp_path):
    proc = failed(pyaot_cli("build", tmp_path))
    assert "no pyproject.toml" in proc.stderr


def test_build_reports_a_compile_error(tmp_path):
    project = copy_project("flat-project", tmp_path)
    source = project / "pyaot_example_flat" / "_fast.py"
    source.write_text(source.read_text() + "\n@cc.export('broken', 'f8(f8)')\ndef broken(x):\n    return [x]\n")
    proc = failed(pyaot_cli("build", project, "--wheel"))
    assert "_fast.py:" in proc.stderr and "error[" in proc.stderr, proc.stderr


def test_config_settings_parsing():
    from pyaot.cli import _config_settings

    assert _config_settings([]) is None
    assert _config_settings(["a=1", "b=", "a=2", "c=x=y"]) == {"a": ["1", "2"], "b": "", "c": "x=y"}

