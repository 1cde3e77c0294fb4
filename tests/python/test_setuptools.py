"""setuptools integration: ``cc.distutils_extension()`` in a setup.py, as numba.pycc documents it.

examples/setup-project is copied to a temporary folder and built with ``python setup.py
build_ext --inplace`` (this venv's setuptools), with ``pip wheel`` in an isolated, offline build
environment (the newest setuptools, pyaot from this checkout) and with ``python -m build``. The
compiled module is imported and called in a subprocess and compared with the plain functions.
"""

import os
import shutil
import subprocess
import sys
import textwrap
import time
import zipfile
from pathlib import Path

import pytest

from conftest import EXT_SUFFIX, REPO, run_python

SETUP_PROJECT = REPO / "examples" / "setup-project"
PACKAGE = "pyaot_setup_example"

# Imports the compiled module and the plain one, and checks that they agree.
PROBE = textwrap.dedent(
    """
    import numpy as np
    from pyaot_setup_example import geometry, _compile
    assert geometry.__file__.endswith({suffix!r}), geometry.__file__
    xs, ys = np.array([0.0, 3.0, 3.0, -1.0]), np.array([0.0, 4.0, 8.0, 5.0])
    assert geometry.hypot(3.0, 4.0) == _compile.hypot(3.0, 4.0) == 5.0
    assert geometry.path_length(xs, ys) == _compile.path_length(xs, ys)
    assert geometry.gcd(12, -18) == _compile.gcd(12, -18) == 6
    print("ok", geometry.path_length(xs, ys))
    """
).format(suffix=EXT_SUFFIX)


def copy_setup_project(tmp_path):
    dest = tmp_path / "setup-project"
    shutil.copytree(
        SETUP_PROJECT,
        dest,
        ignore=shutil.ignore_patterns("*.so", "__pycache__", "build", "dist", "*.egg-info"),
    )
    return dest


def setup_py(project, *args):
    return run_python(["setup.py", *args], cwd=project)


def built_extension(project):
    return project / PACKAGE / f"geometry{EXT_SUFFIX}"


def check(proc):
    assert proc.returncode == 0, proc.stdout + proc.stderr
    return proc


@pytest.fixture
def project(tmp_path):
    return copy_setup_project(tmp_path)


def test_build_ext_inplace(project):
    proc = check(setup_py(project, "build_ext", "--inplace"))
    assert f"building '{PACKAGE}.geometry' pyaot extension" in proc.stdout + proc.stderr
    assert built_extension(project).is_file()
    probe = check(run_python(["-c", PROBE], cwd=project))
    assert probe.stdout.startswith("ok 14.0")


def test_build_ext_skips_an_up_to_date_extension_and_rebuilds_a_changed_one(project):
    check(setup_py(project, "build_ext", "--inplace"))
    first = built_extension(project).stat().st_mtime_ns

    again = check(setup_py(project, "build_ext", "--inplace"))
    assert "up-to-date" in again.stdout + again.stderr
    assert built_extension(project).stat().st_mtime_ns == first

    forced = check(setup_py(project, "build_ext", "--inplace", "--force"))
    assert "pyaot extension ->" in forced.stdout + forced.stderr

    # distutils copies the built module in place only if it is newer in whole seconds.
    time.sleep(1.1)
    source = project / PACKAGE / "_compile.py"
    source.write_text(source.read_text().replace("return abs(a)", "return abs(a) + 1000"))
    check(setup_py(project, "build_ext", "--inplace"))
    changed = check(
        run_python(["-c", "from pyaot_setup_example import geometry; print(geometry.gcd(4, 6))"],
                   cwd=project)
    )
    assert changed.stdout.strip() == "1002"


def test_verbose_shows_the_compile_steps(project):
    quiet = check(setup_py(project, "build_ext", "--inplace"))
    assert "pyaot: link" not in quiet.stderr
    loud = check(setup_py(project, "-v", "build_ext", "--inplace", "--force"))
    assert "pyaot: parse" in loud.stderr and "pyaot: link" in loud.stderr, loud.stderr


def test_build_without_inplace_goes_to_build_lib(project):
    check(setup_py(project, "build_ext", "--build-lib", "out"))
    assert (project / "out" / PACKAGE / f"geometry{EXT_SUFFIX}").is_file()
    assert not built_extension(project).exists()


def test_compile_error_is_reported_without_traceback(project):
    source = project / PACKAGE / "_compile.py"
    source.write_text(source.read_text() + "\n\n@cc.export('bad', 'f8(f8)')\ndef bad(x):\n    return x + 'a'\n")
    proc = setup_py(project, "build_ext", "--inplace")
    assert proc.returncode != 0
    assert f"pyaot could not compile '{PACKAGE}.geometry'" in proc.stderr, proc.stderr
    assert "_compile.py:" in proc.stderr and "error[" in proc.stderr
    assert "Traceback" not in proc.stderr
    assert not built_extension(project).exists()


EXTENSION_PROBE = textwrap.dedent(
    """
    import os, sys
    sys.path.insert(0, os.getcwd())
    import setuptools
    from setuptools.command import build_ext
    original = build_ext.build_ext.build_extension
    from pyaot_setup_example._compile import cc
    from pyaot.setuptools_ext import PyaotExtension, install_build_ext_hook

    ext = cc.distutils_extension(depends=["extra.h"], macros=[("A", "1")], optional=True)
    assert isinstance(ext, PyaotExtension) and isinstance(ext, setuptools.Extension)
    assert ext.name == "pyaot_setup_example.geometry", ext.name
    assert ext.sources == ["pyaot_setup_example/_compile.py"], ext.sources
    assert ext.depends == ["extra.h", "pyaot_setup_example/_compile.py"], ext.depends
    assert ext.define_macros == [("A", "1")] and ext.optional is True
    assert ext._cc is cc

    # The hook wraps build_extension once, however many extensions are made.
    hooked = build_ext.build_ext.build_extension
    assert hooked is not original and hooked.__wrapped__ is original
    cc.distutils_extension()
    install_build_ext_hook()
    assert build_ext.build_ext.build_extension is hooked
    print("ok")
    """
)


