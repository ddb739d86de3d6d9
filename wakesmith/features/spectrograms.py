"""From frontend output to the spectrograms a store holds: slides of clips, windows of ambient audio."""

from __future__ import annotations

import numpy as np

from wakesmith.features.frontend import STEP_MS


def slides(spectrogram: np.ndarray, count: int) -> list[np.ndarray]:
    """`count` equal-length views of a clip's spectrogram, ending 0, 1, …, count−1 frames before its end.

    Each drops `count − 1` frames in total, so the word end sits 0…count−1 frames closer to the window's
    end: the streaming model sees the detection point at slightly different times (SPEC §4).
    """
    frames = spectrogram.shape[0]
    if count <= 1:
        return [spectrogram]
    if count > frames:
        raise ValueError(f"{count} slides need at least {count} frames, the clip has {frames}")
    length = frames - count + 1
    return [spectrogram[count - 1 - k : count - 1 - k + length] for k in range(count)]


def window_frames(window_s: float) -> int:
    """Frames in one ambient window."""
    return max(1, int(round(window_s * 1000 / STEP_MS)))


def ambient_windows(raw: np.ndarray, window_s: float, min_window_s: float = 1.0) -> list[np.ndarray]:
    """Consecutive, non-overlapping windows of a long recording's spectrogram.

    The recording runs through one frontend (as a device listening continuously would); a last partial
    window is kept when it has at least `min_window_s` of frames, so little audio is lost from the hours count.
    """
    size = window_frames(window_s)
    minimum = min(size, window_frames(min_window_s))
    return [raw[i : i + size] for i in range(0, raw.shape[0], size) if raw[i : i + size].shape[0] >= minimum]
