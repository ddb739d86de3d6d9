"""`wakesmith features` end to end on a generated dataset, and `wakesmith bench features`."""

from __future__ import annotations

import re

from wakesmith.cli.main import main
from wakesmith.features.stores import AMBIENT_SPLITS, CLIP_SPLITS, open_store, read_info, split_dir


def test_features_command_builds_then_skips(tmp_path, capsys, tiny_project):
    config, _ = tiny_project  # writes the dataset under tmp_path/dataset
    config_file = tmp_path / "config.yaml"
    config_file.write_text(
        "dataset:\n  root: dataset\nfeatures:\n  work_dir: work\n  clip_duration_s: 1.5\n  ambient_window_s: 2.0\n"
        "  slide_frames: {training: 2, validation: 1, testing: 1}\n"
        "  repetitions: {training: 1, validation: 1, testing: 1}\n"
    )
    assert main(["features", "--config", str(config_file), "--workers", "2"]) == 0
    out = capsys.readouterr().out
    assert "built 11 stores" in out and "clips/s" in out
    work = tmp_path / "work"
    for set_name in ("positive", "negative", "background"):
        for split in CLIP_SPLITS:
            assert read_info(split_dir(work, set_name, split))["count"] == len(
                open_store(split_dir(work, set_name, split))
            )
    for split in AMBIENT_SPLITS:
        assert read_info(split_dir(work, "background", split))["count"] > 0
    assert main(["features", "--config", str(config_file)]) == 0
    assert "up to date" in capsys.readouterr().out
    assert main(["features", "--config", str(config_file), "--force", "--workers", "1"]) == 0
    assert "built 11 stores" in capsys.readouterr().out


def test_features_command_reports_bad_input(tmp_path, capsys):
    assert main(["features", "--config", str(tmp_path / "missing.yaml")]) == 2
    assert "config file not found" in capsys.readouterr().err
    config_file = tmp_path / "config.yaml"
    config_file.write_text("features:\n  work_dir: work\n")
    assert main(["features", "--config", str(config_file), "--workers", "-1"]) == 2


def test_bench_features_last_line(capsys):
    assert main(["bench", "features", "--clips", "16", "--workers", "2"]) == 0
    last = capsys.readouterr().out.strip().splitlines()[-1]
    assert re.fullmatch(r"features: [\d.]+ clips/s \(1 worker: [\d.]+ clips/s\) workers=2", last), last


def test_features_refuses_a_dataset_without_positives(tmp_path, capsys):
    from wakesmith.cli.main import main

    assert main(["init", str(tmp_path)]) == 0
    assert main(["features", "--config", str(tmp_path / "config.yaml")]) == 2
    err = capsys.readouterr().err
    assert "no positive audio" in err and "wakesmith synth" in err
    assert not (tmp_path / "work" / "features").exists()
