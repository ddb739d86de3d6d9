"""Ingestion: headers only, every file accounted for, hash cache reuse and invalidation."""

from __future__ import annotations

import os

import numpy as np

from wakesmith.audio.filecache import FileCache, hash_file
from wakesmith.audio.ingest import scan, scan_dataset
from wakesmith.config.models import DatasetConfig


def test_scan_reads_headers_and_assigns_splits(dataset, audio):
    audio.write(dataset / "positive" / "deep" / "nested" / "x.flac", audio.tone(0.5))
    audio.write(dataset / "background" / "long.wav", audio.tone(3.0, rate=48000, channels=2), rate=48000)
    records = {r.relative_path: r for r in scan_dataset(DatasetConfig(root=dataset))}
    assert set(records) == {
        "positive/good.wav",
        "negative/good.wav",
        "positive/deep/nested/x.flac",
        "background/long.wav",
    }
    flac = records["positive/deep/nested/x.flac"]
    assert (flac.kind, flac.sample_rate, flac.channels, flac.sample_format, flac.frames) == (
        "positive",
        16000,
        1,
        "PCM_16",
        8000,
    )
    assert flac.in_device_format and abs(flac.duration_s - 0.5) < 1e-6
    long = records["background/long.wav"]
    assert (long.sample_rate, long.channels, long.kind) == (48000, 2, "background") and not long.in_device_format
    assert all(r.split in ("train", "validation", "test") for r in records.values())
    assert records["positive/good.wav"].content_hash == hash_file(dataset / "positive" / "good.wav")


def test_corrupt_file_becomes_a_record_and_scan_continues(dataset, audio):
    (dataset / "positive" / "a_corrupt.wav").write_bytes(b"RIFF\x00\x00\x00\x00WAVE" + b"\x01" * 100)
    (dataset / "negative" / "readme.txt").write_text("not audio")
    (dataset / "negative" / ".hidden.wav").write_bytes(b"junk")
    result = scan(DatasetConfig(root=dataset))
    by_path = {r.relative_path: r for r in result.records}
    assert by_path["positive/a_corrupt.wav"].read_error
    assert not by_path["positive/a_corrupt.wav"].readable
    assert by_path["positive/good.wav"].readable  # scanned after the corrupt one (sorted order)
    assert result.ignored == ["negative/readme.txt"]
    assert ".hidden.wav" not in " ".join(by_path)


def test_missing_kind_folders_are_reported(tmp_path, audio):
    audio.write(tmp_path / "positive" / "a.wav", audio.tone(1.0))
    result = scan(DatasetConfig(root=tmp_path))
    assert result.missing_kinds == ["negative", "background", "rir"]


def test_hash_cache_reused_and_invalidated_by_mtime(dataset, audio):
    config = DatasetConfig(root=dataset)
    first = scan(config)
    assert first.cache.misses == 2 and first.cache.hits == 0
    second = scan(config)
    assert second.cache.hits == 2 and second.cache.misses == 0
    target = dataset / "positive" / "good.wav"
    stat = target.stat()
    os.utime(target, ns=(stat.st_atime_ns, stat.st_mtime_ns + 5_000_000_000))
    third = scan(config)
    assert third.cache.misses == 1 and third.cache.hits == 1


def test_changed_content_gets_new_hash(dataset, audio):
    config = DatasetConfig(root=dataset)
    before = {r.relative_path: r.content_hash for r in scan_dataset(config)}
    audio.write(dataset / "positive" / "good.wav", audio.tone(1.5, seed=9))
    after = {r.relative_path: r.content_hash for r in scan_dataset(config)}
    assert before["positive/good.wav"] != after["positive/good.wav"]
    assert before["negative/good.wav"] == after["negative/good.wav"]


def test_corrupt_cache_file_is_ignored(dataset):
    cache = FileCache(dataset)
    cache.path.parent.mkdir(parents=True, exist_ok=True)
    cache.path.write_text("{not json")
    records = scan_dataset(DatasetConfig(root=dataset))
    assert len(records) == 2 and all(r.content_hash for r in records)


def test_splits_do_not_depend_on_dataset_location(dataset, tmp_path):
    first = {r.relative_path: r.split for r in scan_dataset(DatasetConfig(root=dataset))}
    moved = tmp_path / "elsewhere"
    os.rename(dataset, moved)
    second = {r.relative_path: r.split for r in scan_dataset(DatasetConfig(root=moved))}
    assert first == second
    assert np.all([p.startswith(("positive/", "negative/")) for p in first])
