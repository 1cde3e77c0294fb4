"""Properties of the generated extension module itself: what it links against, how it honours
the toolchain's environment variables, reference counting of arrays, and memory that stays flat."""

import json
import os
import stat
import subprocess
import sys
import textwrap

import pytest

from conftest import REPO, compile_source_text, run_python

ARRAYS = """
import numpy as np

def ident(u):
    return u

def pair(u):
    v = np.zeros_like(u)
    w = v
    v = u
    return (v, w)

def temps(n):
    a = np.ones(n)
    b = np.zeros((n, 2))
    a = np.empty(n)
    s = 0.0
    for i in range(n):
        a[i] = i
        s += a[i] + b[i, 1]
    return s + np.ones(3)[0]

def fails(u, d):
    t = np.empty_like(u)
    t[0] = u[0] / d
    return t[0]
"""

ARRAY_EXPORTS = [
    ("ident", "f8[:](f8[:])"),
    ("pair", "Tuple((f8[:], f8[:]))(f8[:])"),
    ("temps", "f8(i8)"),
    ("fails", "f8(f8[:], f8)"),
]


def needed_libraries(path):
    out = subprocess.run(["readelf", "-d", str(path)], capture_output=True, text=True, check=True).stdout
    return sorted(line.split("[")[1].split("]")[0] for line in out.splitlines() if "(NEEDED)" in line)


def test_module_needs_only_libc_and_libm(tmp_path):
    mod = compile_source_text(tmp_path, ARRAYS, ARRAY_EXPORTS)
    libs = needed_libraries(mod.__file__)
    assert set(libs) <= {"libc.so.6", "libm.so.6"}, libs
    out = subprocess.run(["readelf", "-d", mod.__file__], capture_output=True, text=True).stdout
    assert "RPATH" not in out and "RUNPATH" not in out
    exported = subprocess.run(["nm", "-D", "--defined-only", mod.__file__], capture_output=True, text=True).stdout
    assert [line.split()[-1] for line in exported.splitlines()] == [f"PyInit_{mod.__name__}"]


def test_returned_and_passed_arrays_keep_reference_counts_balanced(tmp_path):
    mod = compile_source_text(tmp_path, ARRAYS, ARRAY_EXPORTS)
    import numpy as np

    u = np.random.default_rng(0).random(5)
    before = sys.getrefcount(u)
    for _ in range(1000):
        assert mod.ident(u) is u
    for _ in range(1000):
        v, w = mod.pair(u)
        assert v is u and np.array_equal(w, np.zeros(5))
    del v, w
    for _ in range(1000):
        with pytest.raises(ZeroDivisionError):
            mod.fails(u, 0.0)
    assert sys.getrefcount(u) == before
    assert mod.temps(10) == 46.0


def test_memory_stays_flat_over_many_calls(tmp_path):
    mod = compile_source_text(tmp_path, ARRAYS, ARRAY_EXPORTS)
    script = textwrap.dedent(
        f"""
        import importlib.machinery, importlib.util, json, resource, sys
        import numpy as np
        loader = importlib.machinery.ExtensionFileLoader({mod.__name__!r}, {mod.__file__!r})
        spec = importlib.util.spec_from_file_location({mod.__name__!r}, {mod.__file__!r}, loader=loader)
        m = importlib.util.module_from_spec(spec); loader.exec_module(m)
        u = np.ones(1000)
        def rss():
            return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        for _ in range(20000):
            m.temps(100); m.pair(u)
        start = rss()
        for _ in range(200000):
            m.temps(100); m.pair(u)
        print(json.dumps({{"growth_kb": rss() - start}}))
        """
    )
    proc = run_python(["-c", script])
    assert proc.returncode == 0, proc.stderr
    growth = json.loads(proc.stdout.strip().splitlines()[-1])["growth_kb"]
    # 200,000 calls that each allocate three arrays: any leak would show up as tens of MB.
    assert growth < 2048, growth


def test_cc_and_ldflags_are_honoured(tmp_path):
    marker = tmp_path / "cc-was-called"
    wrapper = tmp_path / "my-cc"
    wrapper.write_text(f'#!/bin/sh\necho "$@" >> {marker}\nexec cc "$@"\n')
    wrapper.chmod(wrapper.stat().st_mode | stat.S_IEXEC)
    source = tmp_path / "toolchain_mod.py"
    source.write_text(
        textwrap.dedent(
            """
            from pyaot import CC
            cc = CC('toolchain_mod')

            @cc.export('twice', 'i8(i8)')
            def twice(x):
                return 2 * x

            if __name__ == "__main__":
                cc.compile()
            """
        )
    )
    env = dict(os.environ, CC=str(wrapper), LDFLAGS="-Wl,--build-id=none")
    proc = subprocess.run([sys.executable, str(source)], cwd=tmp_path, env=env, capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    calls = marker.read_text()
    assert "-shared" in calls and "--build-id=none" in calls
