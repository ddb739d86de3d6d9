"""Read the features stage's RaggedMmap stores as one flat frame array plus per-item offsets.

A RaggedMmap keeps every spectrogram back to back in one flat file; reading that file whole (instead of item by
item) loads a store in one copy and gives the layout the batch sampler wants: frames [F, 40] and, per item,
where it starts and how many frames it has.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np

from wakesmith.errors import WakesmithError
from wakesmith.features.frontend import CHANNELS


@dataclass
class RaggedFrames:
    """Spectrograms of one split: item i is frames[starts[i] : starts[i] + lengths[i]] (raw uint16 units)."""

    frames: np.ndarray  # [F, 40] uint16
    starts: np.ndarray  # [N] int64
    lengths: np.ndarray  # [N] int64

    def __len__(self) -> int:
        return len(self.starts)

    def item(self, index: int) -> np.ndarray:
        start = int(self.starts[index])
        return self.frames[start : start + int(self.lengths[index])]

    def items(self) -> list[np.ndarray]:
        return [self.item(i) for i in range(len(self))]

    @staticmethod
    def empty() -> RaggedFrames:
        return RaggedFrames(np.zeros((0, CHANNELS), np.uint16), np.zeros(0, np.int64), np.zeros(0, np.int64))

    @staticmethod
    def from_items(items: list[np.ndarray]) -> RaggedFrames:
        """Build from a list of [frames, 40] arrays (tests, mined examples)."""
        if not items:
            return RaggedFrames.empty()
        lengths = np.array([len(x) for x in items], np.int64)
        starts = np.concatenate([[0], np.cumsum(lengths)[:-1]]).astype(np.int64)
        return RaggedFrames(np.concatenate(items).astype(np.uint16).reshape(-1, CHANNELS), starts, lengths)


def store_dirs(set_path: Path, split: str) -> list[Path]:
    """The RaggedMmap folders (names ending in `_mmap`) of one split of a feature set, sorted by name."""
    split_dir = Path(set_path) / split
    if not split_dir.is_dir():
        return []
    return sorted(p for p in split_dir.iterdir() if p.is_dir() and p.name.endswith("_mmap"))


def _read_mmap(path: Path) -> RaggedFrames:
    from mmap_ninja.ragged import RaggedMmap

    store = RaggedMmap(path)
    if store.starts is None or len(store) == 0:
        return RaggedFrames.empty()
    flat = np.asarray(store.memmap)
    if flat.size % CHANNELS:
        raise WakesmithError(f"{path} does not hold [frames, {CHANNELS}] spectrograms; re-run `wakesmith features`")
    starts = np.asarray(store.starts, np.int64)
    ends = np.asarray(store.ends, np.int64)
    frames = flat.reshape(-1, CHANNELS)
    if frames.dtype != np.uint16:
        frames = np.clip(np.rint(frames), 0, 65535).astype(np.uint16)
    return RaggedFrames(frames, starts // CHANNELS, (ends - starts) // CHANNELS)


def load_split(set_path: Path, split: str) -> RaggedFrames | None:
    """All items of one split (several `_mmap` folders are concatenated); None when the split has no store."""
    dirs = store_dirs(set_path, split)
    if not dirs:
        return None
    parts = [_read_mmap(d) for d in dirs]
    if len(parts) == 1:
        return parts[0]
    offsets = np.cumsum([0] + [len(p.frames) for p in parts[:-1]])
    return RaggedFrames(
        np.concatenate([p.frames for p in parts]),
        np.concatenate([p.starts + o for p, o in zip(parts, offsets, strict=True)]),
        np.concatenate([p.lengths for p in parts]),
    )


def write_store(split_dir: Path, items: list[np.ndarray], name: str = "spectrograms_mmap") -> Path:
    """Write items as a RaggedMmap (used by tests and benchmarks to fake the features stage)."""
    from mmap_ninja.ragged import RaggedMmap

    path = Path(split_dir) / name
    path.parent.mkdir(parents=True, exist_ok=True)
    RaggedMmap.from_lists(path, [np.asarray(x, np.uint16) for x in items])
    return path
