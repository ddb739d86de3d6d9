"""Measure the smallest tensor arena a model needs in the tflite_micro interpreter (SPEC §2).

ESPHome allocates exactly the manifest's `tensor_arena_size` (releases up to ~2026.4); too small and the model
never runs. So we measure: binary search over arena sizes, each probe "allocate and invoke once", run in a
child process because TFLM can abort on allocation failure. The host (x86-64) minimum is an upper bound for
the 32-bit ESP32 (smaller pointers); the exporter adds a stated margin on top.

Results are cached per model hash for the life of the process, so tests and `verify` on many files stay fast.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from wakesmith.errors import WakesmithError
from wakesmith.export.micro_probe import MicroChild

# TFLM aligns the arena start up to 16 bytes, so a buffer at an unaligned address loses up to 15 bytes. Our
# host buffer is 16-byte aligned (measured minima are multiples of 16); the device heap only guarantees 4- or
# 8-byte alignment. The SPEC's host minima are 2–15 bytes above ours, exactly this effect.
ALIGNMENT_SLACK = 15
START_ARENA = 32 * 1024  # above every official model's need; doubled until the model fits
MAX_ARENA = 64 * 1024 * 1024  # beyond this no ESP32 can hold it anyway

_minimal_cache: dict[str, int] = {}
_probe_cache: dict[tuple[str, int], ArenaProbe] = {}


@dataclass(frozen=True)
class ArenaProbe:
    """One probe: did the model allocate and invoke in `arena_size` bytes, and if not, why."""

    arena_size: int
    ok: bool
    error: str = ""
    log: str = ""
    crashed: bool = False

    @property
    def reason(self) -> str:
        """The interpreter's most telling line (its log beats the generic RuntimeError)."""
        lines = [line for line in self.log.splitlines() if line.strip()]
        return lines[0] if lines else self.error


def model_hash(model_bytes: bytes) -> str:
    return hashlib.sha256(model_bytes).hexdigest()


def _probe(child: MicroChild, key: str, size: int) -> ArenaProbe:
    cached = _probe_cache.get((key, size))
    if cached is not None:
        return cached
    reply = child.request({"cmd": "probe", "arena": int(size)})
    result = ArenaProbe(
        int(size), bool(reply.get("ok")), reply.get("error", ""), reply.get("log", ""), bool(reply.get("crashed"))
    )
    _probe_cache[(key, size)] = result
    return result


def probe_arena(model_bytes: bytes, arena_size: int) -> ArenaProbe:
    """Allocate + invoke once with exactly `arena_size` bytes, in a child process."""
    key = model_hash(model_bytes)
    if (key, arena_size) in _probe_cache:
        return _probe_cache[(key, arena_size)]
    with MicroChild(model_bytes) as child:
        return _probe(child, key, arena_size)


def minimal_arena(model_bytes: bytes, start: int = START_ARENA) -> int:
    """Smallest arena (bytes) in which the model allocates AND invokes once in tflite_micro, whatever the
    arena buffer's alignment: the host measurement plus ALIGNMENT_SLACK. Put this (plus a margin) in manifests.

    Raises WakesmithError like `host_minimal_arena`.
    """
    return host_minimal_arena(model_bytes, start) + ALIGNMENT_SLACK


def host_minimal_arena(model_bytes: bytes, start: int = START_ARENA) -> int:
    """Smallest arena (bytes) in which the model allocates AND invokes once in this host's tflite_micro, with
    its 16-byte aligned buffer.

    Raises WakesmithError when the model does not run at all (bad op, broken graph) or needs more than
    64 MiB; the message carries the interpreter's own reason.
    """
    key = model_hash(model_bytes)
    if key in _minimal_cache:
        return _minimal_cache[key]
    with MicroChild(model_bytes) as child:
        good, bad = _bracket(child, key, start)
        while good - bad > 1:  # invariant: `bad` fails, `good` succeeds
            middle = (good + bad) // 2
            if _probe(child, key, middle).ok:
                good = middle
            else:
                bad = middle
    _minimal_cache[key] = good
    return good


def _bracket(child: MicroChild, key: str, start: int) -> tuple[int, int]:
    """(good, bad): an arena that works and a smaller one that fails."""
    size = max(int(start), 1024)
    first = _probe(child, key, size)
    if first.ok:
        bad = 0
        while size > 1024:  # shrink fast while it still fits, so the binary search spans one octave
            smaller = _probe(child, key, size // 2)
            if not smaller.ok:
                return size, size // 2
            size //= 2
        return size, bad
    last = first
    while size < MAX_ARENA:
        size *= 2
        probe = _probe(child, key, size)
        if probe.ok:
            return size, size // 2
        last = probe
    raise WakesmithError(f"the model does not run in tflite_micro even with a {MAX_ARENA} byte arena: {last.reason}")


def arena_with_margin(minimal: int, margin: float) -> int:
    """The manifest value: measured minimum plus `margin` (fraction), rounded up to a multiple of 4 bytes."""
    value = int(-(-minimal * (1.0 + margin) // 1))
    return (value + 3) // 4 * 4