def test_distutils_extension_object(project):
    proc = check(run_python(["-c", EXTENSION_PROBE], cwd=project))
    assert proc.stdout.strip() == "ok"


def test_a_top_level_module_is_named_after_the_cc_alone(tmp_path):
    (tmp_path / "kern.py").write_text(
        "from pyaot import CC\ncc = CC('kern_ext')\n\n@cc.export('f', 'i8(i8)')\n"
        "def f(x):\n    return x * 3\n"
    )
    (tmp_path / "setup.py").write_text(
        "import sys, os\nsys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))\n"
        "from setuptools import setup\nfrom kern import cc\n"
        "setup(name='kern', version='1.0', py_modules=['kern'], "
        "ext_modules=[cc.distutils_extension()])\n"
    )
    check(run_python(["setup.py", "build_ext", "--inplace"], cwd=tmp_path))
    assert (tmp_path / f"kern_ext{EXT_SUFFIX}").is_file()
    proc = check(run_python(["-c", "import kern_ext; print(kern_ext.f(14))"], cwd=tmp_path))
    assert proc.stdout.strip() == "42"


def test_other_extensions_still_build_with_the_c_compiler(project):
    """The hook hands every extension that is not pyaot's to setuptools' own build_extension."""
    (project / "cmod.c").write_text(
        textwrap.dedent(
            """
            #include <Python.h>
            static PyObject *seven(PyObject *self, PyObject *args) { return PyLong_FromLong(7); }
            static PyMethodDef methods[] = {{"seven", seven, METH_NOARGS, NULL}, {NULL}};
            static struct PyModuleDef def = {PyModuleDef_HEAD_INIT, "cmod", NULL, -1, methods};
            PyMODINIT_FUNC PyInit_cmod(void) { return PyModule_Create(&def); }
            """
        )
    )
    setup = (project / "setup.py").read_text()
    setup = setup.replace(
        "from setuptools import setup", "from setuptools import Extension, setup"
    ).replace(
        "ext_modules=[cc.distutils_extension()]",
        "ext_modules=[Extension('pyaot_setup_example.cmod', ['cmod.c']), cc.distutils_extension()]",
    )
    (project / "setup.py").write_text(setup)
    check(setup_py(project, "build_ext", "--inplace"))
    proc = check(
        run_python(
            ["-c", "from pyaot_setup_example import cmod, geometry; print(cmod.seven(), geometry.gcd(14, 21))"],
            cwd=project,
        )
    )
    assert proc.stdout.split() == ["7", "7"]


# --- pip and python -m build, isolated and offline -------------------------------------------------


def offline_env(wheelhouse):
    env = dict(os.environ)
    env.update(PIP_NO_INDEX="1", PIP_FIND_LINKS=str(wheelhouse), PIP_DISABLE_PIP_VERSION_CHECK="1")
    env.pop("PYTHONPATH", None)
    return env


INSTALLED_PROBE = textwrap.dedent(
    """
    import sys
    sys.modules["pyaot"] = None  # the compiled module must not need pyaot
    import numpy as np
    from pyaot_setup_example import geometry
    xs, ys = np.array([0.0, 3.0, 3.0, -1.0]), np.array([0.0, 4.0, 8.0, 5.0])
    print(geometry.hypot(3.0, 4.0), geometry.path_length(xs, ys), geometry.gcd(12, -18))
    """
)


def check_wheel(wheel, tmp_path):
    names = set(zipfile.ZipFile(wheel).namelist())
    assert f"{PACKAGE}/geometry{EXT_SUFFIX}" in names, sorted(names)
    assert f"{PACKAGE}/_compile.py" in names and f"{PACKAGE}/__init__.py" in names
    # Installed by unpacking, the wheel works without pyaot.
    site = tmp_path / "site"
    with zipfile.ZipFile(wheel) as archive:
        archive.extractall(site)
    env = dict(os.environ, PYTHONPATH=str(site))
    proc = subprocess.run(
        [sys.executable, "-c", INSTALLED_PROBE], cwd=tmp_path, env=env, capture_output=True, text=True
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert proc.stdout.strip() == "5.0 14.0 6"


def test_pip_wheel_with_build_isolation(project, tmp_path, pyaot_wheelhouse):
    out = tmp_path / "wheels"
    proc = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-w", str(out), str(project)],
        env=offline_env(pyaot_wheelhouse),
        capture_output=True,
        text=True,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    (wheel,) = out.glob("*.whl")
    check_wheel(wheel, tmp_path)


def test_python_m_build_sdist_then_wheel(project, tmp_path, pyaot_wheelhouse):
    out = tmp_path / "dist"
    proc = subprocess.run(
        [sys.executable, "-m", "build", "--outdir", str(out), str(project)],
        env=offline_env(pyaot_wheelhouse),
        capture_output=True,
        text=True,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    (sdist,) = out.glob("*.tar.gz")
    import tarfile

    with tarfile.open(sdist) as archive:
        members = {name.split("/", 1)[1] for name in archive.getnames() if "/" in name}
    assert {"setup.py", "pyproject.toml", f"{PACKAGE}/_compile.py"} <= members, sorted(members)
    (wheel,) = out.glob("*.whl")
    check_wheel(wheel, tmp_path)
