"""`wakesmith synth`: determinism, manifest, layout, and that `validate` accepts its output."""

from __future__ import annotations

import hashlib
import json
import shutil

import numpy as np
import pytest

from wakesmith.audio.synth.noise import colored_noise, synthetic_rir
from wakesmith.audio.synth.shaping import pad_to, trim_silence
from wakesmith.cli.main import main

needs_espeak = pytest.mark.skipif(shutil.which("espeak-ng") is None, reason="espeak-ng not installed")
TINY = ["--positives", "4", "--negatives", "6", "--background-minutes", "0.2", "--rirs", "2"]


def digests(root):
    return {
        p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*"))
        if p.is_file() and ".wakesmith-cache" not in p.parts
    }


@pytest.fixture(scope="module")
def synth_once(tmp_path_factory):
    out = tmp_path_factory.mktemp("synth") / "dataset"
    assert main(["synth", "--wake-word", "hey jarvis", "--out", str(out), "--seed", "7", "--workers", "2", *TINY]) == 0
    return out


@needs_espeak
def test_same_seed_gives_identical_files(synth_once, tmp_path):
    again = tmp_path / "dataset"
    assert (
        main(["synth", "--wake-word", "hey jarvis", "--out", str(again), "--seed", "7", "--workers", "1", *TINY]) == 0
    )
    assert digests(synth_once) == digests(again)
    other = tmp_path / "other"
    assert (
        main(["synth", "--wake-word", "hey jarvis", "--out", str(other), "--seed", "8", "--workers", "1", *TINY]) == 0
    )
    assert digests(other) != digests(synth_once)


@needs_espeak
def test_layout_and_manifest(synth_once):
    lines = [json.loads(line) for line in (synth_once / "synth_manifest.jsonl").read_text().splitlines()]
    kinds = [entry["kind"] for entry in lines]
    assert kinds.count("positive") == 4 and kinds.count("negative") == 6 and kinds.count("rir") == 2
    assert kinds.count("background") == 1
    for entry in lines:
        assert (synth_once / entry["file"]).is_file()
        assert entry["file"].startswith(f"{entry['kind']}/synth/")
        assert {"engine", "seed", "kind", "file"} <= set(entry)
    speech = [e for e in lines if e["kind"] in ("positive", "negative")]
    for entry in speech:
        assert entry["engine"] == "espeak" and entry["voice"] and entry["text"] and "speed" in entry["settings"]
        speaker = entry["file"].split("/")[-1].split("__")[0]
        assert speaker == "espeak-" + entry["voice"].replace("+", "-")  # group_pattern ^(.+?)__ finds the voice
    assert all("hey jarvis" in e["text"].replace(",", "") for e in speech if e["kind"] == "positive")
    assert all("hey jarvis" not in e["text"].lower().replace(",", "") for e in speech if e["kind"] == "negative")
    background = next(e for e in lines if e["kind"] == "background")
    assert abs(background["duration_s"] - 12.0) < 0.01


@needs_espeak
def test_validate_passes_on_synth_output(synth_once, capsys):
    assert main(["validate", "--dataset", str(synth_once)]) == 0
    assert "all files usable" in capsys.readouterr().out


@needs_espeak
def test_rerun_removes_files_of_previous_run(tmp_path):
    out = tmp_path / "d"
    base = ["synth", "--wake-word", "okay nabu", "--out", str(out), "--workers", "1", "--background-minutes", "0"]
    assert main([*base, "--positives", "3", "--negatives", "2", "--rirs", "0"]) == 0
    (out / "positive" / "mine.wav").write_bytes(b"user file")
    assert main([*base, "--positives", "1", "--negatives", "1", "--rirs", "0"]) == 0
    assert len(list((out / "positive" / "synth").glob("*.wav"))) == 1
    assert (out / "positive" / "mine.wav").read_bytes() == b"user file"


def test_unknown_engine_is_a_user_error(tmp_path, capsys):
    code = main(["synth", "--wake-word", "hey", "--out", str(tmp_path), "--engine", "nope"])
    assert code == 2 and "unknown TTS engine" in capsys.readouterr().err


def test_trim_keeps_margin_and_pad_reaches_minimum():
    speech = np.zeros(16000, np.float32)
    speech[6080:9120] = 0.5  # on 10 ms frame boundaries
    trimmed = trim_silence(speech, margin_s=0.05)
    assert len(trimmed) == 3040 + 2 * 800 and np.all(trimmed[:800] == 0) and trimmed[800] == 0.5
    assert len(trim_silence(speech[6080:9120], margin_s=0.05)) == 3040 + 2 * 800  # margin added when missing
    assert len(pad_to(trimmed, 0.5)) == 8000


def test_colored_noise_slopes():
    rng = np.random.default_rng(0)
    spectra = {}
    for color in ("white", "pink", "brown", "blue"):
        noise = colored_noise(rng, 32000, color)
        assert np.sqrt(np.mean(noise**2)) == pytest.approx(1.0, rel=1e-3)
        power = np.abs(np.fft.rfft(noise)) ** 2
        spectra[color] = power[100:1000].mean() / power[10000:15000].mean()  # low band / high band
    assert spectra["brown"] > spectra["pink"] > spectra["white"] > spectra["blue"]


def test_synthetic_rir_shape():
    rir = synthetic_rir(np.random.default_rng(1), 0.4)
    assert rir.size == int(0.4 * 1.2 * 16000) and np.argmax(np.abs(rir)) < 1300
    assert np.max(np.abs(rir)) == pytest.approx(0.9)
