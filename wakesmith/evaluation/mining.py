"""Hard negatives: the windows of negative audio that make the exported streaming model fire.

A window is cut where the quantized streaming model's output is strictly above the mining threshold, ending at
the frame that completed that inference and spanning the model's receptive field (zero-padded on the left when
the clip is shorter), so training sees exactly the audio that fooled the device. Within one clip, accepts
closer than the cool-down are one event (like a false accept), so one loud sound does not yield 30 windows.

The store at `<work>/features/hard_negative/training/` accumulates across rounds and runs; windows already
stored (same bytes) are not added twice.
"""

from __future__ import annotations

import hashlib
import math
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from wakesmith.evaluation.detection import device_threshold
from wakesmith.evaluation.scoring import Runner, clip_stream
from wakesmith.features.frontend import CHANNELS

HARD_NEGATIVE_SET = "hard_negative"
SPLIT = "training"


@dataclass(frozen=True)
class HardNegative:
    window: np.ndarray  # [receptive_field, 40] uint16
    score: int  # raw uint8 output that fired
    source: str  # "<set>#<clip index>@<step>"


def accept_steps(stream: np.ndarray, threshold: float, cooldown_steps: int, first_step: int = 0) -> np.ndarray:
    """Steps whose raw output is strictly above int(threshold × 255), at least `cooldown_steps` + 1 apart."""
    crossings = np.flatnonzero(np.asarray(stream)[first_step:] > device_threshold(threshold)) + first_step
    kept: list[int] = []
    position = 0
    while position < crossings.size:
        kept.append(int(crossings[position]))
        position = int(np.searchsorted(crossings, crossings[position] + cooldown_steps, side="right"))
    return np.asarray(kept, dtype=np.int64)


def window_ending_at(clip: np.ndarray, step: int, stride: int, receptive_field: int) -> np.ndarray:
    """The `receptive_field` frames ending with the last frame inference `step` consumed (left zero-padded)."""
    end = (step + 1) * stride
    start = end - receptive_field
    window = np.asarray(clip[max(start, 0) : end], dtype=np.uint16)
    if start < 0:
        window = np.concatenate([np.zeros((-start, CHANNELS), np.uint16), window])
    return window


def mine_clips(
    runner: Runner,
    clips: Iterable[np.ndarray],
    set_name: str,
    stride: int,
    receptive_field: int,
    threshold: float,
    cooldown_steps: int,
    ignore_frames: int,
    progress: Callable[[int], None] | None = None,
) -> list[HardNegative]:
    """Stream each clip from a fresh state; a hard negative per accepted event (see `accept_steps`)."""
    first = max(math.ceil(ignore_frames / stride) - 1, 0)
    found: list[HardNegative] = []
    for index, clip in enumerate(clips):
        clip = np.asarray(clip)
        stream = clip_stream(runner, clip, stride)
        for step in accept_steps(stream, threshold, cooldown_steps, first):
            window = window_ending_at(clip, int(step), stride, receptive_field)
            found.append(HardNegative(window, int(stream[step]), f"{set_name}#{index}@{int(step)}"))
        if progress:
            progress(1)
    return found


def window_digest(window: np.ndarray) -> str:
    return hashlib.sha1(np.ascontiguousarray(window, dtype=np.uint16).tobytes()).hexdigest()


def hard_negative_dir(work_dir: Path) -> Path:
    """The feature-set folder (holds `training/`), as a FeatureSetConfig path."""
    return Path(work_dir) / "features" / HARD_NEGATIVE_SET


def load_stored(work_dir: Path, receptive_field: int) -> list[np.ndarray]:
    """Hard negatives from earlier rounds/runs; windows of another length (model changed) are dropped."""
    from wakesmith.training.stores import load_split

    store = load_split(hard_negative_dir(work_dir), SPLIT)
    if store is None:
        return []
    return [np.array(item) for item in store.items() if len(item) == receptive_field]


def select_new(found: list[HardNegative], stored: list[np.ndarray], limit: int) -> tuple[list[HardNegative], int]:
    """Drop windows already stored or found twice; keep the `limit` highest-scoring. Returns (kept, duplicates)."""
    seen = {window_digest(w) for w in stored}
    unique: list[HardNegative] = []
    for item in sorted(found, key=lambda h: -h.score):
        digest = window_digest(item.window)
        if digest in seen:
            continue
        seen.add(digest)
        unique.append(item)
    return unique[:limit], len(found) - len(unique)


def write_hard_negatives(work_dir: Path, windows: list[np.ndarray], info: dict) -> Path:
    """Rewrite the hard-negative training store atomically (features' StoreWriter: partial folder, then rename)."""
    from wakesmith.features.stores import StoreWriter

    folder = hard_negative_dir(work_dir) / SPLIT
    writer = StoreWriter(folder)
    try:
        for window in windows:
            writer.add(window)
        writer.commit(info)
    except BaseException:
        writer.abort()
        raise
    return folder
