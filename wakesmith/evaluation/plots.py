"""PNG plots of the evaluation (matplotlib, Agg backend: no display needed).

Each function writes one figure and returns its path. FAH axes are capped: at low cutoffs a model accepts
thousands of times per hour, which would squash the region a user chooses from (0–a few per hour).
"""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Any

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402

from wakesmith.atomic import atomic_path
from wakesmith.evaluation import metrics as m  # noqa: E402

DPI = 110


def _fah_cap(target: float) -> float:
    return max(5.0, 4.0 * target)


def _save(fig: Any, path: Path) -> Path:
    with atomic_path(path, suffix=".png") as tmp:
        fig.savefig(tmp, dpi=DPI, bbox_inches="tight")
    plt.close(fig)
    return path


def plot_roc(recall, fah_window, fah_raw, target: float, cutoff: float, path: Path, window: int) -> Path:
    """False rejection rate against false accepts per hour: lower left is better."""
    fig, ax = plt.subplots(figsize=(7, 5))
    for fah, label, style in ((fah_window, f"sliding-window mean ({window})", "-"), (fah_raw, "raw outputs", "--")):
        x, y = m.roc_points(recall, fah)
        ax.step(x, y * 100, where="post", linestyle=style, label=label, linewidth=2 if style == "-" else 1.2)
    index = int(np.argmin(np.abs(m.CUTOFFS - cutoff)))
    ax.plot(fah_window[index], (1 - recall[index]) * 100, "o", color="crimson", label=f"chosen cutoff {cutoff:.2f}")
    ax.axvline(target, color="grey", linestyle=":", label=f"target {target:g} FAH")
    cap = _fah_cap(target)
    ax.set_xlim(-0.02 * cap, cap)  # a little room left of 0: a perfect curve runs along the axes
    ax.set_ylim(-2, 102)
    ax.set_xlabel("false accepts per hour (ambient audio)")
    ax.set_ylabel("false rejection rate (%)")
    ax.set_title("ROC: missed wake words vs false accepts")
    ax.grid(alpha=0.3)
    ax.legend(loc="upper right")
    return _save(fig, path)


def plot_cutoff(recall, fah_window, fah_raw, target: float, cutoff: float, path: Path) -> Path:
    """Recall and FAH against the cutoff, the chosen cutoff marked in both panels."""
    fig, (top, bottom) = plt.subplots(2, 1, figsize=(7, 7), sharex=True)
    top.plot(m.CUTOFFS, recall * 100, color="tab:blue", linewidth=2, label="recall")
    top.set_ylabel("recall (%)")
    top.set_ylim(0, 102)
    top.set_title("Recall and false accepts per hour against the cutoff")
    bottom.plot(m.CUTOFFS, fah_window, color="tab:orange", linewidth=2, label="FAH, sliding-window mean")
    bottom.plot(m.CUTOFFS, fah_raw, color="tab:orange", linestyle="--", linewidth=1.2, label="FAH, raw outputs")
    bottom.axhline(target, color="grey", linestyle=":", label=f"target {target:g} FAH")
    positive = np.concatenate([fah_window[fah_window > 0], fah_raw[fah_raw > 0]])
    if positive.size:  # log-like above the target, linear below it: FAH spans 0 to thousands per hour
        bottom.set_yscale("symlog", linthresh=max(min(target, float(positive.min())), 0.01))
        bottom.set_ylim(0, float(positive.max()) * 2)
    else:
        bottom.set_ylim(0, max(2 * target, 1.0))
    bottom.set_ylabel("false accepts per hour")
    bottom.set_xlabel("probability cutoff")
    for ax in (top, bottom):
        ax.axvline(cutoff, color="crimson", linestyle="-.", label=f"chosen cutoff {cutoff:.2f}")
        ax.grid(alpha=0.3)
        ax.legend(loc="best")
    bottom.set_xlim(0, 1)
    return _save(fig, path)


