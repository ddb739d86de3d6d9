"""`wakesmith synth --config`: the config's synth section is the default, flags override; benchmark in miniature."""

from __future__ import annotations

import importlib.util
import json
import shutil
from collections import Counter

import pytest
import yaml

from wakesmith.cli.main import main

needs_espeak = pytest.mark.skipif(shutil.which("espeak-ng") is None, reason="espeak-ng not installed")


def manifest(root):
    return [json.loads(line) for line in (root / "synth_manifest.jsonl").read_text().splitlines()]


def write_config(path, synth: dict, phrase: str = "okay nabu") -> None:
    data = {"wake_word": {"phrase": phrase}, "dataset": {"root": "data"}, "synth": synth}
    path.write_text(yaml.safe_dump(data), encoding="utf-8")


@needs_espeak
def test_config_section_gives_defaults_and_flags_override(tmp_path):
    config = tmp_path / "config.yaml"
    write_config(config, {"positives": 3, "negatives": 2, "background_minutes": 0, "rirs": 1, "seed": 5})
    assert main(["synth", "--config", str(config), "--workers", "1"]) == 0
    entries = manifest(tmp_path / "data")  # dataset.root, resolved against the config's folder
    assert Counter(e["kind"] for e in entries) == {"positive": 3, "negative": 2, "rir": 1}
    assert all(e["run_seed"] == 5 and e["engine"] in ("espeak", "synthetic-rir") for e in entries)
    assert all("okay nabu" in e["text"].replace(",", "") for e in entries if e["kind"] == "positive")

    out = tmp_path / "other"
    flags = ["--positives", "1", "--wake-word", "hey jarvis", "--out", str(out), "--seed", "6", "--workers", "1"]
    assert main(["synth", "--config", str(config), *flags]) == 0
    entries = manifest(out)
    assert Counter(e["kind"] for e in entries) == {"positive": 1, "negative": 2, "rir": 1}
    assert entries[0]["run_seed"] == 6 and "hey jarvis" in entries[0]["text"].replace(",", "")


def test_missing_wake_word_is_a_user_error(tmp_path, capsys):
    assert main(["synth", "--out", str(tmp_path)]) == 2
    assert "wake phrase" in capsys.readouterr().err


def test_unknown_config_key_is_a_user_error(tmp_path, capsys):
    config = tmp_path / "config.yaml"
    write_config(config, {"sizes": "benchmark"})
    assert main(["synth", "--config", str(config)]) == 2
    assert "did you mean 'size'" in capsys.readouterr().err


@needs_espeak
@pytest.mark.skipif(importlib.util.find_spec("pyroomacoustics") is None, reason="pip install pyroomacoustics")
def test_benchmark_in_miniature_validates(tmp_path, capsys):
    """Benchmark mode with small counts, no downloads: weighted engines, simulated rooms, `validate` passes."""
    out = tmp_path / "d"
    tiny = ["--positives", "12", "--negatives", "12", "--background-minutes", "0.3", "--rirs", "2"]
    args = ["synth", "--wake-word", "hey jarvis", "--size", "benchmark", "--out", str(out), "--workers", "2"]
    engines = "espeak,mbrola" if shutil.which("mbrola") else "espeak"
    assert main([*args, *tiny, "--engine", engines, "--fetch", "none", "--no-real-rirs"]) == 0
    entries = manifest(out)
    rirs = [e for e in entries if e["kind"] == "rir"]
    assert len(rirs) == 2 and all(e["engine"] == "pyroomacoustics" and "size" in e["settings"] for e in rirs)
    assert {e["engine"] for e in entries if e["kind"] == "positive"} == set(engines.split(","))
    assert not (out / "sources_manifest.json").exists()  # nothing fetched
    capsys.readouterr()
    assert main(["validate", "--dataset", str(out)]) == 0
    assert "all files usable" in capsys.readouterr().out
