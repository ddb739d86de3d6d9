"""Per-file facts cached under the dataset root, so re-scanning 10 000 files costs stat calls, not reads.

An entry is keyed by the file's relative path and is only trusted while the file's size and mtime_ns are
unchanged. Besides the content hash it can hold the content statistics that validation computes (peak,
clipped fraction), which are costly for hours-long background files. The cache is a convenience: a missing,
corrupt or read-only cache only makes the scan slower, never wrong.
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path
from typing import Any

from wakesmith.atomic import write_text_atomic
from wakesmith.audio.layout import CACHE_DIRNAME

CACHE_VERSION = 1
HASH_CHUNK = 1 << 20


def cache_dir(dataset_root: Path) -> Path:
    return Path(dataset_root) / CACHE_DIRNAME


def hash_file(path: Path) -> str:
    """blake2b (128-bit) of the file bytes, read in 1 MiB chunks so huge files stay cheap in memory."""
    digest = hashlib.blake2b(digest_size=16)
    with open(path, "rb") as handle:
        while chunk := handle.read(HASH_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


class FileCache:
    """JSON map relative path → {size, mtime_ns, hash, ...}, loaded once and saved atomically."""

    def __init__(self, dataset_root: Path, name: str = "files.json") -> None:
        self.path = cache_dir(dataset_root) / name
        self.entries: dict[str, dict[str, Any]] = {}
        self.dirty = False
        self.hits = 0
        self.misses = 0
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
            if data.get("version") == CACHE_VERSION and isinstance(data.get("entries"), dict):
                self.entries = data["entries"]
        except (OSError, ValueError, AttributeError):
            self.entries = {}

    def lookup(self, relative_path: str, stat: os.stat_result) -> dict[str, Any] | None:
        """The cached entry when size and mtime still match, else None."""
        entry = self.entries.get(relative_path)
        if entry and entry.get("size") == stat.st_size and entry.get("mtime_ns") == stat.st_mtime_ns:
            return entry
        return None

    def content_hash(self, path: Path, relative_path: str, stat: os.stat_result) -> str:
        """The file's hash, from the cache when the file is unchanged; a changed file drops its old facts."""
        entry = self.lookup(relative_path, stat)
        if entry is not None and "hash" in entry:
            self.hits += 1
            return entry["hash"]
        self.misses += 1
        digest = hash_file(path)
        self.entries[relative_path] = {"size": stat.st_size, "mtime_ns": stat.st_mtime_ns, "hash": digest}
        self.dirty = True
        return digest

    def get_fact(self, relative_path: str, content_hash: str, name: str) -> Any:
        """A cached fact (e.g. content stats) valid for exactly this content."""
        entry = self.entries.get(relative_path)
        if entry and entry.get("hash") == content_hash:
            return entry.get(name)
        return None

    def set_fact(self, relative_path: str, content_hash: str, name: str, value: Any) -> None:
        entry = self.entries.get(relative_path)
        if entry and entry.get("hash") == content_hash:
            entry[name] = value
            self.dirty = True

    def prune(self, keep: set[str]) -> None:
        """Forget files that no longer exist."""
        stale = set(self.entries) - keep
        for key in stale:
            del self.entries[key]
        self.dirty = self.dirty or bool(stale)

    def save(self) -> bool:
        """Write atomically; returns False (and keeps going) when the dataset folder is read-only."""
        if not self.dirty:
            return True
        try:
            payload = {"version": CACHE_VERSION, "entries": self.entries}
            write_text_atomic(self.path, json.dumps(payload, separators=(",", ":")))
        except OSError:
            return False
        self.dirty = False
        return True
