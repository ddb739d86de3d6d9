"""Metrics against small hand-computed cases (expected numbers worked out by hand in the comments)."""

from __future__ import annotations

import warnings

import numpy as np
import pytest

from wakesmith.evaluation.metrics import (
    CUTOFFS,
    average_viable_recall,
    classification_metrics,
    false_accepts_per_hour,
    pr_points,
    recall_at_fah,
    roc_points,
)


def test_cutoffs_are_101_steps_of_one_hundredth():
    assert CUTOFFS.shape == (101,)
    assert CUTOFFS[0] == 0.0 and CUTOFFS[-1] == 1.0
    assert np.allclose(np.diff(CUTOFFS), 0.01)


def test_classification_metrics_hand_case():
    # positives 0.9 0.6 0.3, negatives 0.7 0.2 0.5; detected = strictly above the cutoff
    probabilities = np.array([0.9, 0.6, 0.3, 0.7, 0.2, 0.5])
    labels = np.array([1, 1, 1, 0, 0, 0])
    m = classification_metrics(probabilities, labels, np.array([0.0, 0.5, 0.6, 1.0]))
    # c=0: all detected. c=0.5: tp 0.9,0.6; fp 0.7 (0.5 is not above). c=0.6: tp 0.9; fp 0.7. c=1: none.
    assert m["tp"].tolist() == [3, 2, 1, 0]
    assert m["fp"].tolist() == [3, 1, 1, 0]
    assert m["tn"].tolist() == [0, 2, 2, 3]
    assert m["fn"].tolist() == [0, 1, 2, 3]
    assert m["recall"] == pytest.approx([1, 2 / 3, 1 / 3, 0])
    assert m["precision"] == pytest.approx([0.5, 2 / 3, 0.5, 1.0])  # 0/0 at c=1 → 1.0 by definition
    assert m["f1"] == pytest.approx([2 / 3, 2 / 3, 0.4, 0.0])
    assert m["accuracy"] == pytest.approx([0.5, 4 / 6, 0.5, 0.5])
    assert m["false_positive_rate"] == pytest.approx([1.0, 1 / 3, 1 / 3, 0.0])
    assert m["false_negative_rate"] == pytest.approx([0.0, 1 / 3, 2 / 3, 1.0])


def test_classification_metrics_raw_uint8_uses_device_threshold():
    # cutoff 0.5 → int(127.5) = 127: 128 detects, 127 does not; 200 (negative) detects
    m = classification_metrics(np.array([128, 127, 200], np.uint8), np.array([1, 1, 0]), np.array([0.5]))
    assert (m["tp"][0], m["fn"][0], m["fp"][0], m["tn"][0]) == (1, 1, 1, 0)
    # CUTOFFS[60] = 0.6 → 153 exactly, despite 0.6 × 255 being 152.999… or 153.000…1 in floating point
    m = classification_metrics(np.array([153, 154], np.uint8), np.array([1, 1]), CUTOFFS)
    assert m["recall"][60] == 0.5


def test_classification_metrics_empty_classes_give_documented_values_without_warnings():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        m = classification_metrics(np.array([0.2, 0.8]), np.array([0, 0]), np.array([0.5]))
        empty = classification_metrics(np.array([]), np.array([]), np.array([0.5]))
    assert m["recall"][0] == 0.0 and m["false_negative_rate"][0] == 0.0
    assert m["false_positive_rate"][0] == 0.5 and m["precision"][0] == 0.0
    assert empty["accuracy"][0] == 0.0 and empty["precision"][0] == 1.0
    assert not any(np.isnan(v).any() for v in m.values())


def test_classification_metrics_rejects_mismatched_lengths():
    with pytest.raises(ValueError):
        classification_metrics(np.array([0.1, 0.2]), np.array([1]))


def test_false_accepts_per_hour_hand_case_with_cooldown():
    one = np.array([0.9, 0.1, 0.8, 0.9, 0.1, 0.95])
    two = np.array([0.6, 0.6])
    cutoffs = np.array([0.5, 0.92, 1.0])
    # cool-down 2: an accept at i blocks i+1, i+2.
    # c=0.5: stream one crosses at 0,2,3,5 → accept 0, (2 blocked), 3, (5 blocked) = 2; stream two: 0, (1) = 1
    # c=0.92: only step 5 (0.95) = 1. c=1.0: none. Over 0.5 h: 3/0.5 = 6, 1/0.5 = 2, 0.
    fah = false_accepts_per_hour([one, two], 0.5, cutoffs, cooldown_steps=2)
    assert fah == pytest.approx([6.0, 2.0, 0.0])
    # no cool-down: every crossing counts: 4 + 2 = 6 at c=0.5 → 12/h
    assert false_accepts_per_hour([one, two], 0.5, cutoffs, cooldown_steps=0)[0] == pytest.approx(12.0)


