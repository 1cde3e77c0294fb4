"""numba's pycc documentation examples, verbatim but for ``from pyaot import CC``.

The standalone example is examples/seed/my_module.py; it is run as a script, as a user would,
and its extension is imported and called. The centdiff_1d example of the "Signature syntax"
section is checked against the plain Python function, with and without its return type.
"""

import inspect
import json
import shutil

import numpy as np
import pytest

from conftest import EXT_SUFFIX, REPO, load_extension, load_python_module, run_python, unique_name

SEED = REPO / "examples" / "seed"


def build_script(folder, script):
    """Runs ``folder/script`` from another working directory and returns its extension's path.

    Running it from elsewhere checks that the extension goes beside the script (CC's default
    output_dir), not into the working directory.
    """
    elsewhere = folder / "cwd"
    elsewhere.mkdir()
    proc = run_python([str(folder / script)], cwd=elsewhere)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert list(elsewhere.iterdir()) == []
    return folder


@pytest.fixture(scope="module")
def seed_folder(tmp_path_factory):
    folder = tmp_path_factory.mktemp("seed")
    shutil.copy(SEED / "my_module.py", folder)
    return build_script(folder, "my_module.py")


@pytest.fixture(scope="module")
def my_module(seed_folder):
    extension = seed_folder / ("my_module" + EXT_SUFFIX)
    assert extension.is_file(), sorted(p.name for p in seed_folder.iterdir())
    return load_extension("my_module", extension)


@pytest.fixture(scope="module")
def my_module_py(seed_folder):
    """The example as plain Python (running it as a module does not compile)."""
    return load_python_module(seed_folder / "my_module.py", unique_name("my_module_py"))


def test_documented_results(my_module):
    assert my_module.multi(3, 4) == 12
    assert type(my_module.multi(3, 4)) is int
    assert my_module.square(1.414) == 1.9993959999999997
    assert type(my_module.square(1.414)) is float


def test_multf_matches_python(my_module, my_module_py):
    for a, b in [(1.5, 2.25), (-3.0, 0.1), (1e300, 1e10), (0.1, 0.2), (3, 4)]:
        result = my_module.multf(a, b)
        assert type(result) is float
        assert result == my_module_py.mult(a, b)


def test_square_matches_python(my_module, my_module_py):
    for a in [1.414, -2.5, 0.1, 1e-200, 3]:
        assert my_module.square(a) == my_module_py.square(a)


def test_the_three_functions_and_nothing_else(my_module):
    public = sorted(name for name in vars(my_module) if not name.startswith("_"))
    assert public == ["multf", "multi", "square"]


def test_docstrings(my_module):
    assert my_module.multf.__doc__ == "multf(a: float64, b: float64) -> float64"
    assert my_module.multi.__doc__ == "multi(a: int32, b: int32) -> int32"
    assert my_module.square.__doc__ == "square(a: float64) -> float64"


def test_text_signature(my_module):
    assert str(inspect.signature(my_module.multf)) == "(a, b)"
    assert str(inspect.signature(my_module.square)) == "(a)"


def test_keyword_calls(my_module):
    assert my_module.multf(a=2.0, b=3.0) == 6.0
    assert my_module.multf(2.0, b=3.0) == 6.0
    assert my_module.multi(b=4, a=3) == 12
    assert my_module.square(a=3.0) == 9.0


def copy_extension_alone(seed_folder, tmp_path):
    """The extension in a folder of its own, with no my_module.py beside it."""
    alone = tmp_path / "alone"
    alone.mkdir()
    shutil.copy(seed_folder / ("my_module" + EXT_SUFFIX), alone)
    return alone


def run_blocked(folder, blocked):
    """Imports my_module from ``folder`` in a fresh interpreter where ``blocked`` cannot be
    imported, and returns what the calls gave."""
    code = (
        "import json, sys\n"
        f"for name in {blocked!r}:\n"
        "    sys.modules[name] = None\n"
        f"sys.path.insert(0, {str(folder)!r})\n"
        "import my_module\n"
        "print(json.dumps([my_module.__file__, my_module.multi(3, 4), my_module.square(1.414),"
        " my_module.multf(1.5, 2.0)]))\n"
    )
    proc = run_python(["-I", "-c", code], cwd=folder)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    return json.loads(proc.stdout.strip().splitlines()[-1])


def test_runs_without_pyaot_or_numba(seed_folder, tmp_path):
    alone = copy_extension_alone(seed_folder, tmp_path)
    file, multi, square, multf = run_blocked(alone, ["pyaot", "numba"])
    assert file.endswith(EXT_SUFFIX)
    assert (multi, square, multf) == (12, 1.9993959999999997, 3.0)


def test_scalar_only_module_imports_without_numpy(seed_folder, tmp_path):
    alone = copy_extension_alone(seed_folder, tmp_path)
    file, multi, square, multf = run_blocked(alone, ["pyaot", "numba", "numpy"])
    assert (multi, square, multf) == (12, 1.9993959999999997, 3.0)


def test_run_seed_script(tmp_path):
    for script in SEED.glob("*.py"):
        shutil.copy(script, tmp_path)
    proc = run_python([str(tmp_path / "run_seed.py")], cwd=tmp_path)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "my_module.multi(3, 4) = 12" in proc.stdout
    assert "my_module.square(1.414) = 1.9993959999999997" in proc.stdout
    assert proc.stdout.rstrip().endswith("ok")


# The "Signature syntax" example of the same documentation page.
CENTDIFF = """\
import numpy as np
from pyaot import CC

cc = CC({name!r})

@cc.export('centdiff_1d', {signature!r})
def centdiff_1d(u, dx):
    D = np.empty_like(u)
    D[0] = 0
    D[-1] = 0
    for i in range(1, len(D) - 1):
        D[i] = (u[i+1] - 2 * u[i] + u[i-1]) / dx**2
    return D

if __name__ == "__main__":
    cc.compile()
"""


@pytest.mark.parametrize(
    "signature", ["f8[:](f8[:], f8)", "(f8[:], f8)"], ids=["declared", "inferred-return"]
)
def test_centdiff_1d(tmp_path, signature):
    name = unique_name("centdiff")
    (tmp_path / "centdiff.py").write_text(CENTDIFF.format(name=name, signature=signature))
    build_script(tmp_path, "centdiff.py")
    compiled = load_extension(name, tmp_path / (name + EXT_SUFFIX))
    plain = load_python_module(tmp_path / "centdiff.py", unique_name("centdiff_py"))

    rng = np.random.default_rng(20240601)
    for size, dx in [(100, 0.1), (3, 0.5), (1000, 1e-3)]:
        u = rng.random(size)
        before = u.copy()
        got = compiled.centdiff_1d(u, dx)
        want = plain.centdiff_1d(u, dx)
        assert isinstance(got, np.ndarray)
        assert got.dtype == np.float64 and got.shape == (size,)
        np.testing.assert_array_equal(got, want)
        np.testing.assert_array_equal(u, before)
    # The result is a new array each time, not the input or a shared buffer.
    u = rng.random(10)
    first, second = compiled.centdiff_1d(u, 0.1), compiled.centdiff_1d(u, 0.1)
    assert first is not u and first is not second
    assert not np.shares_memory(first, u) and not np.shares_memory(first, second)
