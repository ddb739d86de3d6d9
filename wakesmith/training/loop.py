"""Step-based training: phases, periodic evaluation, two-priority checkpoint selection, resumable state.

Outputs in the run folder: best_weights.npz / last_weights.npz (`weights_io` format), checkpoint/ (resume
state), metrics.jsonl, tensorboard/, model_summary.txt. A kill loses at most the steps since the last
checkpoint; `resume=True` continues with the same step, optimizer state and batches.
"""

from __future__ import annotations

import hashlib
import json
import time
from dataclasses import dataclass, field
from pathlib import Path

from wakesmith.atomic import write_text_atomic
from wakesmith.cli.console import console
from wakesmith.config.models import CheckpointSelectionConfig, FeatureSetConfig, WakesmithConfig
from wakesmith.errors import WakesmithError
from wakesmith.training.checkpoint import TrainState, load_state, save_state
from wakesmith.training.checkpoint_selection import is_better
from wakesmith.training.phases import build_phases, phase_at

NO_AMBIENT_RULE = CheckpointSelectionConfig(
    minimization_metric="loss", target_minimization=-1.0, maximization_metric="loss"
)  # without ambient audio: keep the lowest validation loss


@dataclass
class TrainResult:
    run_dir: Path
    best_weights_path: Path | None
    last_weights_path: Path
    best_metrics: dict | None
    final_step: int
    timings: dict[str, float] = field(default_factory=dict)


def _fingerprint(config: WakesmithConfig, feature_sets: list[FeatureSetConfig], phases) -> str:
    """What must not change between a checkpoint and its resume."""
    payload = {
        "model": config.model.model_dump(mode="json", exclude={"depthwise_formulation"}),
        "batch_size": config.training.batch_size,
        "seed": config.training.seed,
        "mixed_precision": config.training.mixed_precision,
        "sets": [s.model_dump(mode="json") for s in feature_sets],
        "phases": [(p.steps, p.learning_rate) for p in phases],
    }
    return hashlib.sha256(json.dumps(payload, sort_keys=True).encode()).hexdigest()[:16]


def _summary_line(record: dict) -> str:
    parts = [] if record.get("train_loss") is None else [f"loss {record['train_loss']:.4f}"]
    for key, label in (("loss", "val"), ("recall", "rec"), ("ambient_false_accepts_per_hour", "FAH")):
        if record.get(key) is not None:
            parts.append(f"{label} {record[key]:.3f}")
    return " ".join(parts)


