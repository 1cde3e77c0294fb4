#!/usr/bin/env bash
# The main job: set up, build pyaot, compile the seed example and call it.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
.venv/bin/python examples/seed/run_seed.py
