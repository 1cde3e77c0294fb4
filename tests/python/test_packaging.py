"""pyaot as a PEP 517 build backend, end to end like maturin's test-crates: the example projects
are built with pip, `python -m build` (sdist, then the wheel from the sdist), uv and
`pip install -e .`, installed into fresh venvs, imported and called; the wheels pass the standard
validators and are identical byte for byte when built twice.

Everything runs offline: isolated builds install pyaot (and, for setup.py projects, setuptools)
from a local wheelhouse built once per session (see conftest.py `pyaot_wheelhouse`).
"""

import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import sysconfig
import textwrap
import zipfile
from pathlib import Path

import pytest

from conftest import REPO

EXT_SUFFIX = sysconfig.get_config_var("EXT_SUFFIX")
VENV_BIN = Path(sys.executable).parent


def offline_env(wheelhouse, **extra):
    env = dict(os.environ)
    env.update(
        PIP_NO_INDEX="1",
        PIP_FIND_LINKS=str(wheelhouse),
        PIP_DISABLE_PIP_VERSION_CHECK="1",
        SOURCE_DATE_EPOCH="1700000000",
    )
    env.pop("PYTHONPATH", None)
    env.update(extra)
    return env


def run(args, *, cwd=None, env=None, check=True, timeout=600):
    proc = subprocess.run([str(a) for a in args], cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout)
    if check and proc.returncode != 0:
        raise AssertionError(f"{args} failed ({proc.returncode}):\n{proc.stdout}\n{proc.stderr}")
    return proc


def copy_project(name, tmp_path):
    dest = tmp_path / name
    shutil.copytree(REPO / "examples" / name, dest, ignore=shutil.ignore_patterns("*.so", "__pycache__", "build", "dist"))
    return dest


def pip_wheel(project, out, wheelhouse, *options, check=True):
    return run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-w", out, *options, project],
        env=offline_env(wheelhouse),
        check=check,
    )


def only_wheel(folder):
    wheels = sorted(Path(folder).glob("*.whl"))
    assert len(wheels) == 1, wheels
    return wheels[0]


def sha256(path):
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


@pytest.fixture(scope="module")
def fresh_venv(tmp_path_factory, pyaot_wheelhouse):
    """A new venv with numpy from the wheelhouse (and nothing else): where wheels get installed."""
    path = tmp_path_factory.mktemp("venv") / "env"
    run([sys.executable, "-m", "venv", path])
    python = path / "bin" / "python"
    run([python, "-m", "pip", "install", "-q", "numpy"], env=offline_env(pyaot_wheelhouse))
    return python


@pytest.fixture(scope="module")
def src_wheel(tmp_path_factory, pyaot_wheelhouse):
    tmp = tmp_path_factory.mktemp("src-wheel")
    project = copy_project("src-project", tmp)
    pip_wheel(project, tmp / "out", pyaot_wheelhouse)
    return project, only_wheel(tmp / "out")


def test_src_layout_wheel_contents(src_wheel):
    _, wheel = src_wheel
    assert re.fullmatch(r"pyaot_example_src-[\w.]+-cp3\d+-cp3\d+-manylinux_2_\d+_x86_64(\.manylinux\w+_x86_64)?\.whl", wheel.name), wheel.name
    names = set(zipfile.ZipFile(wheel).namelist())
    dist_info = next(n.split("/")[0] for n in names if n.endswith(".dist-info/METADATA"))
    expected = {
        f"pyaot_example_src/kernels{EXT_SUFFIX}",
        f"pyaot_example_src/scalars{EXT_SUFFIX}",
        "pyaot_example_src/__init__.py",
        "pyaot_example_src/util.py",
        f"{dist_info}/METADATA",
        f"{dist_info}/WHEEL",
        f"{dist_info}/RECORD",
        f"{dist_info}/entry_points.txt",
        f"{dist_info}/licenses/LICENSE",
    }
    assert expected <= names, sorted(expected - names)
    assert not any("__pycache__" in n or n.endswith(".pyc") for n in names)
    wheel_text = zipfile.ZipFile(wheel).read(f"{dist_info}/WHEEL").decode()
    assert "Root-Is-Purelib: false" in wheel_text
    metadata = zipfile.ZipFile(wheel).read(f"{dist_info}/METADATA").decode()
    assert "Name: pyaot-example-src" in metadata and "License-Expression: MIT" in metadata


