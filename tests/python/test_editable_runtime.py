"""The run-time half of editable installs, ``pyaot._editable.install``, without pip.

A small src-layout project is made in a temporary folder and its module compiled once into a
separate build folder, as an editable wheel's build would. Each import then happens in a fresh
interpreter that calls ``install`` as the wheel's .pth file does.
"""

import hashlib
import json
import os
import subprocess
import sys
import textwrap
import time

import pytest

from conftest import EXT_SUFFIX, run_python

KERNELS = """\
from pyaot import CC

cc = CC('kernels')


@cc.export('twice', 'i8(i8)')
def twice(x):
    return 2 * x
"""

# Calls install() as the .pth file does, imports pkg.kernels ``IMPORTS`` times (forgetting it in
# between, as a second import in a fresh process would find it) and prints what it found.
DRIVER = """\
import importlib, json, sys
config = json.loads(sys.argv[1])
import pyaot._editable as e
e.install(config["root"], config["python_roots"], config["modules"], rebuild=config["rebuild"])
for _ in range(config.get("imports", 1)):
    sys.modules.pop("pkg.kernels", None)
    kernels = importlib.import_module("pkg.kernels")
calls = {name: getattr(kernels, name)(21) for name in config.get("call", ["twice"])}
import pkg
print(json.dumps({"file": kernels.__file__, "calls": calls, "pkg": pkg.__file__}))
"""


class Project:
    """A project with ``src/pkg/_kernels.py`` compiled to ``build/pkg/kernels<EXT_SUFFIX>``."""

    def __init__(self, root):
        self.root = root
        self.source = root / "src" / "pkg" / "_kernels.py"
        self.output = root / "build" / "pkg" / f"kernels{EXT_SUFFIX}"
        self.record = self.output.parent / "__pycache__" / f"kernels{EXT_SUFFIX}.pyaot-source-sha256"
        self.source.parent.mkdir(parents=True)
        (self.source.parent / "__init__.py").write_text("")
        self.source.write_text(KERNELS)
        (root / "driver.py").write_text(DRIVER)

    def module(self, exports=None):
        return {
            "fullname": "pkg.kernels",
            "source": str(self.source),
            "cc_name": "kernels",
            "exports": exports or [["twice", "twice", "i8(i8)", 7]],
            "output": str(self.output),
            "target_cpu": "",
        }

    def build(self):
        """Compiles the module and records its source hash, as the editable build does."""
        from pyaot import _editable, _native

        self.output.parent.mkdir(parents=True, exist_ok=True)
        data = self.source.read_bytes()
        _native.compile_module(
            "kernels", str(self.source), [tuple(e) for e in self.module()["exports"]],
            str(self.output), "", False,
        )
        _editable.record_source_hash(str(self.output), data)

    def edit(self, text):
        """Rewrites the source with a modification time clearly after the build's."""
        self.source.write_text(text)
        later = self.output.stat().st_mtime + 2 if self.output.exists() else time.time()
        os.utime(self.source, (later, later))

    def run(self, *, rebuild=None, imports=1, call=("twice",), exports=None, setting=True):
        config = {
            "root": str(self.root),
            "python_roots": [str(self.root / "src")],
            "modules": [self.module(exports)],
            "rebuild": setting,
            "imports": imports,
            "call": list(call),
        }
        env = dict(os.environ)
        env.pop("PYAOT_EDITABLE_REBUILD", None)
        if rebuild is not None:
            env["PYAOT_EDITABLE_REBUILD"] = rebuild
        # From another folder, so that only install() makes `pkg` importable.
        elsewhere = self.root / "elsewhere"
        elsewhere.mkdir(exist_ok=True)
        return subprocess.run(
            [sys.executable, str(self.root / "driver.py"), json.dumps(config)],
            cwd=elsewhere, env=env, capture_output=True, text=True, timeout=300,
        )


def result(proc):
    assert proc.returncode == 0, proc.stdout + proc.stderr
    return json.loads(proc.stdout.strip().splitlines()[-1])


@pytest.fixture
def project(tmp_path):
    built = Project(tmp_path / "proj")
    built.build()
    return built


