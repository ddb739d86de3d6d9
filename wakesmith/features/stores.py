"""Feature stores on disk: `<work>/features/<set>/<split>/spectrograms_mmap` + `store.json` (SPEC §4).

A store holds uint16 arrays [frames, 40] in raw frontend units (float feature = raw / 25.6). The frontend
itself produces uint16 values, so this is lossless: the stored error against the float features
pymicro-features returns is exactly 0 (checked in tests), at half the size of float32.

Writes are atomic per store: the store is assembled in a hidden `.<split>.partial` folder next to the final
one and renamed into place only when complete, with `store.json` written last. A killed run leaves at most a
partial folder (deleted by the next run) plus the finished chunks of work (`shards.py`), from which the next
run resumes; a store whose `store.json` matches the current config and source hashes is skipped.
"""

from __future__ import annotations

import json
import shutil
import time
from pathlib import Path
from typing import Any

import numpy as np

from wakesmith.features.frontend import CHANNELS, RAW_PER_FLOAT, STEP_MS

MMAP_NAME = "spectrograms_mmap"
INFO_NAME = "store.json"
STORE_FORMAT = 1
SETS = ("positive", "negative", "background")
CLIP_SPLITS = ("training", "validation", "testing")
AMBIENT_SPLITS = ("validation_ambient", "testing_ambient")


def features_root(work_dir: Path) -> Path:
    return Path(work_dir) / "features"


def split_dir(work_dir: Path, set_name: str, split: str) -> Path:
    """The folder of one store (holds the mmap folder and store.json)."""
    return features_root(work_dir) / set_name / split


def store_path(work_dir: Path, set_name: str, split: str) -> Path:
    """The RaggedMmap folder of one store (the `..._mmap` folder)."""
    return split_dir(work_dir, set_name, split) / MMAP_NAME


def open_store(path: Path):
    """Open a store read-only as a RaggedMmap; `path` is the split folder or its `_mmap` folder.

    An empty store (no clips for that split) opens as a RaggedMmap of length 0.
    """
    from mmap_ninja.ragged import RaggedMmap

    path = Path(path)
    folder = path if path.name.endswith("_mmap") else path / MMAP_NAME
    if not folder.is_dir():
        from wakesmith.errors import WakesmithError

        raise WakesmithError(f"no feature store at {folder}; run `wakesmith features --config CFG` first")
    return RaggedMmap(folder, mode="r")


def read_info(folder: Path) -> dict[str, Any] | None:
    """The store.json of a split folder, or None when missing or unreadable (then the store is rebuilt)."""
    try:
        return json.loads((Path(folder) / INFO_NAME).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def is_current(folder: Path, config_hash: str, source_hash: str) -> bool:
    """True when the store exists, is complete and was built from these settings and files."""
    info = read_info(folder)
    return (
        info is not None
        and info.get("format") == STORE_FORMAT
        and info.get("config_hash") == config_hash
        and info.get("source_hash") == source_hash
        and (Path(folder) / MMAP_NAME).is_dir()
    )


def remove_leftovers(work_dir: Path) -> list[Path]:
    """Delete partial/old folders a killed run left behind; returns what was removed."""
    root = features_root(work_dir)
    removed = []
    if root.is_dir():
        for leftover in [*root.glob("*/.*.partial"), *root.glob("*/.*.old")]:
            shutil.rmtree(leftover, ignore_errors=True)
            removed.append(leftover)
    return removed


class StoreWriter:
    """Append spectrograms in batches into a partial folder; `commit` makes the store visible atomically."""

    def __init__(self, folder: Path, batch_bytes: int = 32 << 20) -> None:
        self.folder = Path(folder)
        self.partial = self.folder.parent / f".{self.folder.name}.partial"
        if self.partial.exists():
            shutil.rmtree(self.partial)
        (self.partial / MMAP_NAME).mkdir(parents=True)
        self._mmap = None
        self._pending: list[np.ndarray] = []
        self._batch_bytes = batch_bytes  # mmap_ninja reopens every file per extend: append in large batches
        self._pending_bytes = 0
        self.count = 0
        self.total_frames = 0
        self.frames_min: int | None = None
        self.frames_max = 0

    def add(self, spectrogram: np.ndarray) -> None:
        array = np.ascontiguousarray(spectrogram, dtype=np.uint16)
        if array.ndim != 2 or array.shape[1] != CHANNELS:
            raise ValueError(f"a spectrogram must be [frames, {CHANNELS}], got {array.shape}")
        self._pending.append(array)
        self._pending_bytes += array.nbytes
        self.count += 1
        self.total_frames += array.shape[0]
        self.frames_min = array.shape[0] if self.frames_min is None else min(self.frames_min, array.shape[0])
        self.frames_max = max(self.frames_max, array.shape[0])
        if self._pending_bytes >= self._batch_bytes:
            self._flush()

    def _flush(self) -> None:
        if not self._pending:
            return
        from mmap_ninja.ragged import RaggedMmap

        if self._mmap is None:
            self._mmap = RaggedMmap.from_lists(self.partial / MMAP_NAME, self._pending, dtype=np.uint16)
        else:
            self._mmap.extend(self._pending)
        self._pending = []
        self._pending_bytes = 0

    def commit(self, info: dict[str, Any]) -> dict[str, Any]:
        """Write store.json, then swap the partial folder in for the old store (if any)."""
        self._flush()
        self._mmap = None
        full = {
            "format": STORE_FORMAT,
            "count": self.count,
            "total_frames": self.total_frames,
            "frames_min": self.frames_min or 0,
            "frames_max": self.frames_max,
            "dtype": "uint16",
            "channels": CHANNELS,
            "raw_per_float": RAW_PER_FLOAT,
            "step_ms": STEP_MS,
            "created": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
            **info,
        }
        (self.partial / INFO_NAME).write_text(json.dumps(full, indent=2, sort_keys=True), encoding="utf-8")
        old = self.folder.parent / f".{self.folder.name}.old"
        if old.exists():
            shutil.rmtree(old)
        if self.folder.exists():
            self.folder.rename(old)
        self.partial.rename(self.folder)
        shutil.rmtree(old, ignore_errors=True)
        return full

    def abort(self) -> None:
        self._mmap = None
        shutil.rmtree(self.partial, ignore_errors=True)
