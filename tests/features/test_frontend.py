"""The frontend stage: whole-clip features equal streamed ones; raw storage is lossless; device int8 mapping."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from wakesmith.errors import WakesmithError
from wakesmith.features.frontend import (
    RAW_PER_FLOAT,
    StreamingFrontend,
    compute_features,
    compute_raw_features,
    device_quantize,
    float_to_raw,
    frame_count,
    raw_to_float,
    validate_frontend_params,
)

REFERENCE_MODELS = Path(__file__).resolve().parents[3] / "shared" / "reference-models"


def speech_like(seconds: float, seed: int = 0) -> np.ndarray:
    rng = np.random.default_rng(seed)
    t = np.arange(int(seconds * 16000)) / 16000
    wave = 0.3 * np.sin(2 * np.pi * (300 + 200 * np.sin(3 * t)) * t) * (0.5 + 0.5 * np.sin(2 * np.pi * 2 * t))
    wave += 0.02 * rng.standard_normal(t.size)
    return (wave * 32767).astype(np.int16)


@pytest.mark.parametrize("block", [160, 512, 37, 1000, "random"])
def test_streamed_chunks_equal_whole_clip(block):
    audio = speech_like(2.0)
    whole = compute_features(audio)
    frontend = StreamingFrontend()
    rng = np.random.default_rng(1)
    parts, position = [], 0
    while position < audio.size:
        size = int(rng.integers(1, 700)) if block == "random" else block
        parts.append(frontend.feed(audio[position : position + size]))
        position += size
    streamed = np.concatenate(parts)
    assert whole.dtype == np.float32 and whole.shape == (frame_count(audio.size), 40)
    assert whole.shape[0] == 198  # 2 s → (32000 − 480) / 160 + 1
    np.testing.assert_array_equal(streamed, whole)


def test_raw_units_are_lossless():
    """Stored uint16 raw units reproduce the float features exactly: the storage error is 0."""
    audio = speech_like(1.0, seed=3)
    features = compute_features(audio)
    raw = compute_raw_features(audio)
    assert raw.dtype == np.uint16
    np.testing.assert_array_equal(raw, float_to_raw(features))
    assert np.max(np.abs(raw_to_float(raw) - features)) == 0.0
    assert np.all(np.abs(features * RAW_PER_FLOAT - np.rint(features * RAW_PER_FLOAT)) < 1e-3)


def test_fresh_frontend_per_clip():
    audio = speech_like(1.0)
    first = compute_raw_features(audio)
    compute_raw_features(speech_like(1.0, seed=9))  # another clip in between must not leak state
    np.testing.assert_array_equal(compute_raw_features(audio), first)


def test_input_validation():
    with pytest.raises(WakesmithError, match="16000 Hz"):
        validate_frontend_params(8000)
    with pytest.raises(WakesmithError, match="40 mel channels"):
        validate_frontend_params(16000, channels=32)
    with pytest.raises(WakesmithError, match="10 ms"):
        validate_frontend_params(16000, step_ms=20)
    validate_frontend_params(16000, 40, 10)
    with pytest.raises(WakesmithError, match="int16"):
        compute_features(np.zeros(1600, np.float32))
    assert compute_features(np.zeros(100, np.int16)).shape == (0, 40)


@pytest.mark.parametrize("name", ["okay_nabu", "hey_jarvis", "alexa"])
def test_device_quantize_matches_reference_model_input(name):
    tf = pytest.importorskip("tensorflow")
    model = REFERENCE_MODELS / f"{name}.tflite"
    if not model.is_file():
        pytest.skip(f"{model} not available")
    assert json.loads(model.with_suffix(".json").read_text())["micro"]["feature_step_size"] == 10
    detail = tf.lite.Interpreter(model_path=str(model)).get_input_details()[0]
    scale, zero_point = detail["quantization"]
    assert detail["dtype"] == np.int8
    raw = np.arange(0, 1200)  # every raw frontend value up to past saturation (666 ≈ 26.0)
    features = raw / RAW_PER_FLOAT
    by_tensor = np.clip(np.round(features / scale) + zero_point, -128, 127)
    by_device = device_quantize(features).astype(np.int64)
    assert np.max(np.abs(by_device - by_tensor)) <= 1
    assert by_device[0] == by_tensor[0] == -128
    assert by_device[-1] == by_tensor[-1] == 127
    saturated = raw >= 666
    np.testing.assert_array_equal(by_device[saturated], by_tensor[saturated])
    assert np.all(np.diff(by_device) >= 0)  # monotonic: louder never maps lower
