"""Streaming helpers: clip scores in device-equivalent units and ambient streams fed in whole strides."""

from __future__ import annotations

import numpy as np

from wakesmith.evaluation.metrics import classification_metrics
from wakesmith.evaluation.scoring import ambient_stream, clip_score, engine_agreement, store_scores


def test_clip_score_is_ceiling_of_best_eligible_window_mean():
    stream = np.array([0, 255, 255, 0, 0, 10], np.uint8)
    # window 2 sums: 0 255 510 255 0 10. 6 frames ignored (stride 3) → steps from 1: best 510 → mean 255
    assert clip_score(stream, 2, 3, ignore_frames=6) == 255
    # 12 frames ignored → steps from 3: best 255 → mean 127.5 → 128 (127.5 > 127 like the device at cutoff 0.5)
    assert clip_score(stream, 2, 3, ignore_frames=12) == 128
    assert classification_metrics(np.array([128], np.uint8), np.array([1]), np.array([0.5]))["tp"][0] == 1
    assert clip_score(stream, 2, 3, ignore_frames=300) == 0  # never leaves the start suppression


def test_store_scores_reset_per_clip_and_drop_partial_strides(echo_runner, make_frames):
    runner = echo_runner()
    clips = [make_frames([9, 9, 40, 9, 9, 90, 255]), make_frames([1, 2])]  # 7 frames → 2 strides: outputs 40, 90
    scores = store_scores(runner, clips, 3, 1, ignore_frames=0)
    assert scores.tolist() == [90, 0]
    assert runner.resets == 2


def test_ambient_stream_carries_partial_strides_across_windows(echo_runner, make_frames):
    runner = echo_runner()
    stream, count = ambient_stream(runner, [make_frames([1, 2, 3, 4]), make_frames([5, 6, 7, 8, 9])], 3)
    # joined frames 1..9 in strides (1,2,3) (4,5,6) (7,8,9): last of each
    assert stream.tolist() == [3, 6, 9]
    assert count == 9 and runner.resets == 1


def test_engine_agreement_reports_largest_difference(echo_runner, make_frames):
    clips = [make_frames([10] * 6), make_frames([250] * 3)]
    result = engine_agreement(echo_runner(), echo_runner(offset=2), clips, 3)
    # 10 vs 12 twice; 250 vs 252 once → largest difference 2 over 3 inferences
    assert result["max_abs_diff_raw"] == 2 and result["steps"] == 3 and result["clips"] == 2
