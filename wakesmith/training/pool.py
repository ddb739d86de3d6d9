"""The training pool: every feature set's training store as one flat frame array and a table of windows.

Each batch item is a window of `window` frames (the model's receptive field). A pool item says where its
possible windows start (`item_start`) and how many consecutive start positions it allows (`item_span`):
`random` keeps the whole spectrogram (span = length − window + 1); `truncate_start` (keep the end),
`truncate_end` (keep the start) and `split` (consecutive windows) are deterministic, so their windows are cut
once here and stored compactly (span 1). Spectrograms shorter than the window are zero-padded at the start,
as a streaming model sees silence before audio begins. Building is vectorised numpy (no per-item loops).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from wakesmith.config.models import TruncationStrategy
from wakesmith.features.frontend import CHANNELS
from wakesmith.training.stores import RaggedFrames


def pad_short_items(store: RaggedFrames, window: int) -> RaggedFrames:
    """Zero-pad (at the start) every item shorter than `window` frames; returns a new contiguous store."""
    pads = np.maximum(window - store.lengths, 0)
    if not pads.any() and np.array_equal(store.starts, np.concatenate([[0], np.cumsum(store.lengths)[:-1]])):
        return RaggedFrames(np.ascontiguousarray(store.frames[: int(store.lengths.sum())]), store.starts, store.lengths)
    new_lengths = store.lengths + pads
    new_starts = np.concatenate([[0], np.cumsum(new_lengths)[:-1]]).astype(np.int64)
    frames = np.zeros((int(new_lengths.sum()), CHANNELS), np.uint16)
    owner = np.repeat(np.arange(len(store)), store.lengths)
    within = np.arange(len(owner)) - np.repeat(np.cumsum(store.lengths) - store.lengths, store.lengths)
    frames[new_starts[owner] + pads[owner] + within] = store.frames[store.starts[owner] + within]
    return RaggedFrames(frames, new_starts, new_lengths)


def window_starts(store: RaggedFrames, window: int, strategy: TruncationStrategy) -> tuple[np.ndarray, np.ndarray]:
    """(start frame, span) per pool item of a padded store (every item at least `window` long)."""
    if strategy == "random":
        return store.starts.copy(), store.lengths - window + 1
    if strategy == "truncate_start":
        return store.starts + store.lengths - window, np.ones(len(store), np.int64)
    if strategy == "truncate_end":
        return store.starts.copy(), np.ones(len(store), np.int64)
    if strategy == "split":
        counts = store.lengths // window
        owner = np.repeat(np.arange(len(store)), counts)
        index = np.arange(len(owner)) - np.repeat(np.cumsum(counts) - counts, counts)
        return store.starts[owner] + index * window, np.ones(len(owner), np.int64)
    raise ValueError(f"unknown truncation strategy {strategy!r}")


def cut_windows(store: RaggedFrames, window: int, strategy: TruncationStrategy) -> np.ndarray:
    """Deterministic windows [N, window, 40] (random → the most recent frames, for evaluation sets)."""
    store = pad_short_items(store, window)
    if strategy == "random":
        strategy = "truncate_start"
    starts, _ = window_starts(store, window, strategy)
    return store.frames[starts[:, None] + np.arange(window)[None, :]]


@dataclass
class PoolSet:
    name: str
    truth: bool
    penalty_weight: float
    sampling_weight: float
    first_item: int
    count: int


@dataclass
class TrainingPool:
    """Host-side arrays that the batch sampler moves to the device once."""

    frames: np.ndarray  # [F, 40] uint16
    item_start: np.ndarray  # [N] int32
    item_span: np.ndarray  # [N] int32
    sets: list[PoolSet]
    window: int

    def arrays(self) -> dict[str, np.ndarray]:
        weights = np.array([s.sampling_weight for s in self.sets], np.float64)
        cumulative = np.cumsum(weights / weights.sum())
        return {
            "frames": self.frames,
            "item_start": self.item_start.astype(np.int32),
            "item_span": self.item_span.astype(np.int32),
            "set_first": np.array([s.first_item for s in self.sets], np.int32),
            "set_count": np.array([s.count for s in self.sets], np.int32),
            "set_truth": np.array([float(s.truth) for s in self.sets], np.float32),
            "set_penalty": np.array([s.penalty_weight for s in self.sets], np.float32),
            "set_cumulative": cumulative[:-1].astype(np.float32),  # thresholds between consecutive sets
        }

    @property
    def nbytes(self) -> int:
        return int(self.frames.nbytes + self.item_start.nbytes + self.item_span.nbytes)


@dataclass
class PoolSource:
    """One feature set's training store and its settings."""

    name: str
    store: RaggedFrames
    truth: bool
    penalty_weight: float
    sampling_weight: float
    strategy: TruncationStrategy


def build_pool(sources: list[PoolSource], window: int) -> TrainingPool:
    """Concatenate sources (sets with no items or zero sampling weight are left out)."""
    frames, starts, spans, sets = [], [], [], []
    frame_offset = item_offset = 0
    for source in sources:
        if source.sampling_weight <= 0 or len(source.store) == 0:
            continue
        store = pad_short_items(source.store, window)
        start, span = window_starts(store, window, source.strategy)
        if source.strategy != "random":  # deterministic: keep only the frames of the windows
            store_frames = store.frames[start[:, None] + np.arange(window)[None, :]].reshape(-1, CHANNELS)
            start = np.arange(len(start), dtype=np.int64) * window
        else:
            store_frames = store.frames
        frames.append(store_frames)
        starts.append(start + frame_offset)
        spans.append(span)
        sets.append(
            PoolSet(source.name, source.truth, source.penalty_weight, source.sampling_weight, item_offset, len(start))
        )
        frame_offset += len(store_frames)
        item_offset += len(start)
    if not sets:
        raise ValueError("no training examples: every feature set is empty or has sampling_weight 0")
    if frame_offset >= 2**31:
        raise ValueError(f"training pool of {frame_offset} frames exceeds the int32 index range")
    return TrainingPool(np.concatenate(frames), np.concatenate(starts), np.concatenate(spans), sets, window)
