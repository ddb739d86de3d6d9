"""Arena measurement in tflite_micro child processes, and the two streaming engines against each other."""

import numpy as np
import pytest

from wakesmith.export.arena import (
    ALIGNMENT_SLACK,
    arena_with_margin,
    host_minimal_arena,
    minimal_arena,
    probe_arena,
)
from wakesmith.export.runtime import StreamingRunner

# SPEC §2: smallest arenas measured on another x86-64 host (buffer alignment there unknown).
SPEC_HOST_MINIMA = {"okay_nabu": 24514, "hey_jarvis": 20335, "alexa": 20724}


@pytest.mark.parametrize("name", sorted(SPEC_HOST_MINIMA))
def test_minimal_arena_matches_spec_within_alignment(reference_dir, name):
    model = (reference_dir / f"{name}.tflite").read_bytes()
    host = host_minimal_arena(model)
    assert probe_arena(model, host).ok
    failed = probe_arena(model, host - 1)
    assert not failed.ok and failed.reason  # the interpreter says why
    # The SPEC's host minima differ from ours only by the arena start alignment (≤ 15 bytes).
    assert host <= SPEC_HOST_MINIMA[name] <= host + ALIGNMENT_SLACK
    assert minimal_arena(model) == host + ALIGNMENT_SLACK


def test_crashing_probe_is_contained(reference_dir):
    model = (reference_dir / "alexa.tflite").read_bytes()
    result = probe_arena(model, 64)  # tflite_micro segfaults/aborts on some tiny arenas: must not take us down
    assert not result.ok


def test_arena_with_margin():
    assert arena_with_margin(24527, 0.10) == 26980
    assert arena_with_margin(1000, 0.0) == 1000 and arena_with_margin(1001, 0.0) % 4 == 0


def feature_stream(seed: int, frames: int) -> np.ndarray:
    """A random walk through feature space, clipped to the frontend's range, plus noise."""
    rng = np.random.default_rng(seed)
    walk = np.cumsum(rng.normal(0, 0.8, (frames, 40)), axis=0)
    return np.clip(walk - walk.min(0) + rng.gamma(2.0, 1.5, (frames, 40)), 0, 30).astype(np.float32)


@pytest.mark.parametrize("name", ["okay_nabu", "hey_jarvis", "alexa"])
def test_engines_agree_and_reset(reference_dir, name):
    model = (reference_dir / f"{name}.tflite").read_bytes()
    features = np.concatenate([feature_stream(1, 900), np.random.default_rng(2).uniform(0, 26, (600, 40))])
    fast = StreamingRunner(model, "tflite")
    micro = StreamingRunner(model, "micro", arena_size=minimal_arena(model))
    raw_fast, raw_micro = fast.run_raw(features), micro.run_raw(features)
    assert raw_fast.dtype == np.uint8 and len(raw_fast) == len(features) // 3
    difference = np.abs(raw_fast.astype(int) - raw_micro.astype(int)).max()
    print(f"{name}: max |tflite − micro| = {difference} over {len(raw_fast)} strides, max output {raw_fast.max()}")
    assert difference == 0  # reference kernels are bit-exact with tflite_micro
    # reset() gives fresh state (tf.lite's reset_all_variables alone would not).
    for runner, first in ((fast, raw_fast), (micro, raw_micro)):
        runner.reset()
        assert np.array_equal(runner.run_raw(features), first)
    probabilities = micro.run(features[:30])
    assert probabilities.dtype == np.float32 and probabilities.max() <= 1.0


@pytest.mark.parametrize("engine", ["tflite", "micro"])
def test_state_carries_over_until_reset(reference_dir, engine):
    """okay_nabu's first outputs on fresh (zero) state differ from those after a stream: state is real."""
    runner = StreamingRunner((reference_dir / "okay_nabu.tflite").read_bytes(), engine)
    features = np.random.default_rng(1).uniform(0, 26, (300, 40)).astype(np.float32)
    fresh = runner.run_raw(features)
    continued = runner.run_raw(features)
    runner.reset()
    assert not np.array_equal(fresh, continued)
    assert np.array_equal(runner.run_raw(features), fresh)


def test_trailing_frames_are_dropped(reference_dir):
    runner = StreamingRunner((reference_dir / "okay_nabu.tflite").read_bytes(), "micro")
    assert len(runner.run_raw(np.zeros((8, 40), np.float32))) == 2
    with pytest.raises(ValueError):
        runner.run_raw(np.zeros((8, 39), np.float32))


def test_engines_agree_on_a_converted_mixednet():
    """A wakesmith-converted MixedNet (random weights) has outputs over the whole uint8 range: still bit-exact."""
    convert = pytest.importorskip("wakesmith.export.convert")
    from wakesmith.config.models import MixedNetConfig
    from wakesmith.export.streaming_graph import build_streaming_model
    from wakesmith.model.architecture import random_weights

    config = MixedNetConfig()
    rng = np.random.default_rng(0)
    frames = np.clip(rng.gamma(2.0, 1.5, (1500, 40)), 0, 26).astype(np.float32)
    representative = frames[: 600 // config.stride * config.stride].reshape(-1, config.stride, 40)
    representative[0, 0, 0], representative[0, 0, 1] = 0.0, 26.0  # pin the int8 input range to [0, 26]
    model = convert.convert_streaming_model(
        build_streaming_model(config, random_weights(config, seed=3)), representative
    )
    raw_fast = StreamingRunner(model, "tflite").run_raw(frames)
    raw_micro = StreamingRunner(model, "micro", arena_size=minimal_arena(model)).run_raw(frames)
    difference = np.abs(raw_fast.astype(int) - raw_micro.astype(int)).max()
    print(f"MixedNet: outputs {raw_fast.min()}–{raw_fast.max()}, max difference {difference}")
    assert np.unique(raw_fast).size > 10
    assert np.array_equal(raw_fast, raw_micro)
