"""Resume state: model and optimizer variables, the step, and the selection state, in one atomic file.

The random state needs no saving beyond the step and seed: batches are a pure function of (seed, step)
(`rng`). The file is written to a temporary name and renamed, so a kill leaves either the old or the new
checkpoint, never half of one.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

STATE_FILE = "state.npz"


@dataclass
class TrainState:
    step: int
    seed: int
    model_values: list[np.ndarray]
    optimizer_values: list[np.ndarray]
    best_metrics: dict | None = None
    extra: dict = field(default_factory=dict)  # e.g. the fingerprint of the settings that must not change


def save_state(directory: Path, state: TrainState) -> Path:
    directory.mkdir(parents=True, exist_ok=True)
    arrays = {f"model_{i}": v for i, v in enumerate(state.model_values)}
    arrays.update({f"optimizer_{i}": v for i, v in enumerate(state.optimizer_values)})
    meta = {
        "step": state.step,
        "seed": state.seed,
        "model_count": len(state.model_values),
        "optimizer_count": len(state.optimizer_values),
        "best_metrics": state.best_metrics,
        "extra": state.extra,
    }
    arrays["meta"] = np.frombuffer(json.dumps(meta).encode(), dtype=np.uint8)
    target = directory / STATE_FILE
    tmp = directory / (STATE_FILE + ".tmp.npz")
    with open(tmp, "wb") as handle:
        np.savez(handle, **arrays)
        handle.flush()
        os.fsync(handle.fileno())
    tmp.replace(target)
    return target


def load_state(directory: Path) -> TrainState | None:
    """The saved state, or None when there is no checkpoint."""
    path = directory / STATE_FILE
    if not path.exists():
        return None
    with np.load(path) as data:
        meta = json.loads(bytes(data["meta"]).decode())
        return TrainState(
            step=int(meta["step"]),
            seed=int(meta["seed"]),
            model_values=[data[f"model_{i}"] for i in range(meta["model_count"])],
            optimizer_values=[data[f"optimizer_{i}"] for i in range(meta["optimizer_count"])],
            best_metrics=meta.get("best_metrics"),
            extra=meta.get("extra", {}),
        )
