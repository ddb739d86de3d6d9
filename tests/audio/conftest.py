"""Tiny audio files made at test time, and a dataset folder factory."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import numpy as np
import pytest
import soundfile as sf

from wakesmith.audio.layout import DATASET_KINDS


def tone(seconds: float, rate: int = 16000, amplitude: float = 0.3, channels: int = 1, seed: int = 0) -> np.ndarray:
    """A 440 Hz tone with a little noise (never silent, never clipped unless amplitude > 1)."""
    rng = np.random.default_rng(seed)
    t = np.arange(int(round(seconds * rate))) / rate
    signal = amplitude * np.sin(2 * np.pi * 440 * t) + 0.01 * rng.standard_normal(t.size)
    signal = np.clip(signal, -1.0, 1.0)
    return np.stack([signal] * channels, axis=1) if channels > 1 else signal


def write(path: Path, samples: np.ndarray, rate: int = 16000, subtype: str = "PCM_16") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    sf.write(str(path), samples, rate, subtype=subtype)
    return path


@pytest.fixture
def dataset(tmp_path: Path) -> Path:
    """An empty dataset layout with one good file per required kind."""
    root = tmp_path / "dataset"
    for kind in DATASET_KINDS:
        (root / kind).mkdir(parents=True)
    write(root / "positive" / "good.wav", tone(1.0))
    write(root / "negative" / "good.wav", tone(2.0, seed=1))
    return root


BAD_FILES = {
    # name: (writer, expected message fragment)
    "rate.wav": (lambda p: write(p, tone(1.0, rate=44100), rate=44100), "wrong sample rate: 44100 Hz"),
    "pcm24.wav": (lambda p: write(p, tone(1.0), subtype="PCM_24"), "not 16-bit PCM: PCM_24"),
    "float.wav": (lambda p: write(p, tone(1.0), subtype="FLOAT"), "not 16-bit PCM: FLOAT"),
    "stereo.wav": (lambda p: write(p, tone(1.0, channels=2)), "not mono: 2 channels"),
    "empty.wav": (lambda p: p.write_bytes(b""), "empty: 0 bytes"),
    "noframes.wav": (lambda p: write(p, np.zeros(0)), "empty: no samples"),
    "short.wav": (lambda p: write(p, tone(0.1)), "too short: 0.10 s"),
    "long.wav": (lambda p: write(p, tone(6.0)), "too long: 6.0 s"),
    "silent.wav": (lambda p: write(p, np.zeros(16000)), "silent: peak -inf dBFS"),
    "quiet.wav": (lambda p: write(p, tone(1.0, amplitude=0.0001) * 0.01), "silent: peak"),
    "clipped.wav": (lambda p: write(p, np.clip(tone(1.0, amplitude=4.0), -1, 1)), "clipped:"),
    "corrupt.wav": (lambda p: p.write_bytes(b"RIFF\x10\x00\x00\x00WAVEfmt " + bytes(range(200))), "unreadable:"),
    "garbage.flac": (lambda p: p.write_bytes(b"fLaC" + b"\x00" * 50), "unreadable:"),
}


@pytest.fixture
def audio() -> SimpleNamespace:
    """Helpers for tests (importlib import mode: tests cannot import conftest directly)."""
    return SimpleNamespace(tone=tone, write=write, bad_files=BAD_FILES)
