#!/usr/bin/env bash
# Install wakesmith and everything it needs on Debian/Ubuntu: system packages, then the Python package in the
# virtual environment .venv of this checkout. Debian's own Python refuses `pip install` outside
# a virtual environment (PEP 668), so we always use one; `--system-site-packages` reuses Python packages the
# machine already has (TensorFlow is large) instead of downloading them again.
set -euo pipefail
cd "$(dirname "$0")/.."
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
APT_PACKAGES="espeak-ng sox libsndfile1 python3-venv python3-pip"
missing=""
for pkg in $APT_PACKAGES; do
  dpkg -s "$pkg" >/dev/null 2>&1 || missing="$missing $pkg"
done
if [ -n "$missing" ]; then
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq $missing
fi
VENV=".venv"
if [ ! -x "$VENV/bin/python" ]; then
  "${PYTHON:-python3}" -m venv --system-site-packages "$VENV"
fi
"$VENV/bin/python" -m pip install -q -e '.[dev]'
echo "wakesmith installed in $VENV: run it as $VENV/bin/wakesmith, or 'source $VENV/bin/activate' first"
