"""Clip shaping for synthetic speech: trim silence to a margin, pad to a minimum length, set the level.

Float arrays throughout (1.0 = full scale); `to_int16` at the end. Pure functions of their inputs, so a
seed fully determines the output.
"""

from __future__ import annotations

import numpy as np

from wakesmith.audio.conversion import float_to_int16
from wakesmith.audio.layout import SAMPLE_RATE


def to_float(samples: np.ndarray) -> np.ndarray:
    return samples.astype(np.float32) / 32768.0 if samples.dtype == np.int16 else samples.astype(np.float32)


def to_int16(samples: np.ndarray) -> np.ndarray:
    return float_to_int16(samples)


def trim_silence(samples: np.ndarray, margin_s: float, threshold_db: float = -40.0) -> np.ndarray:
    """Leading/trailing audio quieter than `threshold_db` below the peak cut to exactly `margin_s` each side.

    Uses 10 ms frame RMS, so a single click does not count as speech.
    """
    if samples.size == 0:
        return samples
    frame = SAMPLE_RATE // 100
    count = samples.size // frame
    if count == 0:
        return samples
    rms = np.sqrt(np.mean(samples[: count * frame].reshape(count, frame).astype(np.float64) ** 2, axis=1))
    peak = float(rms.max())
    if peak <= 0:
        return samples
    active = np.flatnonzero(rms >= peak * 10 ** (threshold_db / 20))
    margin = int(round(margin_s * SAMPLE_RATE))
    first, last = int(active[0]) * frame, (int(active[-1]) + 1) * frame
    trimmed = samples[max(0, first - margin) : min(samples.size, last + margin)]
    before = max(0, margin - first)  # the source had less than the margin: add silence
    after = max(0, last + margin - samples.size)
    if before or after:
        trimmed = np.concatenate([np.zeros(before, samples.dtype), trimmed, np.zeros(after, samples.dtype)])
    return trimmed


def pad_to(samples: np.ndarray, min_s: float) -> np.ndarray:
    """Zero-pad both ends equally up to `min_s` seconds (short words still meet the dataset's minimum)."""
    missing = int(round(min_s * SAMPLE_RATE)) - samples.size
    if missing <= 0:
        return samples
    before = missing // 2
    return np.concatenate([np.zeros(before, samples.dtype), samples, np.zeros(missing - before, samples.dtype)])


def set_peak(samples: np.ndarray, peak_dbfs: float) -> np.ndarray:
    peak = float(np.max(np.abs(samples))) if samples.size else 0.0
    return samples if peak <= 0 else samples * np.float32(10 ** (peak_dbfs / 20) / peak)


def set_rms(samples: np.ndarray, rms_dbfs: float) -> np.ndarray:
    rms = float(np.sqrt(np.mean(samples.astype(np.float64) ** 2))) if samples.size else 0.0
    return samples if rms <= 0 else samples * np.float32(10 ** (rms_dbfs / 20) / rms)


def limit_peak(samples: np.ndarray, max_dbfs: float = -1.0) -> np.ndarray:
    """Scale down (never up) so the peak is at most `max_dbfs`: mixed signals must not clip."""
    peak = float(np.max(np.abs(samples))) if samples.size else 0.0
    ceiling = 10 ** (max_dbfs / 20)
    return samples * np.float32(ceiling / peak) if peak > ceiling else samples
