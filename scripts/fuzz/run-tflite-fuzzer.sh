#!/usr/bin/env bash
# Builds the libFuzzer target on the .tflite reader (and the emulator behind it: preparation, one
# invocation, arena prediction) with the fuzzer and address sanitizers, then runs it.
# Seeds: the official models ($WAKESMITH_SHARED or ../shared/reference-models), the single-operator
# fixtures and the saved regression inputs. Usage:
#   scripts/fuzz/run-tflite-fuzzer.sh [SECONDS] [extra libFuzzer flags...]     (default 60 s)
# The last line is "fuzz: N runs in S s, no crash", or names the crash input (then exit 1).
set -uo pipefail
cd "$(dirname "$0")/../.."
seconds="${1:-60}"
shift || true
build="${WAKESMITH_FUZZ_BUILD:-.build/fuzz}"
shared="${WAKESMITH_SHARED:-../shared}"
mkdir -p "$build/corpus" "$build/crashes"
flags=(-sanitize=fuzzer,address -parse-as-library -O -g -I "$build" -L "$build")

module() { # name, sources..., then the libraries it links
    local name="$1"; shift
    local sources=() libs=()
    for arg in "$@"; do
        if [[ "$arg" == -l* ]]; then libs+=("$arg"); else sources+=("$arg"); fi
    done
    swiftc "${flags[@]}" -module-name "$name" -emit-module -emit-module-path "$build/$name.swiftmodule" \
        -emit-library -static -o "$build/lib$name.a" "${sources[@]}" "${libs[@]}"
}

{
    module Support $(find Sources/Support -name '*.swift') &&
    module TFLiteFormat Sources/TFLiteFormat/*.swift -lSupport &&
    module ESPHome Sources/ESPHome/*.swift -lSupport &&
    module Frontend $(find Sources/Frontend -name '*.swift') -lSupport &&
    module Emulator $(find Sources/Emulator -name '*.swift') -lSupport -lTFLiteFormat -lESPHome -lFrontend &&
    swiftc "${flags[@]}" -module-name TFLiteFuzzer scripts/fuzz/TFLiteFuzzer.swift \
        -lEmulator -lFrontend -lESPHome -lTFLiteFormat -lSupport -o "$build/tflite-fuzzer"
} > "$build/build.log" 2>&1 || { grep -E "error" "$build/build.log" | head; echo "fuzz: build failed (see $build/build.log)"; exit 1; }

cp -n "$shared"/reference-models/*.tflite "$build/corpus/" 2>/dev/null || true
cp -n Tests/EmulatorTests/Fixtures/fuzz/*.tflite "$build/corpus/" 2>/dev/null || true
python3 - "$build/corpus" <<'PY'
import base64, json, pathlib, sys
out = pathlib.Path(sys.argv[1])
for path in pathlib.Path("Tests/EmulatorTests/Fixtures/kernels").glob("*.json"):
    for index, case in enumerate(json.loads(path.read_text())["cases"]):
        (out / f"{path.stem}-{index}.tflite").write_bytes(base64.b64decode(case["model"]))
PY

log="$build/fuzz.log"
start=$(date +%s)
# Swift's own crash handler conflicts with AddressSanitizer; libFuzzer reports traps itself.
SWIFT_BACKTRACE=enable=no "$build/tflite-fuzzer" -max_total_time="$seconds" -timeout=20 -rss_limit_mb=2048 \
    -max_len=131072 -artifact_prefix="$build/crashes/" -print_final_stats=1 "$@" "$build/corpus" > "$log" 2>&1
status=$?
grep -E "^#[0-9]+ +(INITED|DONE)|^SUMMARY|ERROR|deadly signal|Test unit written" "$log" | tail -5
runs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' || echo 0)
elapsed=$(( $(date +%s) - start ))
if [[ "$status" -ne 0 ]]; then
    echo "fuzz: CRASH after ${runs:-?} runs in $elapsed s: $(grep -o "Test unit written to .*" "$log" | tail -1)"
    exit 1
fi
echo "fuzz: $runs runs in $elapsed s, no crash"
