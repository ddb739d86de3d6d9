"""Evaluation during training: labelled `validation` windows and false accepts on `validation_ambient`.

Labelled windows are cut deterministically (random → the most recent frames) and scored by the valid-padding
model. Ambient windows are scored by the causal model, whose outputs equal streaming inference from zeroed
buffers, one probability per stride: exactly what the device would produce on that audio.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from wakesmith.config.models import FeatureSetConfig
from wakesmith.evaluation import metrics as wm
from wakesmith.features.frontend import STEP_MS, raw_to_float
from wakesmith.training.pool import cut_windows
from wakesmith.training.stores import load_split

CUTOFF_INDEX = 50  # cutoff 0.50 in metrics.CUTOFFS
PREDICT_BATCH = 512


@dataclass
class ValidationData:
    windows: np.ndarray  # [N, window, 40] uint16
    labels: np.ndarray  # [N] float32
    ambient: list[np.ndarray]  # raw uint16 [frames, 40] per ambient window
    ambient_hours: float

    @property
    def has_ambient(self) -> bool:
        return bool(self.ambient) and self.ambient_hours > 0


def load_validation(feature_sets: list[FeatureSetConfig], window: int, split: str = "validation") -> ValidationData:
    """Labelled windows of every set's `split` and the ambient windows of `<split>_ambient` (when present)."""
    windows, labels, ambient = [], [], []
    for feature_set in feature_sets:
        store = load_split(feature_set.path, split)
        if store is not None and len(store):
            cut = cut_windows(store, window, feature_set.truncation_strategy)
            windows.append(cut)
            labels.append(np.full(len(cut), float(feature_set.truth), np.float32))
        ambient_store = load_split(feature_set.path, f"{split}_ambient")
        if ambient_store is not None and not feature_set.truth:
            ambient.extend(np.array(item) for item in ambient_store.items())
    frames = sum(len(a) for a in ambient)
    return ValidationData(
        windows=np.concatenate(windows) if windows else np.zeros((0, window, 40), np.uint16),
        labels=np.concatenate(labels) if labels else np.zeros(0, np.float32),
        ambient=ambient,
        ambient_hours=frames * STEP_MS / 1000.0 / 3600.0,
    )


def predict_windows(predict: Callable, windows: np.ndarray) -> np.ndarray:
    """Last output per window, in batches (features converted from raw units per batch)."""
    out = [
        predict(raw_to_float(windows[i : i + PREDICT_BATCH]))[:, -1, 0] for i in range(0, len(windows), PREDICT_BATCH)
    ]
    return np.concatenate(out) if out else np.zeros(0, np.float32)


def predict_streams(predict_causal: Callable, items: list[np.ndarray]) -> list[np.ndarray]:
    """Causal outputs [frames // stride] per item; items of equal length are batched together."""
    streams: list[np.ndarray | None] = [None] * len(items)
    by_length: dict[int, list[int]] = {}
    for index, item in enumerate(items):
        by_length.setdefault(len(item), []).append(index)
    for indices in by_length.values():
        for i in range(0, len(indices), PREDICT_BATCH // 8 or 1):
            chunk = indices[i : i + PREDICT_BATCH // 8]
            outputs = predict_causal(raw_to_float(np.stack([items[j] for j in chunk])))[:, :, 0]
            for j, output in zip(chunk, outputs, strict=True):
                streams[j] = np.asarray(output, np.float64)
    return streams  # type: ignore[return-value]


def _bce(probabilities: np.ndarray, labels: np.ndarray) -> float:
    p = np.clip(probabilities.astype(np.float64), 1e-7, 1 - 1e-7)
    return float(np.mean(-(labels * np.log(p) + (1 - labels) * np.log(1 - p)))) if len(p) else float("nan")


def evaluate(
    predict_valid: Callable, predict_causal: Callable, data: ValidationData, cooldown_steps: int
) -> dict[str, object]:
    """Scalar metrics at cutoff 0.5 plus the per-cutoff arrays (as lists, ready for JSON)."""
    probabilities = predict_windows(predict_valid, data.windows)
    result: dict[str, object] = {"loss": _bce(probabilities, data.labels), "examples": int(len(probabilities))}
    curves = wm.classification_metrics(probabilities, data.labels) if len(probabilities) else {}
    for name in ("recall", "precision", "accuracy", "f1", "false_positive_rate"):
        if name in curves:
            result[name] = float(curves[name][CUTOFF_INDEX])
            result[f"{name}_curve"] = [float(v) for v in curves[name]]
    result["ambient_false_accepts_per_hour"] = None
    result["average_viable_recall"] = None
    if data.has_ambient:
        streams = predict_streams(predict_causal, data.ambient)
        fah = wm.false_accepts_per_hour(streams, data.ambient_hours, cooldown_steps=cooldown_steps)
        result["ambient_false_accepts_per_hour"] = float(fah[CUTOFF_INDEX])
        result["ambient_false_accepts_per_hour_curve"] = [float(v) for v in fah]
        result["ambient_hours"] = data.ambient_hours
        if "recall" in curves:
            result["average_viable_recall"] = float(wm.average_viable_recall(curves["recall"], fah))
    return result
