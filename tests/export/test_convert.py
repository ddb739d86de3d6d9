"""int8 conversion: the flatbuffer meets ESPHome's contract, runs in tflite_micro, and decides like float."""

import dataclasses

import numpy as np
import pytest

from wakesmith.config.models import MixedNetConfig
from wakesmith.errors import WakesmithError
from wakesmith.export import esphome
from wakesmith.export.agreement import clip_agreement, decision_agreement
from wakesmith.export.arena import minimal_arena
from wakesmith.export.convert import convert_streaming_model
from wakesmith.export.representative import pin_input_range, strides_of
from wakesmith.export.runtime import StreamingRunner
from wakesmith.export.streaming_graph import build_streaming_model
from wakesmith.export.tflite_model import parse_tflite
from wakesmith.model.architecture import MixedNetGeometry, random_weights, reference_forward

CONFIG = MixedNetConfig()
RESIDUAL = MixedNetConfig(repeat_in_block=[2, 1, 1, 2], residual_connection=[True, False, True, False])
FRAMES = 150


def synthetic_clip(rng: np.random.Generator, positive: bool) -> np.ndarray:
    """Noise-like features; positives carry a loud band-limited burst ending 10–30 frames before the end."""
    clip = rng.gamma(2.0, 1.5, (FRAMES, 40))
    if positive:
        end = int(rng.integers(FRAMES - 30, FRAMES - 10))
        clip[end - 25 : end, 8:30] += rng.uniform(8.0, 14.0)
    return clip.astype(np.float32)


def synthetic_set(seed: int, count: int) -> tuple[list[np.ndarray], np.ndarray]:
    rng = np.random.default_rng(seed)
    labels = np.arange(count) % 2 == 0
    return [synthetic_clip(rng, bool(label)) for label in labels], labels


def representative(clips: list[np.ndarray], stride: int) -> np.ndarray:
    return pin_input_range(np.concatenate([strides_of(np.clip(c, 0, 26), stride) for c in clips]))


def _mix(structured: np.ndarray, noise: np.ndarray, amount: float = 1.0) -> np.ndarray:
    """structured + random at `amount` times its RMS."""
    ratio = np.sqrt(np.mean(structured**2)) / max(np.sqrt(np.mean(noise**2)), 1e-12)
    return (structured + amount * ratio * noise).astype(np.float32)


def detector_weights(config, seed=3):
    """Trained-ish weights: a band-energy burst detector (bands 8–30 against 0–8, averaged over time and
    channels) with an equally large random component on every layer, so activations vary but stay sane."""
    w = random_weights(config, seed=seed)
    k = w.first_conv.shape[0]
    first = np.zeros_like(w.first_conv)
    first[:, 8:30], first[:, :8] = 1.0 / (k * 22), -1.0 / (k * 8)
    w.first_conv = _mix(first, w.first_conv)
    for block in w.blocks:
        block.depthwise = [_mix(np.full_like(d, 1.0 / len(d)), d) for d in block.depthwise]
        block.pointwise = _mix(np.full_like(block.pointwise, 1.0 / len(block.pointwise)), block.pointwise)
        block.bn_scale, block.bn_offset = np.ones_like(block.bn_scale), np.zeros_like(block.bn_offset)
        if block.residual_pointwise is not None:
            average = np.full_like(block.residual_pointwise, 1.0 / len(block.residual_pointwise))
            block.residual_pointwise = _mix(average, block.residual_pointwise)
    w.head_kernel = _mix(np.full_like(w.head_kernel, 1.0 / w.head_kernel.size), w.head_kernel)
    w.head_bias = np.zeros(1, np.float32)
    return w


def trained_ish_weights(config, clips, labels):
    """Detector weights whose head puts the gap between negative and positive clip scores at logits ±4."""
    weights = detector_weights(config)
    probe = dataclasses.replace(weights, head_kernel=weights.head_kernel * 1e-3)  # sigmoid ≈ linear: invertible
    scores = []
    for clip in clips:
        p = reference_forward(config, probe, clip, padding="causal")
        scores.append((np.log(p / (1 - p)) / 1e-3).max())
    scores = np.array(scores)
    low, high = scores[~labels].max(), scores[labels].min()
    assert high > low  # the detector separates the training clips
    gain = 8.0 / (high - low)
    return dataclasses.replace(
        weights,
        head_kernel=(weights.head_kernel * gain).astype(np.float32),
        head_bias=np.array([-(low + high) / 2 * gain], np.float32),
    )


