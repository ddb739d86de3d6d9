"""Reading the feature stores evaluation needs, and summarising them for the report and model card.

Stores follow the features stage's contract: `<work>/features/<set>/<split>/spectrograms_mmap/` (a RaggedMmap
of uint16 [frames, 40]) beside a `store.json`. Only `count` and frame totals are read from store.json, with
the store itself as the fallback, so the summary does not break when that file gains fields.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from wakesmith.errors import WakesmithError
from wakesmith.features.frontend import STEP_MS

LABELLED_SETS = ("positive", "negative", "background")
SPLITS = ("training", "validation", "testing", "validation_ambient", "testing_ambient")
MMAP_NAME = "spectrograms_mmap"


def split_dir(work_dir: Path, set_name: str, split: str) -> Path:
    return Path(work_dir) / "features" / set_name / split


def open_split(work_dir: Path, set_name: str, split: str, required: bool = False) -> Any:
    """The RaggedMmap of one store, or None when it does not exist (WakesmithError if `required`)."""
    from mmap_ninja.ragged import RaggedMmap

    path = split_dir(work_dir, set_name, split) / MMAP_NAME
    if not path.is_dir():
        if required:
            raise WakesmithError(f"feature store {path} not found: run `wakesmith features --config CFG` first")
        return None
    try:
        return RaggedMmap(path)
    except Exception as error:  # a half-written or foreign folder
        raise WakesmithError(f"cannot open feature store {path}: {error}; re-run `wakesmith features`") from None


@dataclass(frozen=True)
class StoreSummary:
    set_name: str
    split: str
    count: int
    frames: int | None
    hours: float | None
    config_hash: str | None
    sources: int | None = None

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def _first(meta: dict[str, Any], *keys: str) -> Any:
    for key in keys:
        if key in meta:
            return meta[key]
    return None


def _source_count(meta: dict[str, Any]) -> int | None:
    """How many source recordings a store was built from, when store.json lists them."""
    value = _first(meta, "source_count", "sources", "source_hashes", "source_files")
    if isinstance(value, int):
        return value
    return len(value) if isinstance(value, list | dict) else None


def store_summaries(work_dir: Path) -> list[StoreSummary]:
    """One summary per existing store.json under `<work>/features` (sets in pipeline order)."""
    root = Path(work_dir) / "features"
    found: list[StoreSummary] = []
    if not root.is_dir():
        return found
    set_names = sorted(p.name for p in root.iterdir() if p.is_dir())
    ordered = [s for s in LABELLED_SETS if s in set_names] + [s for s in set_names if s not in LABELLED_SETS]
    for set_name in ordered:
        for split in SPLITS:
            meta_path = split_dir(work_dir, set_name, split) / "store.json"
            if not meta_path.is_file():
                continue
            try:
                meta = json.loads(meta_path.read_text(encoding="utf-8"))
            except (OSError, json.JSONDecodeError):
                meta = {}
            count = _first(meta, "count", "clips", "samples")
            frames = _first(meta, "total_frames", "frames", "frame_count")
            if count is None:
                store = open_split(work_dir, set_name, split)
                count = len(store) if store is not None else 0
            hours = frames * STEP_MS / 1000.0 / 3600.0 if isinstance(frames, int | float) else None
            found.append(
                StoreSummary(
                    set_name=set_name,
                    split=split,
                    count=int(count),
                    frames=int(frames) if isinstance(frames, int | float) else None,
                    hours=hours,
                    config_hash=_first(meta, "config_hash", "config_digest", "hash"),
                    sources=_source_count(meta),
                )
            )
    return found