def test_src_layout_wheel_installs_and_runs(src_wheel, fresh_venv):
    _, wheel = src_wheel
    run([fresh_venv, "-m", "pip", "install", "-q", "--no-deps", "--force-reinstall", wheel])
    probe = textwrap.dedent(
        """
        import sys
        sys.modules['pyaot'] = None   # the installed modules must not need pyaot
        import pyaot_example_src, pyaot_example_src.kernels as k, pyaot_example_src.scalars as s
        print(pyaot_example_src.__version__, k.__file__.endswith('.so'), s.__file__.endswith('.so'))
        """
    )
    out = run([fresh_venv, "-c", probe]).stdout.split()
    assert out[1:] == ["True", "True"], out


def test_wheels_pass_the_validators(src_wheel, tmp_path):
    project, wheel = src_wheel
    run([sys.executable, "-m", "installer", "--destdir", tmp_path / "root", "--validate-record", "all", wheel])
    run([VENV_BIN / "check-wheel-contents", wheel])
    run([VENV_BIN / "twine", "check", "--strict", wheel])
    run([VENV_BIN / "validate-pyproject", project / "pyproject.toml"])
    shown = run([VENV_BIN / "auditwheel", "show", wheel]).stdout
    platform = wheel.name.rsplit("-", 1)[1].removesuffix(".whl").split(".")[0]
    assert platform in shown.replace("\n", " "), shown


def test_two_builds_are_identical(src_wheel, tmp_path, pyaot_wheelhouse):
    project, wheel = src_wheel
    pip_wheel(project, tmp_path / "again", pyaot_wheelhouse)
    assert sha256(only_wheel(tmp_path / "again")) == sha256(wheel)


def test_build_sdist_then_wheel_from_sdist_equals_wheel_from_tree(src_wheel, tmp_path, pyaot_wheelhouse):
    project, wheel = src_wheel
    run([sys.executable, "-m", "build", "--outdir", tmp_path / "dist", project], env=offline_env(pyaot_wheelhouse))
    sdists = list((tmp_path / "dist").glob("*.tar.gz"))
    assert [s.name for s in sdists] == [wheel.name.split("-")[0] + "-" + wheel.name.split("-")[1] + ".tar.gz"]
    built = only_wheel(tmp_path / "dist")
    assert sha256(built) == sha256(wheel)
    run([VENV_BIN / "twine", "check", "--strict", sdists[0]])
    # A second sdist is identical too.
    run([sys.executable, "-m", "build", "--sdist", "--outdir", tmp_path / "dist2", project], env=offline_env(pyaot_wheelhouse))
    assert sha256(next((tmp_path / "dist2").glob("*.tar.gz"))) == sha256(sdists[0])


def test_uv_build(src_wheel, tmp_path, pyaot_wheelhouse):
    project, wheel = src_wheel
    run(
        [VENV_BIN / "uv", "build", "--no-index", "--find-links", pyaot_wheelhouse, "--out-dir", tmp_path / "uv", project],
        env=offline_env(pyaot_wheelhouse, UV_NO_CACHE="1"),
    )
    assert sha256(only_wheel(tmp_path / "uv")) == sha256(wheel)


def test_flat_project_builds_with_dynamic_version(tmp_path, pyaot_wheelhouse, fresh_venv):
    project = copy_project("flat-project", tmp_path)
    pip_wheel(project, tmp_path / "out", pyaot_wheelhouse)
    wheel = only_wheel(tmp_path / "out")
    assert wheel.name.startswith("pyaot_example_flat-0.3.0-"), wheel.name
    names = zipfile.ZipFile(wheel).namelist()
    assert f"pyaot_example_flat/fast{EXT_SUFFIX}" in names, names
    run([fresh_venv, "-m", "pip", "install", "-q", "--no-deps", "--force-reinstall", wheel])
    run([fresh_venv, "-c", "import pyaot_example_flat.fast as f; print(f.__doc__)"])


def test_config_settings_are_applied_and_checked(tmp_path, pyaot_wheelhouse):
    project = copy_project("flat-project", tmp_path)
    proc = pip_wheel(project, tmp_path / "v", pyaot_wheelhouse, "-v", "-C", "verbose=true", "-C", "target-cpu=host")
    log = proc.stdout + proc.stderr
    assert "pyaot: discover" in log and "pyaot: compile module" in log and "pyaot: pack wheel" in log, log
    bad = pip_wheel(project, tmp_path / "bad", pyaot_wheelhouse, "-C", "target-cpus=host", check=False)
    assert bad.returncode != 0
    assert "target-cpus" in bad.stderr + bad.stdout and "did you mean" in bad.stderr + bad.stdout
    assert not list((tmp_path / "bad").glob("*")) if (tmp_path / "bad").exists() else True


