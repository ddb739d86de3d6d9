"""Tiny generated audio for the source tests."""

from __future__ import annotations

import numpy as np
import pytest


@pytest.fixture
def tone() -> callable:
    """tone(seconds, rate, channels, freq) → float32 [frames, channels] sine at half scale."""

    def make(seconds: float, rate: int, channels: int = 1, freq: float = 440.0) -> np.ndarray:
        t = np.arange(int(seconds * rate)) / rate
        mono = (0.5 * np.sin(2 * np.pi * freq * t)).astype(np.float32)
        return np.repeat(mono[:, None], channels, axis=1)

    return make
