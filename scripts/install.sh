#!/usr/bin/env bash
# Install everything wakesmith needs on Debian/Ubuntu with the Swift toolchain on PATH:
#  1. system packages: the C libraries the Swift package links (libsndfile, OpenBLAS, libyaml, libserialport,
#     ALSA, libsoxr) and the programs the data stage drives (espeak-ng, festival, sox, unzip) with the word
#     list synth pronounces for near-miss negatives (wamerican);
#  2. the Python package in .venv (the working reference pipeline while the Swift port is incomplete, and the
#     test oracles: pymicro-features, tflite-micro, mmap-ninja). Debian's Python refuses system-wide pip
#     (PEP 668), so it goes into a virtual environment; `--system-site-packages` reuses what the machine has;
#  3. the Swift command line, built in release mode: .build/release/wakesmith.
set -euo pipefail
cd "$(dirname "$0")/.."
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
APT_PACKAGES="pkg-config libsndfile1-dev libopenblas-dev libyaml-dev libserialport-dev libasound2-dev libsoxr-dev
  espeak-ng festival sox libsndfile1 python3-venv python3-pip wamerican unzip"
missing=""
for pkg in $APT_PACKAGES; do
  dpkg -s "$pkg" >/dev/null 2>&1 || missing="$missing $pkg"
done
if [ -n "$missing" ]; then
  echo "installing system packages:$missing"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq $missing >/dev/null
fi
VENV=".venv"
if [ ! -x "$VENV/bin/python" ]; then
  "${PYTHON:-python3}" -m venv --system-site-packages "$VENV"
fi
"$VENV/bin/python" -m pip install -q -e '.[dev]'
echo "Python reference pipeline installed in $VENV ($VENV/bin/wakesmith)"
if ! command -v swift >/dev/null 2>&1; then
  echo "error: swift is not on PATH; install the Swift 6 toolchain (https://www.swift.org/install/linux/)" >&2
  exit 1
fi
swift build -c release --product wakesmith
echo "Swift command line built: .build/release/wakesmith"
