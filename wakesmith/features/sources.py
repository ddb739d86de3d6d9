"""Where the feature stage gets its audio: the data stage's scan and reader, behind two small functions.

The data stage (`wakesmith.audio.ingest` / `wakesmith.audio.loading`) owns file discovery, split assignment
and format conversion; the feature stage only asks for records and int16 samples.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import numpy as np

from wakesmith.audio.conversion import has_valid_copy
from wakesmith.audio.ingest import scan_dataset
from wakesmith.audio.loading import read_samples
from wakesmith.audio.records import SampleRecord
from wakesmith.config.models import DatasetConfig
from wakesmith.errors import WakesmithError

# Dataset split names (data stage) → store split names (SPEC §4).
STORE_SPLITS = {"train": "training", "validation": "validation", "test": "testing"}


def scan_records(dataset: DatasetConfig) -> list[SampleRecord]:
    """Every dataset file with its split assigned (the data stage's scan)."""
    return scan_dataset(dataset)


def read_clip(record: SampleRecord, dataset_root: Path) -> np.ndarray:
    """One file's samples as mono int16 at 16 kHz (the `validate --fix` copy when the original is not)."""
    return np.asarray(read_samples(record, dataset_root), np.int16)


def check_usable(records: list[SampleRecord], dataset_root: Path) -> None:
    """Fail before any work when a required kind is empty or a file cannot be read as device audio."""
    for kind in ("positive", "negative"):
        if not any(r.kind == kind for r in records):
            raise WakesmithError(
                f"no {kind} audio in {dataset_root / kind}: add WAV/FLAC files or run `wakesmith synth` "
                "(see `wakesmith validate`)"
            )
    broken = [r.relative_path for r in records if getattr(r, "read_error", None)]
    if broken:
        raise WakesmithError(
            f"{len(broken)} unreadable audio file(s), e.g. {broken[0]}; fix or remove them (see `wakesmith validate`)"
        )
    unconverted = [
        r.relative_path
        for r in records
        if not getattr(r, "in_device_format", True) and not has_valid_copy(r, Path(dataset_root))
    ]
    if unconverted:
        raise WakesmithError(
            f"{len(unconverted)} file(s) not in 16 kHz 16-bit mono, e.g. {unconverted[0]}; "
            "run `wakesmith validate --fix` to write converted copies"
        )


def clip_key(relative_path: str) -> int:
    """A stable 63-bit id of a file, so its augmentation does not change when other files come or go."""
    return int.from_bytes(hashlib.sha256(relative_path.encode("utf-8")).digest()[:8], "little") >> 1


def sources_digest(records: list[SampleRecord]) -> str:
    """Hash of the files a store is built from (path, content hash, split), independent of listing order."""
    digest = hashlib.sha256()
    for record in sorted(records, key=lambda r: r.relative_path):
        digest.update(f"{record.relative_path}\0{record.content_hash}\0{record.split}\n".encode())
    return digest.hexdigest()[:16]