REBUILT = "pyaot: rebuilding pkg.kernels (src/pkg/_kernels.py changed)"


def test_unchanged_source_loads_the_build(project):
    proc = project.run()
    found = result(proc)
    assert found["file"] == str(project.output)
    assert found["pkg"] == str(project.root / "src" / "pkg" / "__init__.py")
    assert found["calls"] == {"twice": 42}
    assert proc.stderr == ""


def test_changed_source_is_rebuilt_on_import(project):
    project.edit(KERNELS.replace("return 2 * x", "return 2 * x + 1"))
    proc = project.run()
    assert result(proc)["calls"] == {"twice": 43}
    assert proc.stderr.strip() == REBUILT
    # Rebuilt once: the next process finds it up to date.
    again = project.run()
    assert result(again)["calls"] == {"twice": 43}
    assert again.stderr == ""


def test_added_and_retyped_exports_are_rediscovered(project):
    project.edit(
        KERNELS.replace("'twice', 'i8(i8)'", "'twice', 'f8(f8)'")
        + "\n\n@cc.export('plus_one', 'i8(i8)')\ndef plus_one(x):\n    return x + 1\n"
    )
    proc = project.run(call=("twice", "plus_one"))
    found = result(proc)
    assert found["calls"] == {"twice": 42.0, "plus_one": 22}
    assert type(found["calls"]["twice"]) is float
    assert REBUILT in proc.stderr


def test_touched_but_identical_source_is_not_rebuilt(project):
    project.edit(KERNELS)
    before = project.output.stat().st_mtime_ns
    proc = project.run()
    assert result(proc)["calls"] == {"twice": 42}
    assert proc.stderr == ""
    assert project.output.stat().st_mtime_ns == before


def test_same_mtime_but_different_content_is_rebuilt(project):
    """The recorded hash catches an edit that the modification time misses."""
    stat = project.output.stat()
    project.source.write_text(KERNELS.replace("2 * x", "3 * x"))
    os.utime(project.source, ns=(stat.st_atime_ns, stat.st_mtime_ns - 10**9))
    proc = project.run()
    assert result(proc)["calls"] == {"twice": 63}
    assert REBUILT in proc.stderr


def test_without_a_hash_record_the_mtime_decides(project):
    os.remove(project.record)
    assert result(project.run())["calls"] == {"twice": 42}
    project.edit(KERNELS.replace("2 * x", "4 * x"))
    proc = project.run()
    assert result(proc)["calls"] == {"twice": 84}
    assert REBUILT in proc.stderr
    assert project.record.is_file()


def test_missing_build_is_built(tmp_path):
    project = Project(tmp_path / "proj")
    proc = project.run()
    assert result(proc)["calls"] == {"twice": 42}
    assert proc.stderr.strip() == "pyaot: building pkg.kernels from src/pkg/_kernels.py"
    assert project.output.is_file()


def test_exports_that_cannot_be_read_from_the_source_come_from_install(project):
    """A computed signature cannot be discovered statically; the recorded exports are used,
    with the function found by name since its line may have moved."""
    project.edit(
        "# a new first line moves the function down\n"
        + KERNELS.replace("from pyaot import CC\n", "from pyaot import CC\nSIG = 'i8(i8)'\n")
        .replace("'twice', 'i8(i8)'", "'twice', SIG")
        .replace("2 * x", "5 * x")
    )
    proc = project.run()
    assert result(proc)["calls"] == {"twice": 105}
    assert REBUILT in proc.stderr


def test_compile_error_on_rebuild_is_an_import_error(project):
    project.edit(KERNELS.replace("return 2 * x", "return 2 * x + 'a'"))
    proc = project.run()
    assert proc.returncode != 0
    assert "ImportError: pyaot: cannot rebuild pkg.kernels from src/pkg/_kernels.py" in proc.stderr
    assert "_kernels.py:8:" in proc.stderr and "error[" in proc.stderr, proc.stderr
    # The old build stays, and so does its record: fixing the source rebuilds again.
    project.edit(KERNELS.replace("return 2 * x", "return 2 * x + 2"))
    assert result(project.run())["calls"] == {"twice": 44}