def train(
    config: WakesmithConfig,
    resume: bool = False,
    initial_weights: Path | None = None,
    extra_feature_sets: list[FeatureSetConfig] = (),
    steps_override: list[int] | None = None,
    run_dir: Path | None = None,
    *,
    profile: bool = False,
    max_steps: int | None = None,
    show_progress: bool = True,
) -> TrainResult:
    """Train per `config.training`; `max_steps` stops early at that global step (as an interruption would)."""
    import keras

    from wakesmith.model.architecture import MixedNetGeometry
    from wakesmith.model.mixednet import build_mixednet, copy_weights, write_summary
    from wakesmith.training.backend import set_mixed_precision
    from wakesmith.training.batches import load_training_pool
    from wakesmith.training.engine import create_engine, make_predictor
    from wakesmith.training.progress import TrainProgress
    from wakesmith.training.run_log import RunLog
    from wakesmith.training.sampler import to_device
    from wakesmith.training.validation import evaluate, load_validation

    tc = config.training
    run_dir = Path(run_dir or tc.run_dir)
    run_dir.mkdir(parents=True, exist_ok=True)
    if tc.backend is not None and keras.backend.backend() != tc.backend:
        raise WakesmithError(
            f"training.backend is {tc.backend} but Keras runs {keras.backend.backend()}; "
            f"use `wakesmith train --backend {tc.backend}` or set KERAS_BACKEND before starting Python"
        )
    feature_sets = list(tc.feature_sets) + list(extra_feature_sets)
    phases = build_phases(tc, steps_override)
    if not phases:
        raise WakesmithError("training has 0 steps: set training.training_steps")
    total_steps = phases[-1].end_step
    stop_step = total_steps if max_steps is None else min(max_steps, total_steps)
    timings = {"load": 0.0, "data": 0.0, "step": 0.0, "eval": 0.0, "checkpoint": 0.0}
    started = time.perf_counter()

    set_mixed_precision(tc.mixed_precision)
    geometry = MixedNetGeometry(config.model)
    window = geometry.receptive_field
    pool = load_training_pool(feature_sets, window)
    validation = load_validation(feature_sets, window)
    rule = tc.checkpoint_selection if validation.has_ambient else NO_AMBIENT_RULE
    data = to_device(pool.arrays())
    del pool  # the device copy is the one used from here on (host memory back for large pools)
    keras.utils.set_random_seed(tc.seed)
    model = build_mixednet(config.model, "valid")
    causal = build_mixednet(config.model, "causal", name="mixednet_causal")
    write_summary(model, run_dir / "model_summary.txt")
    if initial_weights is not None:
        _load_initial_weights(model, Path(initial_weights))
    optimizer = keras.optimizers.Adam(learning_rate=phases[0].learning_rate)
    if tc.mixed_precision:
        optimizer = keras.optimizers.LossScaleOptimizer(optimizer)
    engine = create_engine(model, optimizer, data, tc.seed, tc.batch_size, window, profile=profile)
    fingerprint = _fingerprint(config, feature_sets, phases)
    checkpoint_dir = run_dir / "checkpoint"
    step, best = 0, None
    state = load_state(checkpoint_dir) if resume else None
    if resume and state is None:
        console.print(f"no checkpoint in {checkpoint_dir}: starting from step 0")
    if state is None:
        previous = None if resume else load_state(checkpoint_dir)
        if previous is not None:
            console.print(f"starting over (no --resume): replacing the checkpoint at step {previous.step} in {run_dir}")
        _clear_previous_run(run_dir)
    if state is not None:
        if state.extra.get("fingerprint") != fingerprint:
            raise WakesmithError(
                f"the checkpoint in {checkpoint_dir} was made with different model/training settings; "
                "run without --resume to start over"
            )
        engine.set_state(state.model_values, state.optimizer_values)
        step, best = state.step, state.best_metrics
    log = RunLog(run_dir, step if state is not None else None)
    predict_valid, predict_causal = make_predictor(model), make_predictor(causal)
    timings["load"] = time.perf_counter() - started

    def checkpoint() -> None:
        began = time.perf_counter()
        model_values, optimizer_values = engine.get_state()
        save_state(
            checkpoint_dir,
            TrainState(step, tc.seed, model_values, optimizer_values, best, {"fingerprint": fingerprint}),
        )
        timings["checkpoint"] += time.perf_counter() - began

    if state is None:  # baseline of the untrained model: shows how far training moved (never selected)
        began = time.perf_counter()
        copy_weights(model, causal)
        baseline = evaluate(predict_valid, predict_causal, validation, config.evaluation.cooldown_steps)
        log.append({"step": 0, "phase": 0, "baseline": True, "train_loss": None, **baseline})
        timings["eval"] += time.perf_counter() - began

    phase = None
    loss_sum = accuracy_sum = 0.0
    steps_since_eval = 0
    with TrainProgress(total_steps, step, enabled=show_progress) as progress:
        while step < stop_step:
            if phase is None or step >= phase.end_step:
                phase = phase_at(phases, step)
                engine.set_phase(phase.batch, phase.learning_rate)
            boundary = min(
                phase.end_step,
                stop_step,
                (step // tc.eval_every + 1) * tc.eval_every,
                (step // tc.checkpoint_every + 1) * tc.checkpoint_every,
                step + 50,
            )
            loss, accuracy = engine.run(step, boundary - step)
            loss_sum, accuracy_sum = loss_sum + loss, accuracy_sum + accuracy
            steps_since_eval += boundary - step
            step = boundary
            progress.advance(step)
            if step % tc.eval_every == 0 or step == total_steps:
                began = time.perf_counter()
                engine.sync_to_model()
                copy_weights(model, causal)
                record = {
                    "step": step,
                    "phase": phase.index,
                    "learning_rate": phase.learning_rate,
                    "train_loss": loss_sum / steps_since_eval,
                    "train_accuracy": accuracy_sum / steps_since_eval,
                    **evaluate(predict_valid, predict_causal, validation, config.evaluation.cooldown_steps),
                }
                loss_sum = accuracy_sum = 0.0
                steps_since_eval = 0
                if is_better(record, best, rule):
                    best = {k: v for k, v in record.items() if not k.endswith("_curve")}
                    _save_model_weights(model, config, run_dir / "best_weights.npz")
                    _write_json(run_dir / "best_metrics.json", record)
                record["best_step"] = best["step"]
                log.append(record)
                progress.show(_summary_line(record))
                timings["eval"] += time.perf_counter() - began
            if step % tc.checkpoint_every == 0 or step == stop_step:
                checkpoint()
    engine.sync_to_model()
    last_path = _save_model_weights(model, config, run_dir / "last_weights.npz")
    log.close()
    timings["data"] += engine.timings["data"]
    timings["step"] += engine.timings["step"]
    timings["total"] = time.perf_counter() - started
    best_path = last_path.with_name(last_path.name.replace("last_", "best_"))
    return TrainResult(run_dir, best_path if best_path.exists() else None, last_path, best, step, timings)


def _clear_previous_run(run_dir: Path) -> None:
    """A fresh start must not leave an earlier run's results looking like this run's."""
    for name in ("best_weights.npz", "last_weights.npz", "best_metrics.json", "checkpoint/state.npz") + (
        "best_weights.state.npz",
        "last_weights.state.npz",
    ):
        (run_dir / name).unlink(missing_ok=True)
    for name in ("best_weights.weights.h5", "last_weights.weights.h5"):
        (run_dir / name).unlink(missing_ok=True)


def _load_initial_weights(model, path: Path) -> None:
    """Start from earlier weights (fine-tuning). The full Keras state beside them is exact; from folded weights
    alone, batch norm is frozen in inference mode, the only way the folded scale/offset mean the same thing."""
    from wakesmith.model.mixednet import apply_weights, keras_state_path, load_keras_state
    from wakesmith.model.weights_io import load_weights

    if load_keras_state(model, keras_state_path(path)):
        return
    if not path.is_file():
        raise WakesmithError(f"initial weights {path} not found")
    apply_weights(model, load_weights(path))
    for layer in model.layers:
        if layer.__class__.__name__ == "BatchNormalization":
            layer.trainable = False


def _save_model_weights(model, config: WakesmithConfig, path: Path) -> Path:
    """MixedNetWeights (.npz) for export; a model with spatial attention has none, so Keras weights instead."""
    from wakesmith.model.mixednet import extract_weights, keras_state_path, save_keras_state
    from wakesmith.model.weights_io import save_weights

    if config.model.spatial_attention:
        path = path.with_name(path.stem + ".weights.h5")
        model.save_weights(path)
        return path
    save_weights(extract_weights(model, config.model), path)
    save_keras_state(model, keras_state_path(path))
    return path


def _write_json(path: Path, payload: dict) -> None:
    write_text_atomic(path, json.dumps(payload, indent=1))
