"""Training batches from the config's feature sets: load the stores, build the pool, check it fits in memory.

The pool is moved to the device once and every batch is drawn there (`sampler`); this module is the host side.
"""

from __future__ import annotations

import os

import numpy as np

from wakesmith.config.models import FeatureSetConfig
from wakesmith.errors import WakesmithError
from wakesmith.features.frontend import CHANNELS
from wakesmith.training.pool import PoolSource, TrainingPool, build_pool
from wakesmith.training.stores import RaggedFrames, load_split

MEMORY_FRACTION = 0.6  # of the available RAM a pool may take


def available_memory() -> int | None:
    try:
        return os.sysconf("SC_AVPHYS_PAGES") * os.sysconf("SC_PAGE_SIZE")
    except (ValueError, OSError, AttributeError):
        return None


def load_training_pool(feature_sets: list[FeatureSetConfig], window: int) -> TrainingPool:
    """Every set's `training` store as one pool; clear errors for missing stores and oversized data."""
    sources = []
    for feature_set in feature_sets:
        if feature_set.sampling_weight <= 0:
            continue
        store = load_split(feature_set.path, "training")
        if store is None:
            raise WakesmithError(
                f"feature set {feature_set.name!r} has no training store under {feature_set.path}/training; "
                "run `wakesmith features --config …` first (or fix its path in training.feature_sets)"
            )
        sources.append(
            PoolSource(
                feature_set.name,
                store,
                feature_set.truth,
                feature_set.penalty_weight,
                feature_set.sampling_weight,
                feature_set.truncation_strategy,
            )
        )
    _check_memory(sources)
    if not any(s.truth for s in sources if len(s.store)):
        raise WakesmithError("no positive training examples: add positive clips and run `wakesmith features` again")
    if not any(not s.truth for s in sources if len(s.store)):
        raise WakesmithError("no negative training examples: add negative/background audio and re-run features")
    try:
        return build_pool(sources, window)
    except ValueError as error:
        raise WakesmithError(str(error)) from error


def _check_memory(sources: list[PoolSource]) -> None:
    needed = sum(s.store.frames.nbytes for s in sources)
    available = available_memory()
    if available is not None and needed > MEMORY_FRACTION * available:
        raise WakesmithError(
            f"training stores need {needed / 2**30:.1f} GiB but only {available / 2**30:.1f} GiB of memory is "
            "available; lower features.repetitions/slide_frames or use a machine with more memory"
        )


def synthetic_pool(
    window: int, positives: int = 2000, negatives: int = 4000, frames: int = 320, seed: int = 0
) -> TrainingPool:
    """A pool of realistic random spectrograms (values spread over 0…26 like real features), for benchmarks."""
    rng = np.random.default_rng(seed)

    def store(count: int) -> RaggedFrames:
        levels = rng.uniform(0, 26, (count, 1, CHANNELS)).astype(np.float32)
        noise = rng.uniform(-6, 6, (count, frames, CHANNELS)).astype(np.float32)
        raw = np.clip(np.rint((levels + noise).clip(0, 26) * 25.6), 0, 65535).astype(np.uint16)
        return RaggedFrames.from_items(list(raw))

    return build_pool(
        [
            PoolSource("positive", store(positives), True, 1.0, 2.0, "truncate_start"),
            PoolSource("negative", store(negatives), False, 1.0, 10.0, "random"),
        ],
        window,
    )