@pytest.fixture(scope="module")
def converted():
    weights = random_weights(CONFIG, seed=1)
    clips, _ = synthetic_set(seed=0, count=8)
    model_bytes = convert_streaming_model(build_streaming_model(CONFIG, weights), representative(clips, CONFIG.stride))
    return weights, model_bytes


def test_flatbuffer_meets_the_esphome_contract(converted):
    _, model_bytes = converted
    info = parse_tflite(model_bytes)
    assert set(info.ops) <= esphome.SUPPORTED_OPS
    assert {"CALL_ONCE", "VAR_HANDLE", "READ_VARIABLE", "ASSIGN_VARIABLE", "SPLIT_V"} <= set(info.ops)
    assert not {"PAD", "TANH", "EXP", "TRANSPOSE"} & set(info.ops)
    (given,), (out,) = info.inputs, info.outputs
    assert (given.dtype, given.shape, given.zero_point) == ("int8", (1, 3, 40), -128)
    assert given.scale == pytest.approx(26 / 255, rel=1e-6)
    assert (out.dtype, out.shape, out.zero_point) == ("uint8", (1, 1), 0)
    assert out.scale == pytest.approx(1 / 256)
    assert info.resource_variables == MixedNetGeometry(CONFIG).streaming_state_count() == 6
    assert info.subgraph_count == 2 and info.starts_with_call_once
    assert info.schema_version == 3


def test_runs_1000_strides_in_tflite_micro_with_the_minimal_arena(converted):
    _, model_bytes = converted
    arena = minimal_arena(model_bytes)
    runner = StreamingRunner(model_bytes, engine="micro", arena_size=arena)
    clip = np.random.default_rng(5).gamma(2.0, 3.0, (3000, 40))
    raw = runner.run_raw(clip)
    assert raw.shape == (1000,) and raw.dtype == np.uint8
    assert len(np.unique(raw)) > 1
    runner.reset()  # a fresh start repeats the same outputs: the state really resets through CALL_ONCE
    np.testing.assert_array_equal(runner.run_raw(clip[:300]), raw[:100])
    # the reference-kernel TFLite engine (used for evaluation) is bit-exact with tflite_micro here
    np.testing.assert_array_equal(StreamingRunner(model_bytes, engine="tflite").run_raw(clip), raw)


def test_representative_data_off_the_input_range_is_refused():
    weights = random_weights(CONFIG, seed=1)
    clips, _ = synthetic_set(seed=0, count=2)
    narrow = np.clip(np.concatenate([strides_of(c, 3) for c in clips]), 0, 10)
    with pytest.raises(WakesmithError, match="input quantization"):
        convert_streaming_model(build_streaming_model(CONFIG, weights), narrow)


@pytest.mark.parametrize("config", [CONFIG, RESIDUAL], ids=["default", "residual"])
def test_int8_decides_like_float_on_trained_ish_weights(config):
    train, train_labels = synthetic_set(seed=10, count=24)
    weights = trained_ish_weights(config, train, train_labels)
    model_bytes = convert_streaming_model(build_streaming_model(config, weights), representative(train, config.stride))
    if config is RESIDUAL:
        assert "ADD" in parse_tflite(model_bytes).ops
    test, labels = synthetic_set(seed=11, count=60)
    report = clip_agreement(config, weights, model_bytes, 0, test, cutoff=0.5)
    print(report.summary())
    assert report.clips == 60
    assert 0 < report.float_detections < 60  # outputs vary: the decision is not trivially constant
    assert report.agreement >= 0.99
    assert 0 < report.max_probability_difference < 0.3
    assert report.mean_probability_difference < 0.01


def test_decision_agreement_counts_flips_and_differences():
    float_outputs = [np.array([0.1, 0.6]), np.array([0.2, 0.3]), np.array([0.45, 0.2])]
    quantized = [np.array([0.1, 0.58]), np.array([0.2, 0.3]), np.array([0.55, 0.2])]
    report = decision_agreement(float_outputs, quantized, cutoff=0.5)
    assert (report.clips, report.agreeing, report.float_detections, report.quantized_detections) == (3, 2, 1, 2)
    assert report.max_probability_difference == pytest.approx(0.1)
    assert report.agreement == pytest.approx(2 / 3) and not report.passed
