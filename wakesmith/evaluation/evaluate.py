"""Evaluate the exported quantized streaming model on the test stores, as the device would run it.

Every number here comes from the .tflite that ships (int8 input via the device's mapping, uint8 output), streamed
stride by stride, scored with the device's sliding-window mean and cool-down. The cutoff for the manifest is
chosen from these numbers, never from float validation metrics.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

from wakesmith.config.models import WakesmithConfig
from wakesmith.errors import WakesmithError
from wakesmith.evaluation import metrics as m
from wakesmith.evaluation.detection import detection_events
from wakesmith.evaluation.scoring import Runner, ambient_stream, engine_agreement, store_scores
from wakesmith.evaluation.stores import LABELLED_SETS, StoreSummary, open_split, store_summaries
from wakesmith.features.frontend import STEP_MS

RunnerFactory = Callable[[bytes, str, "int | None"], Runner]
ENGINES = ("tflite", "micro")
#: Manifest cutoffs must lie strictly inside (0, 1); eval keeps the chosen one within these bounds.
CUTOFF_BOUNDS = (0.01, 0.99)


def default_runner_factory(model_bytes: bytes, engine: str, arena_size: int | None) -> Runner:
    from wakesmith.export.runtime import StreamingRunner

    return StreamingRunner(model_bytes, engine=engine, arena_size=arena_size)


@dataclass
class Evaluation:
    """Everything eval measured; `payload()` is what metrics.json holds."""

    cutoffs: np.ndarray
    classification: dict[str, np.ndarray]
    fah_window: np.ndarray
    fah_raw: np.ndarray
    ambient_hours: float
    sliding_window: int
    cooldown_steps: int
    target_fah: float
    chosen_cutoff: float
    headline_recall: float
    headline: str
    operating_points: dict[str, dict[str, float]]
    average_viable_recall: float
    average_viable_recall_raw: float
    device_fah_at_cutoff: float
    agreement: dict[str, Any] | None
    counts: dict[str, int]
    engine: str
    model_bytes: int
    notes: list[str] = field(default_factory=list)
    data: list[StoreSummary] = field(default_factory=list)

    def payload(self) -> dict[str, Any]:
        fah_x, frr_y = m.roc_points(self.classification["recall"], self.fah_window)
        pr_x, pr_y = m.pr_points(self.classification["recall"], self.classification["precision"])
        return {
            "headline": self.headline,
            "chosen_cutoff": self.chosen_cutoff,
            "target_false_accepts_per_hour": self.target_fah,
            "recall_at_target": self.headline_recall,
            "operating_points": self.operating_points,
            "average_viable_recall": self.average_viable_recall,
            "average_viable_recall_raw": self.average_viable_recall_raw,
            "device_rule_false_accepts_per_hour_at_cutoff": self.device_fah_at_cutoff,
            "ambient_hours": self.ambient_hours,
            "sliding_window_size": self.sliding_window,
            "cooldown_steps": self.cooldown_steps,
            "engine": self.engine,
            "engine_agreement": self.agreement,
            "clip_counts": self.counts,
            "model_bytes": self.model_bytes,
            "notes": self.notes,
            "data": [store.as_dict() for store in self.data],
            "cutoffs": self.cutoffs.tolist(),
            "false_accepts_per_hour": self.fah_window.tolist(),
            "false_accepts_per_hour_raw": self.fah_raw.tolist(),
            **{key: value.tolist() for key, value in self.classification.items()},
            "roc": {"false_accepts_per_hour": fah_x.tolist(), "false_rejection_rate": frr_y.tolist()},
            "pr": {"recall": pr_x.tolist(), "precision": pr_y.tolist()},
        }


def headline_text(recall: float, target: float, cutoff: float) -> str:
    """The one line a user picks a cutoff from (exact format is a contract of the report)."""
    return f"recall {recall * 100:.1f} % at {target:g} false accepts/hour (cutoff {cutoff:.2f})"


def _progress(enabled: bool) -> Progress:
    return Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeRemainingColumn(),
        disable=not enabled,
        transient=True,
    )


def _operating_point(recall: np.ndarray, fah: np.ndarray, target: float) -> dict[str, float]:
    value, cutoff = m.recall_at_fah(recall, fah, target, m.CUTOFFS)
    return {"recall": value, "false_rejection_rate": 1.0 - value, "cutoff": cutoff}


def evaluate(
    config: WakesmithConfig,
    model_bytes: bytes,
    sliding_window: int,
    arena_size: int | None,
    engine: str = "tflite",
    runner_factory: RunnerFactory = default_runner_factory,
    show_progress: bool = True,
) -> Evaluation:
    """Stream the model over the testing stores and the testing_ambient store; choose the cutoff."""
    if engine not in ENGINES:
        raise WakesmithError(f"unknown engine {engine!r}: use one of {', '.join(ENGINES)}")
    cfg = config.evaluation
    work_dir = config.features.work_dir
    stride = config.model.stride
    runner = runner_factory(model_bytes, engine, arena_size if engine == "micro" else None)
    stride = int(getattr(runner, "stride", stride))

    labelled = {name: open_split(work_dir, name, "testing", required=(name == "positive")) for name in LABELLED_SETS}
    ambient = open_split(work_dir, "background", "testing_ambient", required=True)
    if len(ambient) == 0:
        raise WakesmithError("the background testing_ambient store is empty: add long background recordings")

    scores, labels, counts = [], [], {}
    with _progress(show_progress) as progress:
        for name, clips in labelled.items():
            if clips is None:
                continue
            task = progress.add_task(f"testing {name}", total=len(clips))
            advance = lambda n, t=task: progress.advance(t, n)  # noqa: E731
            scores.append(store_scores(runner, clips, stride, sliding_window, cfg.clip_ignore_frames, advance))
            labels.append(np.full(len(clips), name == "positive"))
            counts[name] = len(clips)
        task = progress.add_task("ambient audio", total=len(ambient))
        stream, frames = ambient_stream(runner, ambient, stride, lambda n: progress.advance(task, n))
    all_scores = np.concatenate(scores).astype(np.uint8)
    all_labels = np.concatenate(labels)
    if not all_labels.any():
        raise WakesmithError("the positive testing store is empty: add more positive clips or raise the test split")

    hours = frames * STEP_MS / 1000.0 / 3600.0
    classification = m.classification_metrics(all_scores, all_labels, m.CUTOFFS)
    fah_window = m.false_accepts_per_hour([stream], hours, m.CUTOFFS, cfg.cooldown_steps, sliding_window)
    fah_raw = m.false_accepts_per_hour([stream], hours, m.CUTOFFS, cfg.cooldown_steps, 1)
    recall = classification["recall"]
    target = cfg.target_false_accepts_per_hour
    points = {f"{t:g}": _operating_point(recall, fah_window, t) for t in sorted({target, 0.5, 0.1})}
    best_recall, best_cutoff = m.recall_at_fah(recall, fah_window, target, m.CUTOFFS)
    notes = []
    chosen = float(np.clip(best_cutoff, *CUTOFF_BOUNDS))
    if chosen != best_cutoff:
        notes.append(f"cutoff {best_cutoff:.2f} is outside the manifest's (0, 1); using {chosen:.2f}")
    index = int(np.argmin(np.abs(m.CUTOFFS - chosen)))
    chosen_recall = float(recall[index])
    if fah_window[index] > target:
        notes.append(f"no cutoff within bounds meets {target:g} FAH on this ambient audio")
    if chosen_recall == 0.0:
        notes.append(f"the model detects no test positive at {target:g} FAH: the chosen cutoff means little")
    if hours > 0 and 1.0 / hours > target:
        notes.append(
            f"only {hours:.2f} h of ambient audio: one false accept is {1.0 / hours:.1f}/h, above the target; "
            "add background recordings for a meaningful FAH"
        )
    events = detection_events(stream, chosen, sliding_window, stride=stride)
    agreement = None
    if cfg.agreement_clips > 0:
        other = "micro" if engine == "tflite" else "tflite"
        sample = _agreement_sample(labelled, cfg.agreement_clips)
        reference = runner_factory(model_bytes, other, arena_size if other == "micro" else None)
        agreement = {"engines": [engine, other], **engine_agreement(runner, reference, sample, stride)}
    return Evaluation(
        cutoffs=m.CUTOFFS,
        classification=classification,
        fah_window=fah_window,
        fah_raw=fah_raw,
        ambient_hours=hours,
        sliding_window=sliding_window,
        cooldown_steps=cfg.cooldown_steps,
        target_fah=target,
        chosen_cutoff=chosen,
        headline_recall=chosen_recall,
        headline=headline_text(chosen_recall, target, chosen),
        operating_points=points,
        average_viable_recall=m.average_viable_recall(recall, fah_window),
        average_viable_recall_raw=m.average_viable_recall(recall, fah_raw),
        device_fah_at_cutoff=len(events) / hours if hours > 0 else 0.0,
        agreement=agreement,
        counts={**counts, "ambient_windows": len(ambient), "ambient_frames": frames},
        engine=engine,
        model_bytes=len(model_bytes),
        notes=notes,
        data=store_summaries(work_dir),
    )


def _agreement_sample(labelled: dict[str, Any], count: int) -> list[np.ndarray]:
    """Up to `count` clips taken in turn from each labelled store (positives first: where outputs move most)."""
    stores = [clips for clips in labelled.values() if clips is not None and len(clips)]
    sample: list[np.ndarray] = []
    for index in range(max((len(clips) for clips in stores), default=0)):
        sample.extend(np.asarray(clips[index]) for clips in stores if index < len(clips))
        if len(sample) >= count:
            break
    return sample[:count]