def test_opt_out_loads_the_stale_build_and_warns_once(project):
    project.edit(KERNELS.replace("return 2 * x", "return 2 * x + 1"))
    proc = project.run(rebuild="0", imports=2)
    assert result(proc)["calls"] == {"twice": 42}
    warnings = [line for line in proc.stderr.splitlines() if "pyaot: warning" in line]
    assert len(warnings) == 1, proc.stderr
    assert "pkg.kernels is older than src/pkg/_kernels.py" in warnings[0]
    assert "PYAOT_EDITABLE_REBUILD=0" in warnings[0]
    assert "rebuilding" not in proc.stderr
    # Opting back in rebuilds.
    assert result(project.run(rebuild="1"))["calls"] == {"twice": 43}


def test_opt_out_without_a_build_fails_clearly(tmp_path):
    project = Project(tmp_path / "proj")
    proc = project.run(rebuild="0")
    assert proc.returncode != 0
    assert "pkg.kernels has not been compiled" in proc.stderr
    assert not project.output.exists()


INSTALL_TWICE = """\
import json, sys
config = json.loads(sys.argv[1])
import pyaot._editable as e
before = list(sys.path)
first = e.install(config["root"], config["python_roots"], config["modules"])
second = e.install(config["root"], config["python_roots"], [])
finders = [f for f in sys.meta_path if getattr(f, "_pyaot_editable_finder", False)]
print(json.dumps({
    "same": first is second,
    "finders": len(finders),
    "first_in_meta_path": sys.meta_path[0] is first,
    "added_paths": [p for p in sys.path if p not in before],
    "known": sorted(first.modules),
}))
"""


def test_install_is_idempotent(project):
    script = project.root / "twice.py"
    script.write_text(INSTALL_TWICE)
    config = {
        "root": str(project.root),
        "python_roots": [str(project.root / "src")],
        "modules": [project.module()],
    }
    proc = run_python([str(script), json.dumps(config)])
    assert result(proc) == {
        "same": True,
        "finders": 1,
        "first_in_meta_path": True,
        "added_paths": [str(project.root / "src")],
        "known": ["pkg.kernels"],
    }


def test_other_imports_are_left_alone(project):
    code = textwrap.dedent(
        f"""
        import sys, json
        import pyaot._editable as e
        e.install({str(project.root)!r}, [{str(project.root / 'src')!r}], [])
        import pkg, json as j
        try:
            import pkg.kernels
        except ModuleNotFoundError:
            print("not found")
        """
    )
    proc = run_python(["-c", code])
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == "not found"


def test_install_does_not_load_the_compiler(project):
    """install() runs at every interpreter start; the compiler loads only to rebuild."""
    code = textwrap.dedent(
        f"""
        import sys
        import pyaot._editable as e
        e.install({str(project.root)!r}, [{str(project.root / 'src')!r}], [])
        print(sorted(m for m in ('pyaot._native', 'pyaot.cc', 'hashlib') if m in sys.modules))
        """
    )
    proc = run_python(["-c", code])
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == "[]"


def test_project_setting_turns_rebuilding_off_and_the_variable_back_on(project):
    project.edit(KERNELS.replace("return 2 * x", "return 2 * x + 1"))
    proc = project.run(setting=False)
    assert result(proc)["calls"] == {"twice": 42}
    assert "editable-rebuild = false" in proc.stderr and "rebuilding" not in proc.stderr
    forced = project.run(setting=False, rebuild="1")
    assert result(forced)["calls"] == {"twice": 43}
    assert REBUILT in forced.stderr


def test_the_record_stays_out_of_the_source_listing(project):
    """Editable builds put extensions in the source tree; the record goes to __pycache__."""
    project.edit(KERNELS.replace("2 * x", "6 * x"))
    assert result(project.run())["calls"] == {"twice": 126}
    assert sorted(p.name for p in project.output.parent.iterdir()) == ["__pycache__", project.output.name]
    assert project.record.read_text().strip() == hashlib.sha256(project.source.read_bytes()).hexdigest()
