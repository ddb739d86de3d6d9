#!/usr/bin/env bash
# Install wakesmith and everything it needs on Debian/Ubuntu: system packages, then the Python package.
set -euo pipefail
cd "$(dirname "$0")/.."
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
APT_PACKAGES="espeak-ng sox libsndfile1"
missing=""
for pkg in $APT_PACKAGES; do
  dpkg -s "$pkg" >/dev/null 2>&1 || missing="$missing $pkg"
done
if [ -n "$missing" ]; then
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq $missing
fi
PYTHON="${PYTHON:-python3}"
"$PYTHON" -m pip install -q -e '.[dev]'
