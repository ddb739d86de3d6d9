"""Fingerprints of a stage's inputs, so `run` can skip a stage whose inputs did not change."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from wakesmith.atomic import write_text_atomic


def config_digest(*sections: BaseModel) -> str:
    """Hash of config sections (paths included), stable across runs."""
    payload = [section.model_dump(mode="json") for section in sections]
    return hashlib.sha256(json.dumps(payload, sort_keys=True).encode()).hexdigest()[:16]


def file_digest(path: Path) -> str | None:
    """Hash of a file's bytes, or None when it does not exist."""
    if not path.is_file():
        return None
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()[:16]


def tree_digest(folder: Path, pattern: str = "store.json") -> str | None:
    """Hash of the small metadata files under a folder (e.g. every feature store's store.json)."""
    files = sorted(folder.rglob(pattern)) if folder.is_dir() else []
    if not files:
        return None
    digest = hashlib.sha256()
    for path in files:
        digest.update(str(path.relative_to(folder)).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


class PipelineState:
    """The fingerprints each stage last completed with, kept in one JSON file in the work folder."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._data: dict[str, Any] = json.loads(path.read_text()) if path.is_file() else {}

    def is_current(self, stage: str, fingerprint: str) -> bool:
        return self._data.get(stage) == fingerprint

    def record(self, stage: str, fingerprint: str) -> None:
        self._data[stage] = fingerprint
        write_text_atomic(self.path, json.dumps(self._data, indent=2, sort_keys=True))
