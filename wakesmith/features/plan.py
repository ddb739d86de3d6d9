"""What to build: one `StoreSpec` per feature store, with the clip jobs and the hashes that make it skippable.

Dataset splits map to store splits (train → training, validation → validation, test → testing). Background
material for mixing is split-aware: training clips mix training background files, validation/testing clips
mix held-out ones (when there are any), so evaluation noise is never the noise the model trained on.
Ambient stores: validation_ambient ← validation background files, testing_ambient ← test background files;
when either split has none, both are cut from the held-out files by `ambient_fraction` (or, with no
held-out file at all, from the training files — flagged in store.json and printed, as FAH is then optimistic).
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path

from wakesmith.audio.records import SampleRecord
from wakesmith.config.models import FeaturesConfig
from wakesmith.errors import WakesmithError
from wakesmith.features.clips import clip_samples
from wakesmith.features.frontend import CHANNELS, SAMPLE_RATE, STEP_MS, WINDOW_MS, frame_count
from wakesmith.features.sources import STORE_SPLITS, clip_key, sources_digest
from wakesmith.features.stores import AMBIENT_SPLITS, CLIP_SPLITS, SETS, split_dir

# Bump when a code change alters what stores contain, so existing stores are rebuilt.
FEATURES_VERSION = 1


@dataclass(frozen=True)
class ClipJob:
    """One augmented clip: a dataset file (or a crop of a background recording) and its repetition."""

    record: SampleRecord
    placement: str  # positive | random
    key: int  # stable id (hash of the relative path + crop index): the clip's seed
    repetition: int
    noise_pool: str  # training | heldout: which background files are mixed in
    background_index: int | None = None  # index into the loaded background list (crops)


@dataclass(frozen=True)
class AmbientJob:
    """Consecutive windows cut from [start, stop) (fractions) of one loaded background recording."""

    background_index: int
    start: float
    stop: float


@dataclass
class StoreSpec:
    set_name: str
    split: str
    folder: Path
    slide_frames: int
    config_hash: str
    source_hash: str
    clips: list[ClipJob] = field(default_factory=list)
    ambient: list[AmbientJob] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    sources: dict[str, str] = field(default_factory=dict)  # relative path → content hash, for store.json

    @property
    def units(self) -> int:
        """Work items for progress: clips, or ambient recordings."""
        return len(self.clips) + len(self.ambient)


def _digest(payload: object) -> str:
    return hashlib.sha256(json.dumps(payload, sort_keys=True, default=str).encode()).hexdigest()[:16]


def _library_versions() -> dict[str, str]:
    """Versions whose upgrade can change augmented audio or features: a new one rebuilds the stores."""
    from importlib.metadata import PackageNotFoundError, version

    found = {}
    for package in ("audiomentations", "pymicro-features"):
        try:
            found[package] = version(package)
        except PackageNotFoundError:
            found[package] = "unknown"
    return found


def store_split(record: SampleRecord) -> str:
    return STORE_SPLITS.get(record.split or "train", "training")


def noise_pools(backgrounds: list[SampleRecord]) -> dict[str, list[int]]:
    """Background indexes used for mixing, per pool; a pool without files falls back to all of them."""
    everything = list(range(len(backgrounds)))
    training = [i for i, r in enumerate(backgrounds) if store_split(r) == "training"]
    heldout = [i for i, r in enumerate(backgrounds) if store_split(r) != "training"]
    return {"training": training or everything, "heldout": heldout or everything}


def ambient_jobs(backgrounds: list[SampleRecord], fraction: tuple[float, float]) -> tuple[dict, list[str]]:
    """Ambient jobs per ambient split, and any warning about where they came from."""
    by_split = {s: [i for i, r in enumerate(backgrounds) if store_split(r) == s] for s in ("validation", "testing")}
    if by_split["validation"] and by_split["testing"]:
        jobs = {f"{s}_ambient": [AmbientJob(i, 0.0, 1.0) for i in by_split[s]] for s in by_split}
        return jobs, []
    pool = by_split["validation"] + by_split["testing"]
    notes = []
    if not pool:
        pool = list(range(len(backgrounds)))
        if pool:
            notes.append(
                "no background file in the validation/test splits: ambient stores are cut from training "
                "background audio, so false accepts per hour will look better than they are; add more background files"
            )
    val, test = fraction
    jobs = {
        "validation_ambient": [AmbientJob(i, 0.0, min(1.0, val)) for i in pool],
        "testing_ambient": [AmbientJob(i, max(0.0, 1.0 - test), 1.0) for i in pool],
    }
    return jobs, notes


def plan_stores(config: FeaturesConfig, records: list[SampleRecord]) -> tuple[list[StoreSpec], list[SampleRecord]]:
    """Every store's spec, and the background recordings (in index order) the jobs refer to."""
    backgrounds = sorted((r for r in records if r.kind == "background"), key=lambda r: r.relative_path)
    rirs = [r for r in records if r.kind == "rir"]
    material = sources_digest(backgrounds + rirs)
    frontend = [SAMPLE_RATE, WINDOW_MS, STEP_MS, CHANNELS]
    clip_settings = {
        "version": FEATURES_VERSION,
        "frontend": frontend,
        "clip_duration_s": config.clip_duration_s,
        "word_end_offset_s": config.word_end_offset_s,
        "augmentation": config.augmentation.model_dump(mode="json"),
        "seed": config.seed,
        "libraries": _library_versions(),
    }
    specs: list[StoreSpec] = []
    for set_name in SETS:
        for split in CLIP_SPLITS:
            members = sorted(
                (r for r in records if r.kind == set_name and store_split(r) == split), key=lambda r: r.relative_path
            )
            slide = max(1, int(config.slide_frames.get(split, 1)))
            if slide > frame_count(clip_samples(config.clip_duration_s)) // 2:
                raise WakesmithError(
                    f"features.slide_frames.{split} = {slide} leaves too little of a "
                    f"{config.clip_duration_s:g} s clip; lower it or lengthen features.clip_duration_s"
                )
            repetitions = max(1, int(config.repetitions.get(split, 1)))
            settings = {**clip_settings, "set": set_name, "slide_frames": slide, "repetitions": repetitions}
            pool = "training" if split == "training" else "heldout"
            jobs = _clip_jobs(set_name, members, backgrounds, repetitions, pool, config.clip_duration_s)
            specs.append(
                StoreSpec(
                    set_name,
                    split,
                    split_dir(config.work_dir, set_name, split),
                    slide,
                    _digest(settings),
                    f"{sources_digest(members)}-{material}",
                    clips=jobs,
                    sources={r.relative_path: r.content_hash for r in members},
                )
            )
    ambient, notes = ambient_jobs(backgrounds, config.ambient_fraction)
    for split in AMBIENT_SPLITS:
        jobs = ambient[split]
        settings = {"version": FEATURES_VERSION, "frontend": frontend, "window_s": config.ambient_window_s}
        settings["fraction"] = config.ambient_fraction
        settings["frontend_version"] = _library_versions()["pymicro-features"]
        specs.append(
            StoreSpec(
                "background",
                split,
                split_dir(config.work_dir, "background", split),
                1,
                _digest(settings),
                f"{sources_digest(backgrounds)}-{_digest([(j.background_index, j.start, j.stop) for j in jobs])}",
                ambient=ambient[split],
                notes=notes,
                sources={
                    backgrounds[job.background_index].relative_path: backgrounds[job.background_index].content_hash
                    for job in ambient[split]
                },
            )
        )
    return specs, backgrounds


def _clip_jobs(
    set_name: str,
    members: list[SampleRecord],
    backgrounds: list[SampleRecord],
    repetitions: int,
    pool: str,
    clip_s: float,
) -> list[ClipJob]:
    jobs = []
    index = {r.relative_path: i for i, r in enumerate(backgrounds)}
    for record in members:
        if set_name == "background":
            # Random crops covering the recording about once per repetition.
            crops = max(1, int(record.duration_s // clip_s))
            for crop in range(crops):
                key = clip_key(f"{record.relative_path}#{crop}")
                for rep in range(repetitions):
                    jobs.append(ClipJob(record, "random", key, rep, pool, index[record.relative_path]))
        else:
            placement = "positive" if set_name == "positive" else "random"
            key = clip_key(record.relative_path)
            jobs.extend(ClipJob(record, placement, key, rep, pool) for rep in range(repetitions))
    return jobs
