"""Wake word metrics, exactly as SPEC §5 defines them; pure numpy, vectorised over the 101 cutoffs.

Decision rule (the same in every function, see `detection`): a score *detects* when it is **strictly above**
the cutoff. Float probabilities compare as `p > cutoff`; raw uint8 device outputs compare as the device does,
`raw > int(cutoff × 255)` (window mean likewise). So cutoff 1.0 never detects and cutoff 0.0 detects every
non-zero score.

Ratios whose denominator is zero take documented values instead of NaN (and never warn):
recall, false negative rate, false positive rate, accuracy and F1 → 0.0; precision → 1.0 (no prediction
made, so none was wrong: the usual start of a PR curve).
"""

from __future__ import annotations

import numpy as np

from wakesmith.evaluation.detection import device_threshold, window_sums

CUTOFFS: np.ndarray = np.linspace(0.0, 1.0, 101)
#: Upper end of the FAH range that average viable recall integrates over.
VIABLE_FAH_LIMIT = 2.0


def _ratio(numerator: np.ndarray, denominator: np.ndarray, empty: float) -> np.ndarray:
    numerator = np.asarray(numerator, dtype=np.float64)
    denominator = np.asarray(denominator, dtype=np.float64)
    out = np.full(np.broadcast(numerator, denominator).shape, float(empty))
    np.divide(numerator, denominator, out=out, where=denominator != 0)
    return out


def _count_above(sorted_values: np.ndarray, cutoffs: np.ndarray, raw: bool) -> np.ndarray:
    """How many of `sorted_values` lie strictly above each cutoff (device integer threshold when raw)."""
    thresholds = np.array([device_threshold(c) for c in cutoffs], dtype=np.float64) if raw else cutoffs
    return sorted_values.size - np.searchsorted(sorted_values, thresholds, side="right")


def classification_metrics(
    probabilities: np.ndarray, labels: np.ndarray, cutoffs: np.ndarray = CUTOFFS
) -> dict[str, np.ndarray]:
    """Per-cutoff confusion counts and rates of one score per labelled clip.

    `probabilities`: float in [0, 1], or raw uint8 device outputs (then compared with int(cutoff × 255)).
    `labels`: truthy = wake word. Returns arrays (one value per cutoff) under recall, precision, f1,
    accuracy, false_positive_rate, false_negative_rate, tp, fp, tn, fn (counts as int64).
    """
    scores = np.asarray(probabilities).ravel()
    truth = np.asarray(labels).ravel().astype(bool)
    if scores.shape != truth.shape:
        raise ValueError(f"{scores.size} probabilities but {truth.size} labels")
    cutoffs = np.asarray(cutoffs, dtype=np.float64)
    raw = scores.dtype == np.uint8
    values = scores.astype(np.float64)
    positives = np.sort(values[truth])
    negatives = np.sort(values[~truth])
    tp = _count_above(positives, cutoffs, raw)
    fp = _count_above(negatives, cutoffs, raw)
    fn = positives.size - tp
    tn = negatives.size - fp
    recall = _ratio(tp, tp + fn, 0.0)
    precision = _ratio(tp, tp + fp, 1.0)
    return {
        "recall": recall,
        "precision": precision,
        "f1": _ratio(2.0 * precision * recall, precision + recall, 0.0),
        "accuracy": _ratio(tp + tn, np.full(cutoffs.shape, scores.size), 0.0),
        "false_positive_rate": _ratio(fp, fp + tn, 0.0),
        "false_negative_rate": _ratio(fn, tp + fn, 0.0),
        "tp": tp.astype(np.int64),
        "fp": fp.astype(np.int64),
        "tn": tn.astype(np.int64),
        "fn": fn.astype(np.int64),
    }


def _accepts_with_cooldown(crossings: np.ndarray, cooldown_steps: int) -> int:
    """Greedy count of crossings (sorted step indices) that follow the previous accept by more than the cool-down.

    Loops over accepts only (few), skipping blocked crossings with a binary search.
    """
    count = 0
    position = 0
    while position < crossings.size:
        count += 1
        position = int(np.searchsorted(crossings, crossings[position] + cooldown_steps, side="right"))
    return count


def false_accept_counts(
    streams: list[np.ndarray], cutoffs: np.ndarray = CUTOFFS, cooldown_steps: int = 75, sliding_window: int = 1
) -> np.ndarray:
    """False accepts per cutoff summed over streams (no division by hours); see `false_accepts_per_hour`."""
    cutoffs = np.asarray(cutoffs, dtype=np.float64)
    counts = np.zeros(cutoffs.shape, dtype=np.int64)
    for stream in streams:
        stream = np.asarray(stream)
        if stream.size == 0:
            continue
        sums = window_sums(stream, sliding_window)
        raw = stream.dtype == np.uint8
        for index, cutoff in enumerate(cutoffs):
            limit = device_threshold(cutoff) * sliding_window if raw else float(cutoff) * sliding_window
            crossings = np.flatnonzero(sums > limit)
            counts[index] += _accepts_with_cooldown(crossings, cooldown_steps)
    return counts


