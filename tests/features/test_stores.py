"""Feature stores: layout, dtype, lossless values, skip/rebuild rules, atomic writes, resume, determinism."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from wakesmith.features.build import build_features
from wakesmith.features.frontend import compute_features, raw_to_float
from wakesmith.features.plan import ClipJob, noise_pools, plan_stores
from wakesmith.features.sources import clip_key, read_clip
from wakesmith.features.stores import (
    AMBIENT_SPLITS,
    CLIP_SPLITS,
    MMAP_NAME,
    StoreWriter,
    open_store,
    read_info,
    split_dir,
    store_path,
)
from wakesmith.features.worker import WorkerSetup, init_worker, render_clip

ALL_STORES = [(s, p) for s in ("positive", "negative", "background") for p in CLIP_SPLITS] + [
    ("background", p) for p in AMBIENT_SPLITS
]


def store_bytes(work: Path) -> dict[str, bytes]:
    root = work / "features"
    return {
        str(p.relative_to(root)): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file() and p.name != "store.json"
    }


def test_layout_dtype_and_counts(tiny_project):
    config, records = tiny_project
    summary = build_features(config, workers=1, records=records)
    assert len(summary.built) == len(ALL_STORES) and not summary.skipped
    for set_name, split in ALL_STORES:
        folder = split_dir(config.features.work_dir, set_name, split)
        assert store_path(config.features.work_dir, set_name, split) == folder / MMAP_NAME
        info = read_info(folder)
        store = open_store(folder)
        assert len(store) == info["count"]
        assert info["total_frames"] == sum(store[i].shape[0] for i in range(len(store)))
        for i in range(len(store)):
            assert store[i].dtype == np.uint16 and store[i].shape[1] == 40
    positives = [r for r in records if r.kind == "positive" and r.split == "train"]
    training = open_store(split_dir(config.features.work_dir, "positive", "training"))
    assert len(training) == len(positives) * 2 * 3  # files × repetitions × slides
    assert {training[i].shape[0] for i in range(len(training))} == {148 - 2}  # 1.5 s = 148 frames, 3 slides
    # Slides of one clip: the first ends at the clip end, each next one a frame earlier.
    np.testing.assert_array_equal(training[1][1:], training[0][:-1])
    np.testing.assert_array_equal(training[2][1:], training[1][:-1])
    assert not np.array_equal(training[0], training[1])
    ambient = read_info(split_dir(config.features.work_dir, "background", "validation_ambient"))
    assert ambient["count"] == 6 and abs(ambient["hours"] - 1198 * 0.01 / 3600) < 1e-9  # 12 s file, 2 s windows


def test_stored_values_equal_float_features_exactly(tiny_project):
    """uint16 raw storage has zero error against the float features of the same augmented clip."""
    config, records = tiny_project
    build_features(config, workers=1, records=records)
    positive = next(r for r in records if r.kind == "positive" and r.split == "validation")
    specs, backgrounds = plan_stores(config.features, records)
    f = config.features
    setup = WorkerSetup(
        f.augmentation,
        f.clip_duration_s,
        f.word_end_offset_s,
        f.seed,
        config.dataset.root,
        backgrounds=[read_clip(r, config.dataset.root) for r in backgrounds],
        pools=noise_pools(backgrounds),
        impulse_responses=[read_clip(r, config.dataset.root) for r in records if r.kind == "rir"],
    )
    init_worker(setup)
    raw = render_clip(ClipJob(positive, "positive", clip_key(positive.relative_path), 0, "heldout"))
    stored = open_store(split_dir(f.work_dir, "positive", "validation"))[0]
    np.testing.assert_array_equal(stored, raw)
    assert np.max(np.abs(raw_to_float(stored) - raw_to_float(raw))) == 0.0
    assert compute_features(np.zeros(480, np.int16)).dtype == np.float32


def test_rerun_skips_and_changes_rebuild_only_affected_stores(tiny_project):
    config, records = tiny_project
    build_features(config, workers=1, records=records)
    stamps = {k: read_info(split_dir(config.features.work_dir, *k))["created"] for k in ALL_STORES}
    again = build_features(config, workers=1, records=records)
    assert not again.built and len(again.skipped) == len(ALL_STORES)

    config.features.augmentation.gain = 0.5  # affects augmented stores only
    changed = build_features(config, workers=1, records=records)
    assert set(changed.skipped) == {f"background/{s}" for s in AMBIENT_SPLITS}

    edited = [r if r.relative_path != "negative/n0.wav" else _with_hash(r, "edited") for r in records]
    rebuilt = build_features(config, workers=1, records=edited)
    assert rebuilt.built == ["negative/training"]
    assert stamps  # the first build wrote every store


def _with_hash(record, content_hash):
    from dataclasses import replace

    return replace(record, content_hash=content_hash)


def test_killed_run_leaves_old_store_and_resumes(tiny_project):
    config, records = tiny_project
    build_features(config, workers=1, records=records)
    before = store_bytes(config.features.work_dir)
    folder = split_dir(config.features.work_dir, "positive", "training")
    count = read_info(folder)["count"]

    # A kill while rewriting a store: the partial folder holds half a store, the old store is intact.
    writer = StoreWriter(folder)
    writer.add(np.zeros((10, 40), np.uint16))
    writer._flush()
    assert writer.partial.is_dir() and len(open_store(folder)) == count
    # A kill between the two renames of a commit: the store folder is gone, only `.old` remains.
    folder.rename(folder.parent / ".training.old")
    summary = build_features(config, workers=1, records=records)
    assert summary.built == ["positive/training"]
    assert not list(folder.parent.glob(".*"))  # leftovers cleaned
    assert store_bytes(config.features.work_dir) == before


def test_same_stores_for_any_worker_count(tiny_project, tmp_path):
    config, records = tiny_project
    build_features(config, workers=1, records=records)
    one = store_bytes(config.features.work_dir)
    config.features.work_dir = tmp_path / "work2"
    summary = build_features(config, workers=2, records=records)
    assert summary.workers == 2
    assert store_bytes(config.features.work_dir) == one
    info = json.loads((split_dir(tmp_path / "work2", "positive", "training") / "store.json").read_text())
    assert info["dtype"] == "uint16" and info["slide_frames"] == 3


def test_open_store_errors_clearly(tmp_path):
    from wakesmith.errors import WakesmithError

    with pytest.raises(WakesmithError, match="wakesmith features"):
        open_store(tmp_path / "positive" / "training")
    empty = StoreWriter(tmp_path / "empty")
    empty.commit({})
    assert len(open_store(tmp_path / "empty")) == 0


def test_interrupted_build_resumes_from_finished_chunks(tiny_project, tmp_path, monkeypatch):
    import wakesmith.features.build as build_module
    from wakesmith.features.build import Progress

    monkeypatch.setattr(build_module, "CHUNK_CLIPS", 4)  # several resumable chunks even on a tiny dataset
    config, records = tiny_project
    full = build_features(config, workers=1, records=records)
    clean = store_bytes(config.features.work_dir)

    class StopAfter(Progress):
        def __init__(self, limit: int) -> None:
            self.limit, self.seen, self.total = limit, 0, None

        def start(self, total: int) -> None:
            self.total = total

        def advance(self, units: int) -> None:
            self.seen += units
            if self.seen >= self.limit:
                raise KeyboardInterrupt  # what Ctrl-C does; a SIGKILL leaves the same files behind

    config.features.work_dir = tmp_path / "resumed"
    first = StopAfter(40)
    with pytest.raises(KeyboardInterrupt):
        build_features(config, workers=2, records=records, progress=first)
    shards = list((tmp_path / "resumed" / "features").glob("*/.*.shards/chunk*.npz"))
    assert shards, "finished chunks are kept"
    second = StopAfter(10**9)
    resumed = build_features(config, workers=1, records=records, progress=second)
    assert second.total < first.total and resumed.clips < full.clips  # only the missing chunks were computed
    assert store_bytes(tmp_path / "resumed") == clean
    assert not list((tmp_path / "resumed" / "features").glob("*/.*"))  # shards and partials are gone
