#!/usr/bin/env bash
# Sets up everything, then runs every test: the Rust tests (cargo) and the Python tests (pytest).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
export PYO3_PYTHON="$PWD/.venv/bin/python"
cargo test --release --workspace --exclude pyaot-python
# pytest exits 5 when it collects nothing: that is a failure here, as is any other nonzero code.
.venv/bin/python -m pytest -q -p no:cacheprovider tests/python
