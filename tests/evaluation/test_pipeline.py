"""`eval` end to end on hand-known stores with a fake runner, and the CLI's error for a missing model."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from wakesmith.errors import WakesmithError
from wakesmith.evaluation.pipeline import run_evaluation


def test_eval_chooses_cutoff_and_writes_report(echo_project, echo_runner):
    config, manifest_path = echo_project
    outcome = run_evaluation(config, manifest_path, runner_factory=echo_runner, show_progress=False)
    result = outcome.result
    # ambient: one output of 150 in 60 frames (0.6 s = 1/6000 h): 150 > int(c·255) up to c = 0.58 → 6000/h,
    # none from 0.59. Positives score 200 (detected up to 0.78) and 100 (up to 0.39): recall 1/2 from 0.59 to
    # 0.78, and the highest cutoff with that recall is chosen.
    assert result.fah_window[58] == pytest.approx(6000.0) and result.fah_window[59] == 0.0
    assert result.chosen_cutoff == pytest.approx(0.78)
    assert result.headline == "recall 50.0 % at 0.5 false accepts/hour (cutoff 0.78)"
    assert result.agreement["max_abs_diff_raw"] == 0
    saved = json.loads(manifest_path.read_text())
    assert saved["micro"]["probability_cutoff"] == 0.78
    assert set(saved) == {"type", "wake_word", "author", "model", "trained_languages", "version", "micro"}
    assert len(saved["micro"]) == 5
    report_dir = config.evaluation.report_dir
    text = (report_dir / "report.md").read_text()
    assert "recall 50.0 % at 0.5 false accepts/hour (cutoff 0.78)" in text.splitlines()
    for name in ("roc.png", "cutoff.png", "pr.png"):
        assert (report_dir / name).stat().st_size > 5000 and f"]({name})" in text
    metrics = json.loads((report_dir / "metrics.json").read_text())
    assert len(metrics["recall"]) == 101 and metrics["chosen_cutoff"] == pytest.approx(0.78)
    assert metrics["recall"][39] == 1.0 and metrics["recall"][40] == 0.5 and metrics["recall"][79] == 0.0
    card = outcome.model_card.read_text()
    assert outcome.model_card == manifest_path.parent / "model_card.md"
    assert "20000 bytes" in card and "0.00 h" in card and "| positive | testing | 2 |" in card


def test_eval_plots_training_curves_when_the_run_logged_them(echo_project, echo_runner):
    config, manifest_path = echo_project
    log = config.training.run_dir / "metrics.jsonl"
    log.parent.mkdir(parents=True)
    rows = [
        {
            "step": s,
            "train": {"loss": 1.0 / (s + 1)},
            "validation": {"recall": 0.5, "ambient_false_accepts_per_hour": 2.0},
        }
        for s in (0, 100, 200)
    ]
    log.write_text("\n".join(json.dumps(r) for r in rows) + "\nnot json\n")
    outcome = run_evaluation(
        config, manifest_path, runner_factory=echo_runner, show_progress=False, update_manifest=False
    )
    assert outcome.paths["training"].stat().st_size > 5000
    assert json.loads(manifest_path.read_text())["micro"]["probability_cutoff"] == 0.97  # --keep-cutoff


def test_eval_without_ambient_store_is_a_user_error(echo_project, echo_runner):
    config, manifest_path = echo_project
    import shutil

    shutil.rmtree(Path(config.features.work_dir) / "features" / "background")
    with pytest.raises(WakesmithError, match="testing_ambient"):
        run_evaluation(config, manifest_path, runner_factory=echo_runner, show_progress=False)


def test_cli_reports_missing_manifest(tmp_path, capsys):
    from wakesmith.cli.main import main

    config = tmp_path / "config.yaml"
    config.write_text("export: {output_dir: nowhere}\n")
    assert main(["eval", "--config", str(config)]) == 2
    assert "wakesmith export" in capsys.readouterr().err
