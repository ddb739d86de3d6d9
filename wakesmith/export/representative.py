"""Representative data for int8 calibration: real spectrogram strides, streamed in clip order.

The converter runs the float streaming model over these strides one after another, so the ring buffers hold
realistic history while activation ranges (and the variables' ranges) are recorded. Clips alternate between
the positive and negative training stores so both the wake word and ordinary speech/noise set the ranges.

The input range must come out as exactly [0, 26] (scale 26/255, zero point −128): the device ignores the
tensor's quantization and maps raw frontend values with fixed integer math (SPEC §1). So features are
clipped to [0, 26] and `pin_input_range` makes sure both ends occur once.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import numpy as np

from wakesmith.config.models import WakesmithConfig
from wakesmith.errors import WakesmithError
from wakesmith.features.frontend import CHANNELS, FEATURE_MAX, raw_to_float
from wakesmith.features.stores import open_store, store_path

REPRESENTATIVE_SETS = ("positive", "negative")


def open_clips(work_dir: Path, feature_set: str, split: str):
    """The clips of a feature store (indexable, raw uint16 [frames, 40]); WakesmithError when missing."""
    return open_store(store_path(work_dir, feature_set, split))


def clip_features(raw: np.ndarray) -> np.ndarray:
    """Stored raw frontend units → float features clipped to the model's input range [0, 26]."""
    return np.clip(raw_to_float(raw), 0.0, FEATURE_MAX).astype(np.float32)


def strides_of(features: np.ndarray, stride: int) -> np.ndarray:
    """A clip [T, 40] as consecutive model inputs [T // stride, stride, 40] (a trailing partial stride is dropped)."""
    steps = len(features) // stride
    return np.asarray(features[: steps * stride], np.float32).reshape(steps, stride, CHANNELS)


def pin_input_range(strides: np.ndarray) -> np.ndarray:
    """Copy with the smallest value set to 0 and the largest to 26, so calibration sees exactly [0, 26]."""
    out = np.clip(np.array(strides, np.float32, copy=True), 0.0, FEATURE_MAX)
    flat = out.reshape(-1)
    if flat.size < 2:
        raise WakesmithError("representative data needs at least two feature values")
    low, high = int(np.argmin(flat)), int(np.argmax(flat))
    if low == high:
        high = (low + 1) % flat.size
    flat[low], flat[high] = 0.0, FEATURE_MAX
    return out


def interleave_clips(sources: Sequence, stride: int, samples: int, seed: int) -> np.ndarray:
    """Whole clips drawn at random from each source in turn, streamed in order, until `samples` strides."""
    rng = np.random.default_rng(seed)
    orders = [list(rng.permutation(len(source))) for source in sources]
    chunks: list[np.ndarray] = []
    total = 0
    while total < samples and any(orders):
        for source, order in zip(sources, orders, strict=True):
            if not order or total >= samples:
                continue
            clip = strides_of(clip_features(source[int(order.pop())]), stride)
            chunks.append(clip)
            total += len(clip)
    if total == 0:
        raise WakesmithError("the training feature stores hold no clip long enough for one stride")
    return np.concatenate(chunks)[:samples]


def representative_strides(config: WakesmithConfig, samples: int | None = None, seed: int | None = None) -> np.ndarray:
    """Calibration inputs [N, stride, 40] from the positive and negative training stores (N ≤ samples)."""
    samples = samples or config.export.representative_samples
    sources = [open_clips(config.features.work_dir, name, "training") for name in REPRESENTATIVE_SETS]
    if not any(len(source) for source in sources):
        raise WakesmithError("the positive and negative training stores are empty: run `wakesmith features` again")
    strides = interleave_clips(sources, config.model.stride, samples, config.features.seed if seed is None else seed)
    return pin_input_range(strides)
