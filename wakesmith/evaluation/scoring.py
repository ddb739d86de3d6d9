"""Run a streaming model over feature stores the way the device does, producing raw uint8 outputs.

A runner is anything with `reset()` and `run_raw(features_float [T, 40]) -> uint8 [T // stride]` keeping its
streaming state between calls (`wakesmith.export.runtime.StreamingRunner`). Features are fed in whole strides:
the device only invokes the model once `stride` frames are in, so a clip's trailing partial stride is dropped.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Sequence
from typing import Protocol

import numpy as np

from wakesmith.evaluation.detection import REFRACTORY_FRAMES, window_sums
from wakesmith.features.frontend import raw_to_float

Progress = Callable[[int], None]


class Runner(Protocol):
    def reset(self) -> None: ...

    def run_raw(self, features: np.ndarray) -> np.ndarray: ...


def _whole_strides(features: np.ndarray, stride: int) -> np.ndarray:
    usable = (len(features) // stride) * stride
    return features[:usable]


def clip_stream(runner: Runner, raw_features: np.ndarray, stride: int) -> np.ndarray:
    """Fresh model state, one clip: uint8 output per stride."""
    runner.reset()
    frames = _whole_strides(np.asarray(raw_features), stride)
    if len(frames) == 0:
        return np.zeros(0, dtype=np.uint8)
    return np.asarray(runner.run_raw(raw_to_float(frames)), dtype=np.uint8).ravel()


def clip_score(stream: np.ndarray, sliding_window: int, stride: int, ignore_frames: int = REFRACTORY_FRAMES) -> int:
    """One clip's device-equivalent uint8 score: ceil of the highest eligible sliding-window mean.

    For an integer threshold T, `mean > T` ⇔ `ceil(mean) > T`, so comparing this score with int(cutoff × 255)
    (`classification_metrics` on uint8) gives exactly the device's decision for the clip. Steps within the
    first `ignore_frames` feature frames cannot trigger (the device's suppression after start); a clip too
    short to leave the suppression scores 0.
    """
    if stream.size == 0:
        return 0
    first = max(math.ceil(ignore_frames / stride) - 1, 0)
    sums = window_sums(stream, sliding_window)[first:]
    if sums.size == 0:
        return 0
    return int(math.ceil(float(sums.max()) / sliding_window - 1e-9))


def store_scores(
    runner: Runner,
    clips: Sequence[np.ndarray],
    stride: int,
    sliding_window: int,
    ignore_frames: int = REFRACTORY_FRAMES,
    progress: Progress | None = None,
) -> np.ndarray:
    """uint8 clip scores (see `clip_score`) of every clip of a store, each from a fresh model state."""
    scores = np.zeros(len(clips), dtype=np.uint8)
    for index in range(len(clips)):
        stream = clip_stream(runner, clips[index], stride)
        scores[index] = clip_score(stream, sliding_window, stride, ignore_frames)
        if progress:
            progress(1)
    return scores


def ambient_stream(
    runner: Runner, windows: Iterable[np.ndarray], stride: int, progress: Progress | None = None
) -> tuple[np.ndarray, int]:
    """One continuous uint8 stream over consecutive ambient windows, and the number of feature frames fed.

    The ambient store holds consecutive cuts of the long background recordings, so the windows are fed back to
    back without resetting the model: the device listens continuously and has no warm-up every 10 s.
    Frames left over from a window's partial stride carry into the next one.
    """
    runner.reset()
    outputs: list[np.ndarray] = []
    carry = np.zeros((0, 40), dtype=np.uint16)
    frames = 0
    for window in windows:
        window = np.asarray(window)
        frames += len(window)
        joined = np.concatenate([carry, window]) if len(carry) else window
        usable = (len(joined) // stride) * stride
        if usable:
            outputs.append(np.asarray(runner.run_raw(raw_to_float(joined[:usable])), dtype=np.uint8).ravel())
        carry = joined[usable:]
        if progress:
            progress(1)
    stream = np.concatenate(outputs) if outputs else np.zeros(0, dtype=np.uint8)
    return stream, frames


def engine_agreement(fast: Runner, reference: Runner, clips: Sequence[np.ndarray], stride: int) -> dict[str, float]:
    """Largest raw-output difference between two engines over the same clips (each from fresh state)."""
    worst = 0
    steps = 0
    for clip in clips:
        a = clip_stream(fast, clip, stride).astype(np.int32)
        b = clip_stream(reference, clip, stride).astype(np.int32)
        if a.shape != b.shape:
            raise ValueError(f"engines disagree on output length: {a.shape} vs {b.shape}")
        if a.size:
            worst = max(worst, int(np.abs(a - b).max()))
        steps += a.size
    return {"clips": len(clips), "steps": steps, "max_abs_diff_raw": worst, "max_abs_diff": worst / 255.0}
