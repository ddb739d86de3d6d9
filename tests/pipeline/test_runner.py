from pathlib import Path

import pytest

from wakesmith.cli.main import main
from wakesmith.config.loader import load_config
from wakesmith.errors import WakesmithError
from wakesmith.pipeline.runner import run_pipeline
from wakesmith.pipeline.stages import STAGES, best_weights, model_paths


class FakeCli:
    """Stands in for the stage commands: records calls and writes the files a real stage would."""

    def __init__(self, config_path: Path, fail: str | None = None) -> None:
        self.config = load_config(config_path)
        self.calls: list[str] = []
        self.fail = fail
        self.trainings = 0

    def __call__(self, argv: list[str]) -> int:
        self.calls.append(argv[0])
        if argv[0] == self.fail:
            return 1
        if argv[0] == "train":
            best_weights(self.config).parent.mkdir(parents=True, exist_ok=True)
            self.trainings += 1
            best_weights(self.config).write_bytes(b"weights-%d" % self.trainings)
        if argv[0] == "export":
            for path in model_paths(self.config):
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_bytes(best_weights(self.config).read_bytes())
        if argv[0] == "eval":
            report = self.config.evaluation.report_dir
            report.mkdir(parents=True, exist_ok=True)
            (report / "report.md").write_text("# report")
            (report / "metrics.json").write_text('{"headline": "recall 90.0 % at 0.5 false accepts/hour (cutoff 0.8)"}')
        return 0


@pytest.fixture
def project(tmp_path: Path) -> Path:
    assert main(["init", str(tmp_path)]) == 0
    return tmp_path / "config.yaml"


def test_runs_every_stage_in_order_then_skips_up_to_date_ones(project: Path):
    cli = FakeCli(project)
    summary = run_pipeline(project, cli, announce=lambda _: None)
    assert cli.calls == [stage.name for stage in STAGES]
    assert summary.headline.startswith("recall 90.0 %")
    cli.calls.clear()
    summary = run_pipeline(project, cli, announce=lambda _: None)
    # validate, features and verify always run (cheap / self-skipping); train, export, eval are up to date.
    assert cli.calls == ["validate", "features", "verify"]
    assert [o.status for o in summary.outcomes if o.name == "train"] == ["skipped"]


def test_changed_training_config_retrains_and_reexports(project: Path):
    cli = FakeCli(project)
    run_pipeline(project, cli, announce=lambda _: None)
    project.write_text(project.read_text().replace("eval_every: 250", "eval_every: 100"))
    cli.calls.clear()
    run_pipeline(project, cli, announce=lambda _: None)
    assert "train" in cli.calls and "export" in cli.calls and "eval" in cli.calls


def test_missing_output_reruns_stage(project: Path):
    cli = FakeCli(project)
    run_pipeline(project, cli, announce=lambda _: None)
    model_paths(cli.config)[0].unlink()
    cli.calls.clear()
    run_pipeline(project, cli, announce=lambda _: None)
    assert "export" in cli.calls and "train" not in cli.calls


def test_failed_stage_stops_the_run_with_its_name(project: Path):
    cli = FakeCli(project, fail="train")
    with pytest.raises(WakesmithError, match="stage 'train' failed"):
        run_pipeline(project, cli, announce=lambda _: None)
    assert cli.calls == ["validate", "features", "train"]


def test_force_unknown_stage_is_an_error(project: Path):
    with pytest.raises(WakesmithError, match="unknown stage"):
        run_pipeline(project, FakeCli(project), force=["trian"], announce=lambda _: None)
