"""The example projects' source modules: plain Python when not compiled, and the same results when
compiled (`pyaot compile` into a copy of the tree, then imported in a subprocess).

Packaging the examples (wheels, sdists, pip, conda) is tested in test_packaging.py and
test_setuptools.py; this file checks the code in them.
"""

import shutil
import textwrap

import pytest

from conftest import EXT_SUFFIX, REPO, run_python

EXAMPLES = REPO / "examples"

# (project, folder on sys.path, source modules relative to it)
PROJECTS = {
    "src-project": ("src", ["pyaot_example_src/_kernels.py", "pyaot_example_src/_scalars.py"]),
    "flat-project": (".", ["pyaot_example_flat/_fast.py"]),
    "setup-project": (".", ["pyaot_setup_example/_compile.py"]),
}

# Calls each compiled function and its plain twin on the same inputs and checks they agree.
COMPARE = {
    "src-project": """
        import numpy as np
        from pyaot_example_src import kernels, scalars, _kernels, _scalars, util
        x = np.linspace(-2.0, 5.0, 11)
        for w in (1, 3, 11):
            assert np.array_equal(kernels.moving_average(x, w), _kernels.moving_average(x, w))
        for bad in (0, 12):
            for f in (kernels.moving_average, _kernels.moving_average):
                try:
                    f(x, bad)
                except ValueError:
                    pass
                else:
                    raise AssertionError(f"{f} accepted window {bad}")
        assert kernels.mean_and_std(x) == tuple(float(v) for v in _kernels.mean_and_std(x))
        a, b = x.copy(), x.copy()
        kernels.scale_inplace(a, -1.5)
        _kernels.scale_inplace(b, -1.5)
        assert np.array_equal(a, b)
        for args in [(0.5, 0.0, 1.0), (-3.0, -1.0, 1.0), (9.0, 1.0, 2.0)]:
            assert scalars.clamp(*args) == _scalars.clamp(*args)
        assert [scalars.fib(n) for n in range(60)] == [_scalars.fib(n) for n in range(60)]
        assert scalars.rms(3.0, 4.0) == _scalars.rms(3.0, 4.0) == 5.0
        print(util.summary([1.0, 2.0, 3.0, 4.0]))
    """,
    "flat-project": """
        import numpy as np
        from pyaot_example_flat import fast, _fast
        a, b = np.linspace(0.0, 1.0, 7), np.linspace(2.0, -1.0, 7)
        assert fast.dot(a, b) == _fast.dot(a, b)
        assert [fast.count_primes(n) for n in range(50)] == [_fast.count_primes(n) for n in range(50)]
        print(fast.count_primes(100))
    """,
    "setup-project": """
        import numpy as np
        from pyaot_setup_example import geometry, _compile
        xs, ys = np.array([0.0, 1.0, -2.5]), np.array([3.0, 0.5, 2.0])
        assert geometry.path_length(xs, ys) == _compile.path_length(xs, ys)
        for a, b in [(12, 18), (-12, 18), (0, 5), (7, 0), (2**40, 2**20 * 3)]:
            assert geometry.gcd(a, b) == _compile.gcd(a, b)
        print(geometry.hypot(5.0, 12.0))
    """,
}

EXPECTED_OUTPUT = {
    "src-project": "{'mean': 2.5, 'std': 1.118033988749895, 'rms': 2.7386127875258306}",
    "flat-project": "25",
    "setup-project": "13.0",
}


def copy_example(name, tmp_path):
    dest = tmp_path / name
    shutil.copytree(
        EXAMPLES / name, dest, ignore=shutil.ignore_patterns("*.so", "__pycache__", "build", "dist")
    )
    return dest


@pytest.mark.parametrize("name", sorted(PROJECTS))
def test_sources_run_as_plain_python(name, tmp_path):
    project = copy_example(name, tmp_path)
    root, sources = PROJECTS[name]
    modules = [source.removesuffix(".py").replace("/", ".") for source in sources]
    code = "import importlib\n" + "".join(f"importlib.import_module({m!r})\n" for m in modules)
    # Running a source module as a script is how numba.pycc users compile; importing it must not.
    proc = run_python(["-c", code + "print('imported')"], cwd=project / root)
    assert proc.returncode == 0, proc.stderr
    assert not list(project.rglob(f"*{EXT_SUFFIX}"))


@pytest.mark.parametrize("name", sorted(PROJECTS))
def test_compiled_equals_plain(name, tmp_path):
    project = copy_example(name, tmp_path)
    root, sources = PROJECTS[name]
    for source in sources:
        proc = run_python(["-m", "pyaot", "compile", str(project / root / source)])
        assert proc.returncode == 0, proc.stderr
    proc = run_python(["-c", textwrap.dedent(COMPARE[name])], cwd=project / root)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert proc.stdout.strip() == EXPECTED_OUTPUT[name]


def test_src_project_command(tmp_path):
    project = copy_example("src-project", tmp_path)
    for source in PROJECTS["src-project"][1]:
        assert run_python(["-m", "pyaot", "compile", str(project / "src" / source)]).returncode == 0
    proc = run_python(["-m", "pyaot_example_src.cli", "1", "2", "3", "4", "--window", "3"], cwd=project / "src")
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.splitlines() == [
        "mean=2.5 std=1.11803 rms=2.73861",
        "smoothed: 2 3",
        "fib(4) = 3",
    ]