def false_accepts_per_hour(
    streams: list[np.ndarray],
    hours: float,
    cutoffs: np.ndarray = CUTOFFS,
    cooldown_steps: int = 75,
    sliding_window: int = 1,
) -> np.ndarray:
    """False accepts per hour of ambient audio at each cutoff (SPEC §5).

    Each stream is one recording's model outputs, one per stride (float probabilities or raw uint8). The score
    at a step is the mean of the last `sliding_window` outputs (window zero-filled at the stream start, like
    the device; 1 = raw outputs). A step is a false accept when its score is strictly above the cutoff and no
    false accept happened in the previous `cooldown_steps` steps (an accept at step i blocks i+1 … i+cooldown).
    Streams are independent: the cool-down does not carry across them. Returns zeros when `hours` is 0.
    """
    counts = false_accept_counts(streams, cutoffs, cooldown_steps, sliding_window)
    if hours < 0:
        raise ValueError(f"hours must be >= 0, got {hours}")
    return _ratio(counts, np.full(counts.shape, float(hours)), 0.0)


def _curve_by_fah(recall: np.ndarray, fah: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Points sorted by FAH, then recall, so vertical steps come out in rising order."""
    recall = np.asarray(recall, dtype=np.float64).ravel()
    fah = np.asarray(fah, dtype=np.float64).ravel()
    if recall.shape != fah.shape:
        raise ValueError(f"{recall.size} recall values but {fah.size} FAH values")
    order = np.lexsort((recall, fah))
    return fah[order], recall[order]


def average_viable_recall(recall: np.ndarray, fah: np.ndarray) -> float:
    """Area under recall against FAH over [0, 2] FAH, divided by 2 (so a perfect model scores 1.0).

    Points are the per-cutoff (FAH, recall) pairs sorted by FAH and joined by straight lines (trapezoid rule),
    starting from (0 FAH, 0 recall), which a cutoff above every score always reaches. Where the curve passes
    2 FAH, recall at exactly 2 is linearly interpolated between the last point at or below 2 and the first
    above it. When every cutoff stays below 2 FAH, recall is held at its last (largest-FAH) value up to 2, since
    no cutoff could trade more false accepts for more recall. Empty input → 0.0.
    """
    x, y = _curve_by_fah(recall, fah)
    if x.size == 0:
        return 0.0
    limit = VIABLE_FAH_LIMIT
    xs = np.concatenate(([0.0], x))
    ys = np.concatenate(([0.0], y))
    beyond = np.flatnonzero(xs > limit)
    if beyond.size == 0:
        xs = np.append(xs, limit)
        ys = np.append(ys, ys[-1])
    else:
        k = int(beyond[0])  # k >= 1 because xs[0] == 0
        end = ys[k - 1] + (ys[k] - ys[k - 1]) * (limit - xs[k - 1]) / (xs[k] - xs[k - 1])
        xs = np.append(xs[:k], limit)
        ys = np.append(ys[:k], end)
    area = float(np.sum((xs[1:] - xs[:-1]) * (ys[1:] + ys[:-1]) / 2.0))
    return area / limit


def recall_at_fah(
    recall: np.ndarray, fah: np.ndarray, target: float, cutoffs: np.ndarray = CUTOFFS
) -> tuple[float, float]:
    """(recall, cutoff): the most recall among cutoffs whose FAH is at or below `target`.

    Among cutoffs with that same recall the highest is chosen: it buys the most margin against false
    accepts the ambient test audio did not happen to contain, at no cost in measured recall (small
    ambient sets otherwise ship cutoffs like 0.06). With the strict rule the cutoff 1.0 never accepts, so
    some cutoff always qualifies when 1.0 is among the cutoffs; if none does, returns (0.0, highest cutoff).
    """
    recall = np.asarray(recall, dtype=np.float64).ravel()
    fah = np.asarray(fah, dtype=np.float64).ravel()
    cutoffs = np.asarray(cutoffs, dtype=np.float64).ravel()
    if not (recall.size == fah.size == cutoffs.size):
        raise ValueError("recall, fah and cutoffs must have one value per cutoff")
    ok = np.flatnonzero(fah <= target)
    if ok.size == 0:
        return 0.0, float(cutoffs.max())
    best_recall = recall[ok].max()
    tied = ok[recall[ok] == best_recall]
    best = tied[np.argmax(cutoffs[tied])]
    return float(recall[best]), float(cutoffs[best])


def roc_points(recall: np.ndarray, fah: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Wake word ROC: (FAH, false rejection rate = 1 − recall), sorted by FAH for plotting."""
    x, y = _curve_by_fah(recall, fah)
    return x, 1.0 - y


def pr_points(recall: np.ndarray, precision: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Precision–recall curve: (recall, precision) sorted by recall, then precision descending."""
    recall = np.asarray(recall, dtype=np.float64).ravel()
    precision = np.asarray(precision, dtype=np.float64).ravel()
    order = np.lexsort((-precision, recall))
    return recall[order], precision[order]