def plot_pr(recall, precision, cutoff: float, path: Path) -> Path:
    """Precision against recall on the labelled test clips."""
    fig, ax = plt.subplots(figsize=(6, 5))
    x, y = m.pr_points(recall, precision)
    ax.plot(x * 100, y * 100, linewidth=2, label="test clips")
    index = int(np.argmin(np.abs(m.CUTOFFS - cutoff)))
    ax.plot(recall[index] * 100, precision[index] * 100, "o", color="crimson", label=f"cutoff {cutoff:.2f}")
    ax.set_xlim(0, 102)
    ax.set_ylim(0, 102)
    ax.set_xlabel("recall (%)")
    ax.set_ylabel("precision (%)")
    ax.set_title("Precision–recall on the test clips")
    ax.grid(alpha=0.3)
    ax.legend(loc="lower left")
    return _save(fig, path)


def _flatten(record: dict[str, Any], prefix: str = "") -> dict[str, float]:
    flat: dict[str, float] = {}
    for key, value in record.items():
        name = f"{prefix}{key}"
        if isinstance(value, dict):
            flat.update(_flatten(value, f"{name}."))
        elif isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value):
            flat[name] = float(value)
    return flat


def read_training_log(path: Path) -> list[dict[str, float]]:
    """metrics.jsonl → flat numeric records (nested keys joined with '.'); bad lines are skipped."""
    records = []
    if not path.is_file():
        return records
    for line in path.read_text(encoding="utf-8").splitlines():
        try:
            data = json.loads(line)
        except json.JSONDecodeError:
            continue
        if isinstance(data, dict) and "step" in data:
            records.append(_flatten(data))
    return records


def _series(records: list[dict[str, float]], want: str, avoid: tuple[str, ...] = ()) -> dict[str, list]:
    keys = sorted({k for r in records for k in r if want in k and not any(a in k for a in avoid) and k != "step"})
    return {k: [(r["step"], r[k]) for r in records if k in r] for k in keys}


#: Training log keys without a prefix are validation metrics at cutoff 0.5 (see training.validation).
_VALIDATION_KEYS = {"loss", "recall", "ambient_false_accepts_per_hour"}


def _series_label(key: str) -> str:
    name = key.split(".")[-1]
    text = name.replace("_", " ").replace("train ", "training ")
    if key in _VALIDATION_KEYS:
        text = f"validation {text} (cutoff 0.5)" if name != "loss" else "validation loss"
    return text


def plot_training(log_path: Path, target: float, path: Path) -> Path | None:
    """Loss, recall and FAH against the training step from the run's metrics.jsonl (None without a log)."""
    records = read_training_log(log_path)
    if not records:
        return None
    panels = (
        ("loss", _series(records, "loss"), "loss"),
        ("recall", _series(records, "recall", ("average",)), "recall"),
        ("false accepts per hour", _series(records, "false_accepts_per_hour"), "false accepts per hour"),
    )
    best_step = records[-1].get("best_step")
    fig, axes = plt.subplots(3, 1, figsize=(7, 9), sharex=True)
    for ax, (title, series, ylabel) in zip(axes, panels, strict=True):
        for key, points in series.items():
            steps, values = zip(*points, strict=True)
            ax.plot(steps, values, marker="o", markersize=3, label=_series_label(key))
        if best_step is not None:
            label = f"best checkpoint (step {best_step:g})"
            ax.axvline(best_step, color="green", linestyle="--", alpha=0.6, label=label)
        if title.startswith("false"):
            ax.axhline(target, color="grey", linestyle=":", label=f"target {target:g}")
        if not series:
            ax.text(0.5, 0.5, f"no {title} in the log", ha="center", va="center", transform=ax.transAxes)
        ax.set_ylabel(ylabel)
        ax.set_title(f"Training: {title}")
        ax.grid(alpha=0.3)
        if ax.get_legend_handles_labels()[0]:
            ax.legend(loc="best", fontsize="small")
    axes[-1].set_xlabel("training step")
    return _save(fig, path)
