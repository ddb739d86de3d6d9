"""Resumable work units of a store being built: finished chunks survive a killed run.

A store's work is cut into chunks (a few hundred clips, or one ambient recording). Each finished chunk's raw
spectrograms are saved as one shard file in `.<split>.shards/` next to the store folder (written to a temp
name, then renamed, so a shard is complete or absent). Re-running with the same config and source hashes
computes only the missing chunks; the store is then assembled from the shards in order and the shards are
deleted. Shards hold full-clip spectrograms (before slides), ~1/10 of a training store's size.
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import numpy as np

from wakesmith.features.frontend import CHANNELS

RESUME_NAME = "resume.json"


def shard_folder(store_folder: Path) -> Path:
    return Path(store_folder).parent / f".{Path(store_folder).name}.shards"


class ShardSet:
    """The shards of one store; wiped when they were made with other settings or sources."""

    def __init__(
        self, store_folder: Path, config_hash: str, source_hash: str, chunks: int, fresh: bool = False
    ) -> None:
        self.folder = shard_folder(store_folder)
        self.chunks = chunks
        stamp = {"config_hash": config_hash, "source_hash": source_hash, "chunks": chunks}
        try:
            current = json.loads((self.folder / RESUME_NAME).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            current = None
        if fresh or current != stamp:
            shutil.rmtree(self.folder, ignore_errors=True)
        self.folder.mkdir(parents=True, exist_ok=True)
        for leftover in self.folder.glob("*.tmp*"):
            leftover.unlink()
        (self.folder / RESUME_NAME).write_text(json.dumps(stamp), encoding="utf-8")

    def _path(self, chunk: int) -> Path:
        return self.folder / f"chunk{chunk:06d}.npz"

    def done(self, chunk: int) -> bool:
        return self._path(chunk).is_file()

    def missing(self) -> list[int]:
        return [chunk for chunk in range(self.chunks) if not self.done(chunk)]

    def write(self, chunk: int, arrays: list[np.ndarray]) -> None:
        lengths = np.array([a.shape[0] for a in arrays], np.int64)
        frames = np.concatenate(arrays) if arrays else np.zeros((0, CHANNELS), np.uint16)
        temporary = self.folder / f"chunk{chunk:06d}.tmp.npz"
        with temporary.open("wb") as handle:
            np.savez(handle, frames=frames.astype(np.uint16, copy=False), lengths=lengths)
            handle.flush()
            os.fsync(handle.fileno())
        temporary.replace(self._path(chunk))

    def read(self, chunk: int) -> list[np.ndarray]:
        with np.load(self._path(chunk)) as data:
            frames, lengths = data["frames"], data["lengths"]
        return np.split(frames, np.cumsum(lengths)[:-1]) if lengths.size else []

    def discard(self) -> None:
        shutil.rmtree(self.folder, ignore_errors=True)
