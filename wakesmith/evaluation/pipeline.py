"""The eval stage end to end: manifest → streaming evaluation → report, model card, manifest cutoff."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from wakesmith.config.models import WakesmithConfig
from wakesmith.errors import WakesmithError
from wakesmith.evaluation.evaluate import Evaluation, RunnerFactory, default_runner_factory, evaluate
from wakesmith.evaluation.model_card import model_card_markdown, write_model_card
from wakesmith.evaluation.report import write_report

MODEL_CARD_NAME = "model_card.md"


@dataclass
class EvaluationOutcome:
    result: Evaluation
    paths: dict[str, Path]
    model_card: Path
    manifest_updated: bool


def run_evaluation(
    config: WakesmithConfig,
    manifest_path: Path,
    engine: str = "tflite",
    update_manifest: bool = True,
    runner_factory: RunnerFactory = default_runner_factory,
    show_progress: bool = True,
) -> EvaluationOutcome:
    """Evaluate the model a manifest names; write the report and model card; set the manifest's cutoff.

    Only `micro.probability_cutoff` changes in the manifest (its schema is closed, SPEC §3).
    """
    from wakesmith.export.manifest import model_location, read_manifest, write_manifest
    from wakesmith.pipeline.fingerprint import config_digest

    manifest = read_manifest(manifest_path)
    if manifest.is_legacy:
        raise WakesmithError(f"{manifest_path} is a version 1 manifest; re-export the model to get a version 2 one")
    location = model_location(manifest, manifest_path)
    if not isinstance(location, Path) or not location.is_file():
        raise WakesmithError(f"model file {location} named by {manifest_path} not found; re-run `wakesmith export`")
    model_bytes = location.read_bytes()
    result = evaluate(
        config,
        model_bytes,
        sliding_window=manifest.micro.sliding_window_size,
        arena_size=None,  # arena adequacy is `verify`'s job; here a generous arena keeps the host from aborting
        engine=engine,
        runner_factory=runner_factory,
        show_progress=show_progress,
    )
    name = manifest_path.stem
    paths = write_report(result, config.evaluation.report_dir, config.training.run_dir / "metrics.jsonl", name)
    card = write_model_card(
        manifest_path.parent / MODEL_CARD_NAME,
        model_card_markdown(
            result,
            wake_word=manifest.wake_word,
            model_file=location.name,
            arena_size=manifest.micro.tensor_arena_size,
            config_hash=config_digest(config),
            manifest_name=manifest_path.name,
        ),
    )
    updated = False
    if update_manifest and manifest.micro.probability_cutoff != result.chosen_cutoff:
        micro = manifest.micro.model_copy(update={"probability_cutoff": round(result.chosen_cutoff, 2)})
        write_manifest(manifest.model_copy(update={"micro": micro}), manifest_path)
        updated = True
    return EvaluationOutcome(result=result, paths=paths, model_card=card, manifest_updated=updated)
