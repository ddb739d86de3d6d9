"""The pipeline's stages in order, each a CLI command with the fingerprint that makes it skippable."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from wakesmith.config.models import WakesmithConfig
from wakesmith.pipeline.fingerprint import config_digest, file_digest, tree_digest


def features_dir(config: WakesmithConfig) -> Path:
    return config.features.work_dir / "features"


def model_paths(config: WakesmithConfig) -> tuple[Path, Path]:
    """The exported .tflite and its manifest."""
    base = config.export.output_dir / config.export.model_name
    return base.with_suffix(".tflite"), base.with_suffix(".json")


def best_weights(config: WakesmithConfig) -> Path:
    return config.training.run_dir / "best_weights.npz"


@dataclass(frozen=True)
class Stage:
    """One step of `wakesmith run`.

    `fingerprint` returns None for stages that always run (they are cheap or skip work themselves);
    otherwise the stage is skipped when the fingerprint matches the last completed run and its outputs exist.
    """

    name: str
    argv: Callable[[Path, WakesmithConfig], list[str]]
    fingerprint: Callable[[WakesmithConfig], str | None]
    outputs: Callable[[WakesmithConfig], list[Path]]


def _always(_: WakesmithConfig) -> None:
    return None


def _no_outputs(_: WakesmithConfig) -> list[Path]:
    return []


STAGES: tuple[Stage, ...] = (
    Stage("validate", lambda cfg, _: ["validate", "--config", str(cfg)], _always, _no_outputs),
    Stage("features", lambda cfg, _: ["features", "--config", str(cfg)], _always, _no_outputs),
    Stage(
        "train",
        lambda cfg, _: ["train", "--config", str(cfg)],
        lambda c: f"{config_digest(c.model, c.training)}-{tree_digest(features_dir(c))}",
        lambda c: [best_weights(c)],
    ),
    Stage(
        "export",
        lambda cfg, _: ["export", "--config", str(cfg)],
        lambda c: f"{config_digest(c.wake_word, c.model, c.export)}-{file_digest(best_weights(c))}",
        lambda c: list(model_paths(c)),
    ),
    Stage("verify", lambda _, c: ["verify", str(model_paths(c)[1])], _always, _no_outputs),
    Stage(
        "eval",
        lambda cfg, _: ["eval", "--config", str(cfg)],
        lambda c: f"{config_digest(c.evaluation)}-{file_digest(model_paths(c)[0])}-{tree_digest(features_dir(c))}",
        lambda c: [c.evaluation.report_dir / "report.md"],
    ),
)
