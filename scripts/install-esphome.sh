#!/usr/bin/env bash
# ESPHome in its default environment, for the slow tests that ask ESPHome itself (HarnessBuildCheckTests,
# DeviceExampleTests, ESPHomeJudgeTests) and for `wakesmith device flash` / `doctor`, which find it there:
# a virtual environment at $WAKESMITH_ESPHOME_VENV (default ~/.cache/wakesmith/esphome-venv) holding
# `esphome` RELEASE (default: the newest), marked complete with .wakesmith-ready.
# ESPHome 2026.x needs Python 3.12 or newer: $WAKESMITH_ESPHOME_PYTHON, else python3.13 / python3.12 on the
# PATH, else pyenv's newest 3.12+. Needs the network once.
#   bash scripts/install-esphome.sh [RELEASE]        e.g. bash scripts/install-esphome.sh 2026.6.0
# (`wakesmith compat --judge` and `wakesmith device flash --esphome V` install single releases themselves.)
set -euo pipefail
RELEASE="${1:-}"
VENV="${WAKESMITH_ESPHOME_VENV:-$HOME/.cache/wakesmith/esphome-venv}"
PYTHON=""
for candidate in "${WAKESMITH_ESPHOME_PYTHON:-}" "$(command -v python3.13 || true)" "$(command -v python3.12 || true)" \
    $(ls -d "${PYENV_ROOT:-$HOME/.pyenv}"/versions/3.1[2-9]*/bin/python3 2>/dev/null | sort -rV); do
  if [ -n "$candidate" ] && "$candidate" -c 'import sys; sys.exit(sys.version_info < (3, 12))' >/dev/null 2>&1; then
    PYTHON="$candidate"
    break
  fi
done
if [ -z "$PYTHON" ]; then
  echo "error: no Python 3.12 or newer found for ESPHome; install python3.12 or set WAKESMITH_ESPHOME_PYTHON" >&2
  exit 1
fi
if [ -e "$VENV" ] && [ ! -f "$VENV/pyvenv.cfg" ]; then
  echo "error: $VENV exists and is not a virtual environment; move it away or set WAKESMITH_ESPHOME_VENV" >&2
  exit 1
fi
rm -rf "$VENV"  # an older or half-made environment
mkdir -p "$(dirname "$VENV")"
"$PYTHON" -m venv "$VENV"
"$VENV/bin/python" -m pip install -q --disable-pip-version-check "esphome${RELEASE:+==$RELEASE}"
echo ok > "$VENV/.wakesmith-ready"
echo "ESPHome $("$VENV/bin/esphome" version 2>&1 | tail -n 1 | sed 's/^Version: //') installed in $VENV"
