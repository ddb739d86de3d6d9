"""Tiny generated datasets for the feature stage: tone-burst "words", noise backgrounds, decaying RIRs."""

from __future__ import annotations

import hashlib
from pathlib import Path

import numpy as np
import pytest
import soundfile

from wakesmith.audio.records import SampleRecord
from wakesmith.config.models import WakesmithConfig

RATE = 16000


def tone_burst(seconds: float, freq: float = 1000.0, amplitude: float = 0.5, rng=None) -> np.ndarray:
    t = np.arange(int(seconds * RATE)) / RATE
    wave = amplitude * np.sin(2 * np.pi * freq * t)
    if rng is not None:
        wave = wave + 0.05 * rng.standard_normal(t.size)
    return np.clip(wave * 32767, -32768, 32767).astype(np.int16)


def write_wav(root: Path, relative: str, samples: np.ndarray, kind: str, split: str | None) -> SampleRecord:
    path = root / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    soundfile.write(str(path), samples, RATE, subtype="PCM_16")
    return SampleRecord(
        path=path,
        relative_path=relative,
        kind=kind,
        duration_s=samples.size / RATE,
        sample_rate=RATE,
        channels=1,
        sample_format="PCM_16",
        frames=samples.size,
        content_hash=hashlib.sha256(samples.tobytes()).hexdigest()[:16],
        split=split,
    )


def make_dataset(root: Path, positives: int = 4, negatives: int = 3) -> list[SampleRecord]:
    """A few files of every kind, every split represented; words have trailing silence."""
    rng = np.random.default_rng(0)
    records = []
    splits = ["train", "train", "validation", "test"]
    for i in range(positives):
        word = np.concatenate([tone_burst(0.5 + 0.1 * i, 600 + 100 * i, rng=rng), np.zeros(RATE // 4, np.int16)])
        records.append(write_wav(root, f"positive/p{i}.wav", word, "positive", splits[i % 4]))
    for i in range(negatives):
        records.append(
            write_wav(root, f"negative/n{i}.wav", tone_burst(1.2, 300 + 50 * i, 0.3, rng), "negative", splits[i % 4])
        )
    for i, split in enumerate(["train", "validation", "test"]):
        noise = (rng.standard_normal(RATE * 12) * 2000).astype(np.int16)
        records.append(write_wav(root, f"background/b{i}.wav", noise, "background", split))
    for i in range(2):
        decay = np.exp(-np.arange(RATE // 5) / (RATE * 0.03)) * rng.standard_normal(RATE // 5)
        decay[0] = 3.0
        records.append(write_wav(root, f"rir/r{i}.wav", (decay / 4 * 32767).astype(np.int16), "rir", "train"))
    return records


@pytest.fixture
def tiny_project(tmp_path: Path) -> tuple[WakesmithConfig, list[SampleRecord]]:
    records = make_dataset(tmp_path / "dataset")
    config = WakesmithConfig()
    config.dataset.root = tmp_path / "dataset"
    config.features.work_dir = tmp_path / "work"
    config.features.clip_duration_s = 1.5
    config.features.slide_frames = {"training": 3, "validation": 1, "testing": 1}
    config.features.repetitions = {"training": 2, "validation": 1, "testing": 1}
    config.features.ambient_window_s = 2.0
    return config, records


@pytest.fixture
def tone():
    """The tone_burst helper (test modules cannot import conftest under --import-mode=importlib)."""
    return tone_burst
