"""Find every audio file under dataset/{positive,negative,background,rir} and describe it from its header.

Headers only (soundfile.info), plus a content hash that is cached by path, size and mtime, so re-scanning a
large dataset is cheap. A file soundfile cannot open still becomes a record (with `read_error` set): nothing
is skipped silently, and later stages refuse it with a clear message instead of a crash.
"""

from __future__ import annotations

import logging
import os
import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path

import soundfile as sf

from wakesmith.audio.filecache import FileCache
from wakesmith.audio.layout import AUDIO_SUFFIXES, DATASET_KINDS
from wakesmith.audio.records import SampleRecord
from wakesmith.audio.splits import assign_splits
from wakesmith.config.models import DatasetConfig

log = logging.getLogger(__name__)

Progress = Callable[[int, int], None]  # (done, total)


@dataclass
class ScanResult:
    """Records of all audio files, plus files that were not considered audio (reported, not read)."""

    records: list[SampleRecord] = field(default_factory=list)
    ignored: list[str] = field(default_factory=list)  # relative paths with other suffixes
    missing_kinds: list[str] = field(default_factory=list)  # kind folders that do not exist
    cache: FileCache | None = None


def list_kind_files(root: Path, kind: str) -> tuple[list[Path], list[Path]]:
    """(audio files, other files) under root/kind, sorted, hidden files and folders excluded."""
    audio: list[Path] = []
    other: list[Path] = []
    base = root / kind
    for folder, dirnames, filenames in os.walk(base):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in sorted(filenames):
            if name.startswith("."):
                continue
            path = Path(folder) / name
            (audio if path.suffix.lower() in AUDIO_SUFFIXES else other).append(path)
    return audio, other


def read_header(path: Path, relative_path: str, kind: str, content_hash: str) -> SampleRecord:
    """A record from the file's header; an unreadable file gives a record with `read_error`."""
    try:
        info = sf.info(str(path))
        frames = int(info.frames)
        rate = int(info.samplerate)
        return SampleRecord(
            path=path,
            relative_path=relative_path,
            kind=kind,
            duration_s=frames / rate if rate else 0.0,
            sample_rate=rate,
            channels=int(info.channels),
            sample_format=str(info.subtype),
            frames=frames,
            content_hash=content_hash,
        )
    except Exception as error:  # libsndfile raises several types for corrupt files; none may stop the scan
        text = str(error).strip().splitlines()[-1] if str(error).strip() else type(error).__name__
        reason = re.sub(r"^Error opening .*?: ", "", text)
        return unreadable_record(path, relative_path, kind, content_hash, reason)


def unreadable_record(path: Path, relative_path: str, kind: str, content_hash: str, reason: str) -> SampleRecord:
    return SampleRecord(
        path=path,
        relative_path=relative_path,
        kind=kind,
        duration_s=0.0,
        sample_rate=0,
        channels=0,
        sample_format="unreadable",
        frames=0,
        content_hash=content_hash,
        read_error=reason,
    )


def scan(config: DatasetConfig, progress: Progress | None = None, save_cache: bool = True) -> ScanResult:
    """Scan the dataset: records with splits assigned, ignored files, missing kind folders."""
    root = Path(config.root)
    result = ScanResult()
    files: list[tuple[str, Path]] = []
    for kind in DATASET_KINDS:
        if not (root / kind).is_dir():
            result.missing_kinds.append(kind)
            continue
        audio, other = list_kind_files(root, kind)
        files.extend((kind, path) for path in audio)
        result.ignored.extend(path.relative_to(root).as_posix() for path in other)
    cache = FileCache(root)
    result.cache = cache
    records: list[SampleRecord] = []
    for index, (kind, path) in enumerate(files):
        relative = path.relative_to(root).as_posix()
        try:
            stat = path.stat()
            digest = cache.content_hash(path, relative, stat)
        except OSError as error:
            records.append(unreadable_record(path, relative, kind, "", error.strerror or str(error)))
        else:
            records.append(read_header(path, relative, kind, digest))
        if progress is not None:
            progress(index + 1, len(files))
    cache.prune({record.relative_path for record in records})
    if save_cache:
        cache.save()
    splits = assign_splits((r.relative_path for r in records), config.splits, config.group_pattern)
    result.records = [replace(record, split=splits[record.relative_path]) for record in records]
    return result


def scan_dataset(config: DatasetConfig) -> list[SampleRecord]:
    """Every audio file of the dataset as a record (headers only), split assigned.

    Unreadable files are included with `read_error` set (and logged); non-audio files are logged and left out.
    """
    result = scan(config)
    for relative in result.ignored:
        log.warning("%s: not a .wav or .flac file; ignored", relative)
    for record in result.records:
        if record.read_error:
            log.warning("%s: unreadable (%s)", record.relative_path, record.read_error)
    return result.records
