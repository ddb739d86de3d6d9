"""eval with the real streaming runner on an official model (okay_nabu) over synthetic feature stores."""

from __future__ import annotations

import io
import json
import shutil
import subprocess
from pathlib import Path

import numpy as np
import pytest

from wakesmith.config.models import WakesmithConfig
from wakesmith.evaluation.pipeline import run_evaluation

REFERENCE = Path("/work/shared/reference-models")
pytestmark = pytest.mark.skipif(not (REFERENCE / "okay_nabu.tflite").is_file(), reason="reference models absent")


def _project(tmp_path: Path, write_store, stores: dict[tuple[str, str], list[np.ndarray]]):
    work = tmp_path / "work"
    for (set_name, split), clips in stores.items():
        write_store(work, set_name, split, clips)
    model_dir = tmp_path / "model"
    model_dir.mkdir()
    for suffix in (".tflite", ".json"):
        shutil.copy(REFERENCE / f"okay_nabu{suffix}", model_dir / f"okay_nabu{suffix}")
    config = WakesmithConfig.model_validate(
        {
            "features": {"work_dir": str(work)},
            "export": {"output_dir": str(model_dir), "model_name": "okay_nabu"},
            "evaluation": {"report_dir": str(tmp_path / "report"), "agreement_clips": 6},
            "training": {"run_dir": str(tmp_path / "run")},
        }
    )
    return config, model_dir / "okay_nabu.json"


def test_reference_model_engines_agree_and_manifest_stays_valid(tmp_path, store_writer_fn):
    write_store = store_writer_fn
    rng = np.random.default_rng(3)

    def noise(n, frames, level):
        return [np.clip(rng.normal(level, 60, (frames, 40)), 0, 665).astype(np.uint16) for _ in range(n)]

    config, manifest = _project(
        tmp_path,
        write_store,
        {
            ("positive", "testing"): noise(3, 150, 300),
            ("negative", "testing"): noise(3, 150, 200),
            ("background", "testing_ambient"): noise(3, 1000, 150),
        },
    )
    outcome = run_evaluation(config, manifest, show_progress=False)
    assert outcome.result.agreement["max_abs_diff_raw"] <= 1  # tflite vs tflite_micro
    assert outcome.result.agreement["clips"] == 6
    saved = json.loads(manifest.read_text())
    assert 0 < saved["micro"]["probability_cutoff"] < 1 and saved["micro"]["tensor_arena_size"] == 26080


def _espeak_features(text: str, voice: str, speed: int, samples: int = 51200) -> np.ndarray:
    import soundfile as sf
    import soxr
    from pymicro_features import MicroFrontend

    wav = subprocess.run(
        ["espeak-ng", "-v", voice, "-s", str(speed), "--stdout", text], capture_output=True, check=True
    ).stdout
    audio, rate = sf.read(io.BytesIO(wav), dtype="float32")
    audio = soxr.resample(audio, rate, 16000)
    clip = np.random.default_rng(0).normal(0, 0.003, samples).astype(np.float32)
    end = samples - 3200  # the word ends 0.2 s before the clip's end, as in the positive stores
    clip[end - len(audio) : end] += audio * 0.5
    pcm = (np.clip(clip, -1, 1) * 32767).astype("<i2").tobytes()
    frontend, rows = MicroFrontend(), []
    for start in range(0, len(pcm) - 319, 320):
        result = frontend.process_samples(pcm[start : start + 320])
        if result.features:
            rows.append(result.features)
    return np.rint(np.asarray(rows) * 25.6).astype(np.uint16)


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("espeak-ng") is None, reason="espeak-ng not installed")
def test_reference_model_detects_synthesised_wake_word(tmp_path, store_writer_fn):
    write_store = store_writer_fn
    voices = ("en-us", "en", "en-gb-x-rp")
    positives = [_espeak_features(t, v, s) for t in ("okay nabu", "ok nabu") for v in voices for s in (130, 170)]
    negatives = [_espeak_features(t, v, 150) for t in ("hello there", "what time is it") for v in voices]
    ambient = _espeak_features("the quick brown fox jumps over the lazy dog", "en-us", 150, 16000 * 8)
    config, manifest = _project(
        tmp_path,
        write_store,
        {
            ("positive", "testing"): positives,
            ("negative", "testing"): negatives,
            ("background", "testing_ambient"): [ambient] * 4,
        },
    )
    result = run_evaluation(config, manifest, show_progress=False).result
    assert result.headline_recall >= 0.5  # espeak "okay nabu" wakes the official model
    assert result.classification["recall"][50] > result.classification["false_positive_rate"][50]