BAD_PYPROJECTS = {
    "malformed": ('[project\nname = "x"\n', "pyproject.toml:1:"),
    "no-name": ('[build-system]\nrequires = ["pyaot"]\nbuild-backend = "pyaot.build"\n[project]\nversion = "1.0"\n', "name"),
    "bad-version": (
        '[build-system]\nrequires = ["pyaot"]\nbuild-backend = "pyaot.build"\n[project]\nname = "x"\nversion = "1.0.0-wat"\n',
        "pyproject.toml:6:",
    ),
    "bad-requirement": (
        '[build-system]\nrequires = ["pyaot"]\nbuild-backend = "pyaot.build"\n'
        '[project]\nname = "x"\nversion = "1.0"\ndependencies = ["numpy >>= 1"]\n',
        "pyproject.toml:7:",
    ),
    "unknown-tool-key": (
        '[build-system]\nrequires = ["pyaot"]\nbuild-backend = "pyaot.build"\n'
        '[project]\nname = "x"\nversion = "1.0"\n[tool.pyaot]\ntarget_cpu = "host"\n',
        "pyproject.toml:8:",
    ),
    "missing-module": (
        '[build-system]\nrequires = ["pyaot"]\nbuild-backend = "pyaot.build"\n'
        '[project]\nname = "x"\nversion = "1.0"\n[tool.pyaot]\nmodules = ["x/_nope.py"]\n',
        "_nope.py",
    ),
}


@pytest.mark.parametrize("case", sorted(BAD_PYPROJECTS))
def test_bad_projects_fail_clearly_and_leave_nothing(case, tmp_path, pyaot_wheelhouse):
    text, expected = BAD_PYPROJECTS[case]
    project = tmp_path / "proj"
    (project / "x").mkdir(parents=True)
    (project / "x" / "__init__.py").write_text("")
    (project / "pyproject.toml").write_text(text)
    out = tmp_path / "out"
    out.mkdir()
    # The hook itself, as every frontend calls it: one clear message, exit status 1.
    hook = run([sys.executable, "-c", f"import pyaot.build as b; b.build_wheel({str(out)!r})"], cwd=project, check=False)
    assert hook.returncode == 1, hook.stderr
    assert expected in hook.stderr, hook.stderr
    assert "Traceback" not in hook.stderr
    assert list(out.iterdir()) == []
    if case == "malformed":
        return  # pip parses pyproject.toml itself before it calls any backend
    proc = pip_wheel(project, out, pyaot_wheelhouse, check=False)
    assert proc.returncode != 0
    assert expected in proc.stdout + proc.stderr, proc.stdout + proc.stderr
    assert list(out.iterdir()) == []


def test_compile_error_in_user_code_comes_through_pip(tmp_path, pyaot_wheelhouse):
    project = copy_project("flat-project", tmp_path)
    source = project / "pyaot_example_flat" / "_fast.py"
    source.write_text(source.read_text() + "\n@cc.export('broken', 'f8(f8)')\ndef broken(x):\n    return [x]\n")
    out = tmp_path / "out"
    out.mkdir()
    proc = pip_wheel(project, out, pyaot_wheelhouse, check=False)
    log = proc.stdout + proc.stderr
    assert proc.returncode != 0
    assert re.search(r"_fast\.py:\d+:\d+: error\[unsupported-type\]", log), log
    assert list(out.iterdir()) == []


def test_editable_install_rebuilds_on_import(tmp_path, pyaot_wheelhouse):
    env_dir = tmp_path / "env"
    run([sys.executable, "-m", "venv", env_dir])
    python = env_dir / "bin" / "python"
    env = offline_env(pyaot_wheelhouse)
    run([python, "-m", "pip", "install", "-q", "pyaot", "numpy"], env=env)
    project = copy_project("flat-project", tmp_path)
    run([python, "-m", "pip", "install", "-q", "--no-deps", "-e", project], env=env)
    first = run([python, "-c", "import pyaot_example_flat, pyaot_example_flat.fast as f; print(f.__file__)"], env=env)
    assert str(project) in first.stdout
    source = project / "pyaot_example_flat" / "_fast.py"
    source.write_text(source.read_text() + "\n@cc.export('added_later', 'i8(i8)')\ndef added_later(n):\n    return n + 41\n")
    second = run([python, "-c", "import pyaot_example_flat.fast as f; print(f.added_later(1))"], env=env)
    assert second.stdout.strip() == "42"
    assert "rebuilding pyaot_example_flat.fast" in second.stderr, second.stderr
    third = run([python, "-c", "import pyaot_example_flat.fast as f; print(f.added_later(1))"], env=env)
    assert "rebuilding" not in third.stderr


