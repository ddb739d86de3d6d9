"""The device's detection rule: hand cases and a step-by-step ESPHome-like simulation as oracle."""

from __future__ import annotations

import numpy as np
import pytest

from wakesmith.evaluation.detection import detection_events, device_threshold, window_sums


def test_device_threshold_truncates_like_the_device():
    assert device_threshold(0.5) == 127
    assert device_threshold(0.97) == 247  # 247.35
    assert device_threshold(np.linspace(0, 1, 101)[60]) == 153
    assert device_threshold(1.0) == 255


def test_window_sums_start_zero_filled():
    assert window_sums(np.array([1, 2, 3, 4], np.uint8), 3).tolist() == [1, 3, 6, 9]


def test_refractory_period_at_start_and_after_each_detection():
    stream = np.array([200, 200, 200, 200, 0, 200, 200, 200], np.uint8)
    # stride 3, 9 frames: step j eligible once (j+1)·3 ≥ 9 → first step 2; then 3 steps after each detection
    assert detection_events(stream, 0.5, 1, refractory_frames=9, stride=3).tolist() == [2, 5]
    # 10 frames: first eligible step 3 (12 frames), then ceil(10/3) = 4 steps later → 7
    assert detection_events(stream, 0.5, 1, refractory_frames=10, stride=3).tolist() == [3, 7]


def test_window_is_zeroed_after_a_detection():
    stream = np.array([255, 255, 255, 0, 0, 255, 255], np.uint8)
    # window 3, limit 127·3 = 381; refractory one step. step1: 510 → detect, ring zeroed;
    # step2 sees only 255 (it would be 765 without zeroing); 3: 255; 4: 255; 5: 0+0+255; 6: 0+255+255 = 510
    assert detection_events(stream, 0.5, 3, refractory_frames=3, stride=3).tolist() == [1, 6]


def test_strictly_above_threshold():
    stream = np.array([127] * 40 + [128], np.uint8)
    assert detection_events(stream, 0.5, 1, refractory_frames=3, stride=3).tolist() == [40]


def test_rejects_float_streams():
    with pytest.raises(TypeError):
        detection_events(np.array([0.5, 0.9]), 0.5, 1)


def _simulate(stream: np.ndarray, cutoff: float, window: int, refractory: int, stride: int) -> list[int]:
    """ESPHome's WakeWordModel, frame by frame: ignore counter per feature frame, ring per inference."""
    ignore, ring, index, events = -refractory, [0] * window, 0, []
    threshold = device_threshold(cutoff)
    for step, value in enumerate(stream):
        for _ in range(stride):
            ignore = min(ignore + 1, 0)
        ring[index] = int(value)
        index = (index + 1) % window
        if ignore >= 0 and sum(ring) > threshold * window:
            events.append(step)
            ring, ignore = [0] * window, -refractory
    return events


@pytest.mark.parametrize("window,refractory,stride", [(1, 100, 3), (5, 100, 3), (7, 6, 3), (4, 10, 1)])
def test_matches_frame_by_frame_simulation(window, refractory, stride):
    rng = np.random.default_rng(window * 31 + refractory)
    stream = np.clip(rng.normal(150, 70, size=3000), 0, 255).astype(np.uint8)
    for cutoff in (0.5, 0.7, 0.9):
        expected = _simulate(stream, cutoff, window, refractory, stride)
        assert detection_events(stream, cutoff, window, refractory, stride).tolist() == expected
