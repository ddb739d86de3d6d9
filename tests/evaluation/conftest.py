"""Fixtures for evaluation tests: tiny feature stores, a manifest, and a transparent fake streaming runner."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
from mmap_ninja.ragged import RaggedMmap

from wakesmith.config.models import WakesmithConfig


class EchoRunner:
    """A streaming 'model' whose uint8 output per stride is channel 0 (raw units) of the stride's last frame.

    Makes every score in a test computable by hand from the features written into the stores.
    """

    stride = 3

    def __init__(self, model_bytes: bytes = b"", engine: str = "tflite", arena_size: int | None = None, offset=0):
        self.engine = engine
        self.offset = offset
        self.resets = 0

    def reset(self) -> None:
        self.resets += 1

    def run_raw(self, features: np.ndarray) -> np.ndarray:
        raw = np.rint(np.asarray(features)[:, 0] * 25.6)
        steps = len(raw) // self.stride
        last = raw[self.stride - 1 : steps * self.stride : self.stride]
        return np.clip(last + self.offset, 0, 255).astype(np.uint8)


def frames(values: list[int]) -> np.ndarray:
    """One frame per value, all 40 channels set to it (raw uint16 units)."""
    return np.repeat(np.asarray(values, np.uint16)[:, None], 40, axis=1)


def write_store(work: Path, set_name: str, split: str, clips: list[np.ndarray]) -> None:
    folder = work / "features" / set_name / split
    folder.mkdir(parents=True, exist_ok=True)
    RaggedMmap.from_lists(folder / "spectrograms_mmap", clips)
    meta = {"count": len(clips), "total_frames": int(sum(len(c) for c in clips)), "config_hash": "f00d"}
    (folder / "store.json").write_text(json.dumps(meta))


MANIFEST = {
    "type": "micro",
    "wake_word": "Test Word",
    "author": "tests",
    "model": "test_word.tflite",
    "trained_languages": ["en"],
    "version": 2,
    "micro": {
        "probability_cutoff": 0.97,
        "feature_step_size": 10,
        "sliding_window_size": 1,
        "tensor_arena_size": 20000,
        "minimum_esphome_version": "2024.7.0",
    },
}


@pytest.fixture
def echo_project(tmp_path: Path) -> tuple[WakesmithConfig, Path]:
    """Stores with hand-known scores (see test_pipeline) and a manifest naming a placeholder model file."""
    work = tmp_path / "work"
    write_store(work, "positive", "testing", [frames([200] * 9), frames([100] * 9)])
    write_store(work, "negative", "testing", [frames([50] * 9)])
    ambient_one = frames([0, 0, 150] + [0] * 27)  # step 0 outputs 150, the other 19 steps 0
    write_store(work, "background", "testing_ambient", [ambient_one, frames([0] * 30)])
    write_store(work, "positive", "training", [frames([1] * 5)] * 3)
    model_dir = tmp_path / "model"
    model_dir.mkdir()
    (model_dir / "test_word.tflite").write_bytes(b"not a real model")
    manifest_path = model_dir / "test_word.json"
    manifest_path.write_text(json.dumps(MANIFEST))
    config = WakesmithConfig.model_validate(
        {
            "features": {"work_dir": str(work)},
            "export": {"output_dir": str(model_dir), "model_name": "test_word"},
            "evaluation": {"report_dir": str(tmp_path / "report"), "cooldown_steps": 0, "clip_ignore_frames": 0},
            "training": {"run_dir": str(tmp_path / "run")},
        }
    )
    return config, manifest_path


@pytest.fixture
def echo_runner() -> type[EchoRunner]:
    return EchoRunner


@pytest.fixture
def make_frames():
    return frames


@pytest.fixture
def store_writer_fn():
    return write_store