def test_conda_build_environment_without_isolation(tmp_path, pyaot_wheelhouse):
    """conda-build runs `{{ PYTHON }} -m pip install . -vv --no-deps --no-build-isolation` with
    these variables set, offline, with its own $CC and $LDFLAGS."""
    env_dir = tmp_path / "env"
    run([sys.executable, "-m", "venv", env_dir])
    python = env_dir / "bin" / "python"
    run([python, "-m", "pip", "install", "-q", "pyaot", "numpy"], env=offline_env(pyaot_wheelhouse))
    project = copy_project("src-project", tmp_path)
    marker = tmp_path / "cc-log"
    wrapper = tmp_path / "conda-cc"
    wrapper.write_text(f'#!/bin/sh\necho "$@" >> {marker}\nexec cc "$@"\n')
    wrapper.chmod(0o755)
    env = offline_env(
        pyaot_wheelhouse,
        PIP_NO_BUILD_ISOLATION="False",
        PIP_NO_DEPENDENCIES="1",
        PIP_IGNORE_INSTALLED="1",
        CC=str(wrapper),
        LDFLAGS="-Wl,-O2 -Wl,--as-needed",
    )
    run([python, "-m", "pip", "install", ".", "-vv", "--no-deps", "--no-build-isolation"], cwd=project, env=env)
    assert "-shared" in marker.read_text()
    site = Path(run([python, "-c", "import pyaot_example_src, os; print(os.path.dirname(pyaot_example_src.__file__))"]).stdout.strip())
    for so in site.glob(f"*{EXT_SUFFIX}"):
        data = so.read_bytes()
        assert str(project).encode() not in data and str(tmp_path).encode() not in data, so
        dynamic = run(["readelf", "-d", so]).stdout
        assert "RPATH" not in dynamic and "RUNPATH" not in dynamic


PROBES = {
    "src-project": "import pyaot_example_src.kernels as k, pyaot_example_src.scalars as s; print(k.__file__)",
    "flat-project": "import pyaot_example_flat.fast as f; print(f.__file__)",
    "setup-project": "import pyaot_setup_example.geometry as g; print(g.__file__, g.gcd(12, 18))",
}


@pytest.fixture(scope="module")
def build_venv(tmp_path_factory, pyaot_wheelhouse):
    """A venv with pyaot and numpy installed, for editable installs (which need pyaot at run time)."""
    path = tmp_path_factory.mktemp("editable-venv") / "env"
    run([sys.executable, "-m", "venv", path])
    python = path / "bin" / "python"
    run([python, "-m", "pip", "install", "-q", "pyaot", "numpy"], env=offline_env(pyaot_wheelhouse))
    return python


@pytest.mark.parametrize("frontend", ["pip-install", "build", "uv", "editable"])
@pytest.mark.parametrize("example", sorted(PROBES))
def test_every_example_with_every_frontend(example, frontend, tmp_path, pyaot_wheelhouse, fresh_venv, build_venv):
    """Each example project is built by each frontend, installed, imported and called."""
    project = copy_project(example, tmp_path)
    env = offline_env(pyaot_wheelhouse)
    if frontend == "editable":
        run([build_venv, "-m", "pip", "install", "-q", "--no-deps", "-e", project], env=env)
        out = run([build_venv, "-c", PROBES[example]], env=env, cwd=tmp_path).stdout
        assert str(project) in out, out  # imported from the tree
        run([build_venv, "-m", "pip", "uninstall", "-y", "-q", example.replace("-project", "")], env=env, check=False)
        return
    if frontend == "pip-install":
        run([fresh_venv, "-m", "pip", "install", "-q", "--no-deps", "--force-reinstall", project], env=env)
    else:
        dist = tmp_path / "dist"
        if frontend == "build":
            run([sys.executable, "-m", "build", "--outdir", dist, project], env=env)
            assert len(list(dist.glob("*.tar.gz"))) == 1
        else:
            run(
                [VENV_BIN / "uv", "build", "--no-index", "--find-links", pyaot_wheelhouse, "--out-dir", dist, project],
                env=offline_env(pyaot_wheelhouse, UV_NO_CACHE="1"),
            )
        wheel = only_wheel(dist)
        run([VENV_BIN / "check-wheel-contents", wheel])
        run([VENV_BIN / "twine", "check", "--strict", wheel])
        run([fresh_venv, "-m", "pip", "install", "-q", "--no-deps", "--force-reinstall", wheel], env=env)
    out = run([fresh_venv, "-c", PROBES[example]], env=env, cwd=tmp_path).stdout
    assert EXT_SUFFIX in out and str(project) not in out, out
