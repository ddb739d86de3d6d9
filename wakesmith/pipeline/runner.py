"""Run the stages in order through the CLI's own commands, skipping those that are up to date."""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from wakesmith.config.loader import load_config
from wakesmith.errors import WakesmithError
from wakesmith.pipeline.fingerprint import PipelineState
from wakesmith.pipeline.stages import STAGES, Stage, model_paths


@dataclass
class StageOutcome:
    name: str
    status: str  # ran | skipped | failed
    seconds: float = 0.0


@dataclass
class RunSummary:
    outcomes: list[StageOutcome] = field(default_factory=list)
    model: Path | None = None
    manifest: Path | None = None
    report: Path | None = None
    headline: str | None = None


def run_pipeline(
    config_path: Path,
    invoke: Callable[[list[str]], int],
    force: Sequence[str] = (),
    announce: Callable[[str], None] = print,
    extra_args: dict[str, list[str]] | None = None,
) -> RunSummary:
    """Run every stage; `invoke` runs one CLI command line and returns its exit code.

    Stages whose fingerprint (config sections + upstream outputs) matches the last successful run, and
    whose outputs exist, are skipped. A stage that fails stops the run with a WakesmithError naming it.
    """
    unknown = set(force) - {stage.name for stage in STAGES} - {"all"}
    if unknown:
        raise WakesmithError(f"unknown stage(s) to force: {', '.join(sorted(unknown))}")
    config = load_config(config_path)
    state = PipelineState(config.features.work_dir / "pipeline_state.json")
    summary = RunSummary()
    for stage in STAGES:
        fingerprint = stage.fingerprint(config)
        if _up_to_date(stage, fingerprint, state, config) and stage.name not in force and "all" not in force:
            announce(f"[{stage.name}] up to date, skipped")
            summary.outcomes.append(StageOutcome(stage.name, "skipped"))
            continue
        announce(f"[{stage.name}] running")
        started = time.perf_counter()
        argv = stage.argv(config_path, config) + (extra_args or {}).get(stage.name, [])
        code = invoke(argv)
        elapsed = time.perf_counter() - started
        if code != 0:
            summary.outcomes.append(StageOutcome(stage.name, "failed", elapsed))
            raise WakesmithError(
                f"stage '{stage.name}' failed (exit {code}); fix the problem above and re-run: finished stages are kept"
            )
        summary.outcomes.append(StageOutcome(stage.name, "ran", elapsed))
        if fingerprint is not None:
            # Re-read: the stage may have produced what the fingerprint of later stages depends on.
            state.record(stage.name, stage.fingerprint(config) or fingerprint)
    summary.model, summary.manifest = model_paths(config)
    summary.report = config.evaluation.report_dir / "report.md"
    summary.headline = read_headline(config.evaluation.report_dir / "metrics.json")
    return summary


def _up_to_date(stage: Stage, fingerprint: str | None, state: PipelineState, config) -> bool:
    if fingerprint is None:
        return False
    return state.is_current(stage.name, fingerprint) and all(path.exists() for path in stage.outputs(config))


def read_headline(metrics_path: Path) -> str | None:
    """The report's headline sentence, if `eval` wrote one."""
    if not metrics_path.is_file():
        return None
    try:
        data = json.loads(metrics_path.read_text())
    except (OSError, json.JSONDecodeError):
        return None
    headline = data.get("headline")
    return headline if isinstance(headline, str) else None
