"""Hard negative mining rounds: export → mine negatives → fine-tune with them → keep the better model.

Each round exports the current best weights (int8 streaming, like the device), streams the training split of
every negative feature set through it, adds the windows that fire to the hard-negative store, and fine-tunes
from the current best for `mining.fine_tune_steps`. The fine-tuned checkpoint replaces the current one only when
the training's own two-priority rule (SPEC §5) prefers its validation metrics. At the end the chosen weights
become `<run_dir>/best_weights.npz` (the original is kept once as `best_weights.before_mining.npz`) so `export`
and `eval` pick them up.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path

from wakesmith.atomic import atomic_path
from wakesmith.config.models import PHASE_FIELDS, FeatureSetConfig, WakesmithConfig
from wakesmith.errors import WakesmithError
from wakesmith.evaluation import mining


@dataclass
class RoundResult:
    round: int
    new_hard_negatives: int
    duplicates: int
    stored: int
    validation_fah: float | None
    recall: float | None
    average_viable_recall: float | None
    kept: bool
    weights: str


def fine_tune_config(config: WakesmithConfig) -> WakesmithConfig:
    """One phase of `fine_tune_steps` at the mining learning rate, other per-phase settings from the last phase."""
    tc = config.training
    data = config.model_dump()
    training = data["training"]
    for name in PHASE_FIELDS:
        training[name] = [getattr(tc, name)[-1]]
    training["training_steps"] = [config.mining.fine_tune_steps]
    training["learning_rates"] = [config.mining.learning_rate]
    return WakesmithConfig.model_validate(data)


def hard_negative_set(config: WakesmithConfig) -> FeatureSetConfig:
    return FeatureSetConfig(
        name=mining.HARD_NEGATIVE_SET,
        path=mining.hard_negative_dir(config.features.work_dir),
        sampling_weight=config.mining.sampling_weight,
        penalty_weight=config.mining.penalty_weight,
        truth=False,
        truncation_strategy="truncate_start",
    )


def _selection_rule(config: WakesmithConfig, metrics: dict | None):
    from wakesmith.training.loop import NO_AMBIENT_RULE

    has_ambient = metrics is not None and metrics.get("ambient_false_accepts_per_hour") is not None
    return config.training.checkpoint_selection if has_ambient else NO_AMBIENT_RULE


def _read_json(path: Path) -> dict | None:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def run_mining(
    config: WakesmithConfig,
    rounds: int,
    show_progress: bool = True,
    on_round: Callable[[RoundResult], None] | None = None,
    status: Callable[[str], None] = lambda message: None,
) -> list[RoundResult]:
    """Run up to `rounds` rounds; stops early when a round finds no new hard negative or its fine-tune is not kept."""
    from rich.progress import Progress

    from wakesmith.export.exporter import export_model
    from wakesmith.export.runtime import StreamingRunner
    from wakesmith.model.architecture import MixedNetGeometry
    from wakesmith.training.checkpoint_selection import is_better
    from wakesmith.training.loop import train
    from wakesmith.training.stores import load_split

    run_dir = Path(config.training.run_dir)
    original = run_dir / "best_weights.npz"
    if not original.is_file():
        raise WakesmithError(f"{original} not found: run `wakesmith train --config CFG` before mining")
    work = Path(config.features.work_dir)
    mining_dir = work / "mining"
    receptive_field = MixedNetGeometry(config.model).receptive_field
    hard_path = mining.hard_negative_dir(work).resolve()
    sources = [s for s in config.training.feature_sets if not s.truth and Path(s.path).resolve() != hard_path]
    if not sources:
        raise WakesmithError("no negative feature set in training.feature_sets (truth: false) to mine from")
    listed = any(Path(s.path).resolve() == hard_path for s in config.training.feature_sets)
    extra = [] if listed else [hard_negative_set(config)]
    stored = mining.load_stored(work, receptive_field)
    status(f"{len(stored)} hard negatives stored from earlier runs")
    current_weights, current_metrics = original, _read_json(run_dir / "best_metrics.json")
    results: list[RoundResult] = []
    for number in range(1, rounds + 1):
        export_config = config.model_copy(deep=True)
        export_config.export.output_dir = mining_dir / "models"
        status(f"round {number}: exporting {current_weights}")
        exported = export_model(export_config, current_weights, name=f"round_{number}", check_agreement=False)
        runner = StreamingRunner(exported.tflite_path.read_bytes(), engine="tflite")
        found: list[mining.HardNegative] = []
        with Progress(disable=not show_progress, transient=True) as progress:
            for source in sources:
                store = load_split(source.path, "training")
                if store is None or len(store) == 0:
                    continue
                task = progress.add_task(f"mining {source.name}", total=len(store))
                found += mining.mine_clips(
                    runner,
                    (store.item(i) for i in range(len(store))),
                    source.name,
                    runner.stride,
                    receptive_field,
                    config.mining.threshold,
                    config.evaluation.cooldown_steps,
                    config.evaluation.clip_ignore_frames,
                    lambda n, t=task: progress.advance(t, n),
                )
        new, duplicates = mining.select_new(found, stored, config.mining.max_new_per_round)
        if not new:
            result = RoundResult(number, 0, duplicates, len(stored), None, None, None, False, str(current_weights))
            results.append(result)
            if on_round:
                on_round(result)
            break
        stored += [item.window for item in new]
        mining.write_hard_negatives(work, stored, {"rounds": number, "receptive_field": receptive_field})
        status(f"round {number}: {len(new)} new hard negatives ({len(stored)} stored); fine-tuning")
        trained = train(
            fine_tune_config(config),
            initial_weights=current_weights,
            extra_feature_sets=extra,
            run_dir=mining_dir / f"round_{number}",
            show_progress=show_progress,
        )
        metrics = trained.best_metrics or {}
        kept = trained.best_weights_path is not None and is_better(
            metrics, current_metrics, _selection_rule(config, metrics)
        )
        if kept:
            current_weights, current_metrics = trained.best_weights_path, metrics
        result = RoundResult(
            number,
            len(new),
            duplicates,
            len(stored),
            metrics.get("ambient_false_accepts_per_hour"),
            metrics.get("recall"),
            metrics.get("average_viable_recall"),
            kept,
            str(current_weights),
        )
        results.append(result)
        if on_round:
            on_round(result)
        if not kept:
            status(
                "the fine-tuned model did not beat the current one on validation; stopping (another round would "
                "mine the same model again). The hard negatives stay stored for the next run."
            )
            break
    _install(run_dir, original, current_weights, current_metrics)
    (mining_dir / "rounds.json").write_text(json.dumps([asdict(r) for r in results], indent=2))
    return results


def _install(run_dir: Path, original: Path, weights: Path, metrics: dict | None) -> None:
    """Make the chosen weights the run's best (keeping the pre-mining original once)."""
    if Path(weights).resolve() == original.resolve():
        return
    backup = run_dir / "best_weights.before_mining.npz"
    if not backup.exists():
        shutil.copy2(original, backup)
    with atomic_path(original) as tmp:
        shutil.copy2(weights, tmp)
    if metrics is not None:
        (run_dir / "best_metrics.json").write_text(json.dumps(metrics, indent=1))
