#!/usr/bin/env bash
# Runs the app: creates .venv on first use, installs ecomap into it, starts Streamlit on port 8501.
# Extra arguments go to `streamlit run` (for example --server.port 8600).
set -euo pipefail
cd "$(dirname "$0")/.."
[ -x .venv/bin/python ] || python3 -m venv .venv
.venv/bin/pip install -q --disable-pip-version-check -e .
exec .venv/bin/streamlit run app.py "$@"