def test_false_accepts_per_hour_sliding_window_float_and_device_rule():
    # window 2 (zero before the start): means 0.4 0.4 0.4 0.8 0.4 → one accept above 0.5
    floats = np.array([0.8, 0.0, 0.8, 0.8, 0.0])
    assert false_accepts_per_hour([floats], 1.0, np.array([0.5]), sliding_window=2)[0] == 1.0
    raw = np.array([200, 0, 200, 200, 0], np.uint8)  # sums 200 200 200 400 200, limit 127 × 2 = 254
    assert false_accepts_per_hour([raw], 1.0, np.array([0.5]), sliding_window=2)[0] == 1.0
    # device: mean 127.5 > int(127.5) = 127 → accept; float: 127.5 / 255 = 0.5 is not above 0.5
    assert false_accepts_per_hour([np.array([128, 127], np.uint8)], 1.0, np.array([0.5]), sliding_window=2)[0] == 1
    assert false_accepts_per_hour([np.array([128, 127]) / 255.0], 1.0, np.array([0.5]), sliding_window=2)[0] == 0


def test_false_accepts_per_hour_matches_a_step_by_step_loop():
    rng = np.random.default_rng(0)
    streams = [rng.integers(0, 256, size=n).astype(np.uint8) for n in (500, 37, 1200)]
    cutoffs = CUTOFFS[::7]
    expected = []
    for cutoff in cutoffs:  # the reference's counter loop, in device integer units, window 3
        total = 0
        for stream in streams:
            since, ring = 10**9, [0, 0, 0]
            for value in stream:
                ring = ring[1:] + [int(value)]
                since += 1
                if sum(ring) > int(np.floor(cutoff * 255 + 1e-9)) * 3 and since > 20:
                    total += 1
                    since = 0
        expected.append(total / 2.0)
    got = false_accepts_per_hour(streams, 2.0, cutoffs, cooldown_steps=20, sliding_window=3)
    assert got == pytest.approx(expected)


def test_average_viable_recall_interpolates_at_two_fah():
    # curve (0,0) (1,0.5) (4,1): recall at 2 FAH = 0.5 + 0.5/3 = 2/3
    # area = 1 × 0.25 + 1 × (0.5 + 2/3)/2 = 0.25 + 7/12 = 5/6 → / 2 = 5/12
    assert average_viable_recall(np.array([1.0, 0.5, 0.0]), np.array([4.0, 1.0, 0.0])) == pytest.approx(5 / 12)


def test_average_viable_recall_holds_last_recall_when_all_below_two():
    # points (0,0) (0,0.6) (1,0.8), then held at 0.8 to 2: 0.7 + 0.8 = 1.5 → 0.75
    assert average_viable_recall(np.array([0.8, 0.6, 0.0]), np.array([1.0, 0.0, 0.0])) == pytest.approx(0.75)
    assert average_viable_recall(np.array([1.0, 1.0, 0.0]), np.zeros(3)) == pytest.approx(1.0)


def test_average_viable_recall_all_points_beyond_two():
    # only (4, 1): line from (0,0) → recall 0.5 at 2; area 0.5 → 0.25
    assert average_viable_recall(np.array([1.0]), np.array([4.0])) == pytest.approx(0.25)
    assert average_viable_recall(np.array([]), np.array([])) == 0.0


def test_recall_at_fah_picks_most_recall_then_highest_cutoff():
    recall = np.array([1.0, 0.9, 0.5, 0.0])
    fah = np.array([3.0, 0.6, 0.4, 0.0])
    cutoffs = np.array([0.0, 0.3, 0.6, 1.0])
    assert recall_at_fah(recall, fah, 0.5, cutoffs) == (0.5, 0.6)
    assert recall_at_fah(recall, fah, 0.6, cutoffs) == (0.9, 0.3)  # at or below the target
    assert recall_at_fah(recall, fah, 0.0, cutoffs) == (0.0, 1.0)
    assert recall_at_fah(np.array([1.0, 0.8]), np.array([3.0, 2.0]), 1.0, np.array([0.1, 0.2])) == (0.0, 0.2)
    # Equal recall at several qualifying cutoffs: the highest one keeps the most margin.
    tied = recall_at_fah(
        np.array([0.9, 0.8, 0.8, 0.8, 0.1]),
        np.array([2.0, 0.0, 0.0, 0.0, 0.0]),
        0.5,
        np.array([0.1, 0.2, 0.3, 0.4, 0.5]),
    )
    assert tied == (0.8, 0.4)


def test_roc_and_pr_points():
    fah, frr = roc_points(np.array([1.0, 0.5, 0.0]), np.array([4.0, 1.0, 0.0]))
    assert fah.tolist() == [0.0, 1.0, 4.0] and frr.tolist() == [1.0, 0.5, 0.0]
    recall, precision = pr_points(np.array([1.0, 0.5, 0.0]), np.array([0.5, 0.8, 1.0]))
    assert recall.tolist() == [0.0, 0.5, 1.0] and precision.tolist() == [1.0, 0.8, 0.5]
