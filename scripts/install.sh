#!/usr/bin/env bash
# Install what wakesmith needs on Debian/Ubuntu with the Swift toolchain on PATH:
#  1. system packages: the C libraries the Swift package links (libsndfile, OpenBLAS, libyaml, libserialport,
#     ALSA, libsoxr) and the programs the data stage drives (espeak-ng, festival, sox, unzip) with the word
#     list synth pronounces for near-miss negatives (wamerican);
#  2. the test oracles in a Python virtual environment, $VENV (default .venv): pymicro-features, tflite-micro,
#     mmap-ninja, TensorFlow/Keras and the rest of scripts/oracles/requirements.txt. Only the tests and
#     scripts/fixtures/ use them; `wakesmith` itself never runs Python. `--system-site-packages` reuses what
#     the machine has. Leave it out with WAKESMITH_NO_ORACLES=1 (the oracle tests then skip);
#  3. the Swift command line, built in release mode: .build/release/wakesmith.
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v swift >/dev/null 2>&1; then
  echo "error: swift is not on PATH; install the Swift 6 toolchain (https://www.swift.org/install/linux/)" >&2
  exit 1
fi
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
APT_PACKAGES="pkg-config libsndfile1-dev libopenblas-dev libyaml-dev libserialport-dev libasound2-dev libsoxr-dev
  espeak-ng festival sox libsndfile1 wamerican unzip"
if [ "${WAKESMITH_NO_ORACLES:-0}" != "1" ]; then APT_PACKAGES="$APT_PACKAGES python3-venv"; fi
missing=""
for pkg in $APT_PACKAGES; do
  dpkg -s "$pkg" >/dev/null 2>&1 || missing="$missing $pkg"
done
if [ -n "$missing" ]; then
  echo "installing system packages:$missing"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq $missing >/dev/null
fi
if [ "${WAKESMITH_NO_ORACLES:-0}" != "1" ]; then
  VENV="${VENV:-.venv}"
  if [ ! -x "$VENV/bin/python" ]; then
    "${PYTHON:-python3}" -m venv --system-site-packages "$VENV"
  fi
  "$VENV/bin/python" -m pip install -q -r scripts/oracles/requirements.txt
  echo "test oracles installed in $VENV (tests only; point the tests at another one with WAKESMITH_PYTHON)"
fi
swift build -c release --product wakesmith
echo "Swift command line built: .build/release/wakesmith"
