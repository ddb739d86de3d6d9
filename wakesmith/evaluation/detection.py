"""The device's detection rule on a stream of model outputs (SPEC §2), and the helpers metrics share with it.

One decision rule everywhere in wakesmith: a stream *detects* at a cutoff when its score is **strictly above**
the cutoff. On raw uint8 outputs (what ESPHome reads) the comparison is the device's integer one,
`sum(last window) > int(cutoff × 255) × window` (≡ mean > int(cutoff × 255)); on float probabilities it is
`mean(last window) > cutoff`. For a window of 1 both agree exactly with `raw / 255 > cutoff`.
A cutoff of 1.0 therefore never detects, which gives every recall/FAH curve its (0 FAH, 0 recall) end.
"""

from __future__ import annotations

import math

import numpy as np

#: Feature frames (10 ms each) after start and after each detection during which the device does not detect.
REFRACTORY_FRAMES = 100


def device_threshold(cutoff: float) -> int:
    """The uint8 threshold the device compares against: int(cutoff × 255).

    A tiny epsilon keeps cutoffs such as 0.6 (= 153.0 exactly, 152.99999… in floating point) on the
    integer the device's configuration code computes.
    """
    return int(math.floor(float(cutoff) * 255.0 + 1e-9))


def window_sums(stream: np.ndarray, sliding_window: int) -> np.ndarray:
    """Sum of the last `sliding_window` values at each step; the window starts zeroed, as on the device.

    Returned as float64 (exact for uint8 sums).
    """
    if sliding_window < 1:
        raise ValueError(f"sliding_window must be >= 1, got {sliding_window}")
    values = np.asarray(stream, dtype=np.float64).ravel()
    if sliding_window == 1:
        return values.copy()
    cumulative = np.concatenate(([0.0], np.cumsum(values)))
    ends = np.arange(1, values.size + 1)
    starts = np.maximum(ends - sliding_window, 0)
    return cumulative[ends] - cumulative[starts]


def scores_above(stream: np.ndarray, cutoff: float, sliding_window: int = 1) -> np.ndarray:
    """Boolean per step: does the (windowed) score lie strictly above the cutoff? See the module rule."""
    sums = window_sums(stream, sliding_window)
    if np.asarray(stream).dtype == np.uint8:
        return sums > device_threshold(cutoff) * sliding_window
    return sums > float(cutoff) * sliding_window


def detection_events(
    raw_uint8_stream: np.ndarray,
    cutoff: float,
    sliding_window: int,
    refractory_frames: int = REFRACTORY_FRAMES,
    stride: int = 3,
) -> np.ndarray:
    """Inference indices (0-based, one per `stride` feature frames) at which ESPHome would report the wake word.

    Device rule (ESPHome `WakeWordModel`): every inference appends its uint8 output to a ring of
    `sliding_window` values (zeros at start); a detection needs the ring's sum strictly above
    int(cutoff × 255) × window, and at least `refractory_frames` feature frames processed since start or since
    the previous detection. A detection zeroes the ring (the model's state is kept). Step `j` is eligible
    when `(j + 1) × stride >= refractory_frames` at start, and `(j − i) × stride >= refractory_frames` after a
    detection at step `i`.
    """
    raw = np.asarray(raw_uint8_stream)
    if raw.dtype != np.uint8:
        raise TypeError(f"detection_events needs raw uint8 outputs, got {raw.dtype}")
    raw = raw.ravel().astype(np.int64)
    n = raw.size
    if n == 0:
        return np.zeros(0, dtype=np.int64)
    limit = device_threshold(cutoff) * sliding_window
    gap = max(math.ceil(refractory_frames / stride), 1)
    cumulative = np.concatenate(([0], np.cumsum(raw)))
    full = window_sums(raw, sliding_window)  # ring contents when no reset happened within the window
    candidates = np.flatnonzero(full > limit)
    events: list[int] = []
    first = max(math.ceil(refractory_frames / stride) - 1, 0)
    last_reset = -1  # step after which the ring was last zeroed (-1: start, ring zeroed before step 0)
    while True:
        # Steps still inside the window after a reset see only outputs produced after the reset.
        found = -1
        partial_end = min(last_reset + sliding_window, n)  # steps last_reset+1 .. last_reset+window-1 are partial
        for step in range(max(first, last_reset + 1), partial_end):
            if cumulative[step + 1] - cumulative[last_reset + 1] > limit:
                found = step
                break
        if found < 0:
            position = np.searchsorted(candidates, max(first, partial_end))
            if position >= candidates.size:
                break
            found = int(candidates[position])
        events.append(found)
        last_reset = found
        first = found + gap
        if first >= n:
            break
    return np.asarray(events, dtype=np.int64)
