#!/usr/bin/env bash
# Runs every check: installs what the tests need (Debian's chromium, poppler-utils, postgresql,
# qpdf for the PDF/A check, and caddy and openssl for the deployment test; the Python test
# extras in .venv), then ruff
# (lint + format), mypy on ecomap/, and pytest.
# Extra arguments go to pytest (for example -k layout, or -x).
set -euo pipefail
cd "$(dirname "$0")/.."

need=()
command -v chromium >/dev/null 2>&1 || need+=(chromium)
command -v pdftoppm >/dev/null 2>&1 || need+=(poppler-utils)
command -v qpdf >/dev/null 2>&1 || need+=(qpdf)
compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null || need+=(postgresql)
command -v caddy >/dev/null 2>&1 || need+=(caddy)
command -v openssl >/dev/null 2>&1 || need+=(openssl)
if ((${#need[@]})); then
  sudo=""
  [ "$(id -u)" = 0 ] || sudo=sudo
  echo "Installing Debian packages: ${need[*]}"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi

[ -x .venv/bin/python ] || python3 -m venv .venv
.venv/bin/pip install -q --disable-pip-version-check -e ".[test]"

.venv/bin/ruff check .
.venv/bin/ruff format --check .
.venv/bin/mypy ecomap
exec .venv/bin/pytest "$@"
