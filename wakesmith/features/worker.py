"""Worker side of the feature stage: per-process setup once, then clip batches → raw uint16 spectrograms.

Background and RIR audio are handed over once per worker (inherited for free with the fork start method,
pickled once per worker otherwise), never read per clip. A batch returns full-clip uint16 spectrograms
(~25 kB per 3.2 s clip), so nothing large crosses process boundaries; slides are cut in the parent as views.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from wakesmith.config.models import AugmentationConfig
from wakesmith.features.clips import clip_rng, clip_samples, place_positive, place_randomly, to_float, to_int16
from wakesmith.features.frontend import SAMPLE_RATE, compute_raw_features
from wakesmith.features.plan import AmbientJob, ClipJob
from wakesmith.features.sources import read_clip
from wakesmith.features.spectrograms import ambient_windows


@dataclass
class WorkerSetup:
    """Everything a worker needs, built once in the parent."""

    augmentation: AugmentationConfig
    clip_duration_s: float
    word_end_offset_s: tuple[float, float]
    seed: int
    dataset_root: Path
    ambient_window_s: float = 10.0
    backgrounds: list[np.ndarray] = field(default_factory=list)  # int16, index = plan's background index
    pools: dict[str, list[int]] = field(default_factory=dict)  # noise pool → background indexes
    impulse_responses: list[np.ndarray] = field(default_factory=list)


_SETUP: WorkerSetup | None = None
_AUGMENTERS: dict[str, object] = {}


def init_worker(setup: WorkerSetup) -> None:
    """Pool initializer (also called in-process for one worker)."""
    global _SETUP
    _SETUP = setup
    _AUGMENTERS.clear()
    import warnings

    warnings.filterwarnings("ignore", module="audiomentations")


def _augmenter(pool: str):
    if pool not in _AUGMENTERS:
        from wakesmith.features.augment.pipeline import build_augmenter

        assert _SETUP is not None
        sounds = [_SETUP.backgrounds[i] for i in _SETUP.pools.get(pool, [])]
        _AUGMENTERS[pool] = build_augmenter(_SETUP.augmentation, sounds, _SETUP.impulse_responses)
    return _AUGMENTERS[pool]


def render_clip(job: ClipJob) -> np.ndarray:
    """One augmented clip's raw spectrogram [frames, 40] uint16; depends only on (seed, job.key, repetition)."""
    setup = _SETUP
    assert setup is not None, "init_worker() was not called"
    rng = clip_rng(setup.seed, job.key, job.repetition)
    if job.background_index is not None:
        source = setup.backgrounds[job.background_index]
    else:
        source = read_clip(job.record, setup.dataset_root)
    length = clip_samples(setup.clip_duration_s)
    if job.placement == "positive":
        low, high = setup.word_end_offset_s
        clip = place_positive(source, length, float(rng.uniform(low, high)))
    else:
        clip = place_randomly(source, length, rng)
    audio = _augmenter(job.noise_pool)(to_float(clip), SAMPLE_RATE)
    return compute_raw_features(to_int16(audio))


def render_batch(jobs: list[ClipJob]) -> list[np.ndarray]:
    return [render_clip(job) for job in jobs]


def render_ambient(job: AmbientJob) -> list[np.ndarray]:
    """Consecutive windows of one background recording's [start, stop) share, no augmentation."""
    setup = _SETUP
    assert setup is not None, "init_worker() was not called"
    audio = setup.backgrounds[job.background_index]
    begin, end = int(job.start * audio.size), int(job.stop * audio.size)
    raw = compute_raw_features(audio[begin:end])
    return [np.ascontiguousarray(w) for w in ambient_windows(raw, setup.ambient_window_s)]
