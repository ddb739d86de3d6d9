"""The TF streaming model, fed stride by stride, equals the causal reference pass at every step."""

import numpy as np
import pytest

from wakesmith.config.models import MixedNetConfig
from wakesmith.errors import WakesmithError
from wakesmith.export.streaming_graph import build_streaming_model
from wakesmith.model.architecture import MixedNetGeometry, random_weights, reference_forward

CONFIGS = {
    "default": MixedNetConfig(),
    "residual_repeats": MixedNetConfig(repeat_in_block=[2, 1, 1, 2], residual_connection=[True, False, True, False]),
    "hey_jarvis_like": MixedNetConfig(
        first_conv_filters=30,
        pointwise_filters=[60, 60, 60, 60],
        mixconv_kernel_sizes=[[5], [9], [13], [21]],
        head_frames=5,
    ),
    # no first conv: every call yields `stride` positions; the output is the newest one
    "no_first_conv": MixedNetConfig(
        stride=2,
        first_conv_filters=0,
        pointwise_filters=[16, 24],
        repeat_in_block=[1, 2],
        mixconv_kernel_sizes=[[3], [5, 1]],
        residual_connection=[True, True],
        head_frames=3,
    ),
}


def features(frames: int, seed: int = 0) -> np.ndarray:
    return np.random.default_rng(seed).gamma(2.0, 2.0, (frames, 40)).astype(np.float32)


@pytest.mark.parametrize("name", list(CONFIGS))
def test_streaming_matches_causal_reference(name):
    config = CONFIGS[name]
    weights = random_weights(config, seed=7)
    clip = features(160, seed=1)
    model = build_streaming_model(config, weights)
    streamed = model.run_clip(clip)
    causal = reference_forward(config, weights, clip, padding="causal")
    if config.first_conv_filters == 0:  # causal gives one output per frame; a call ends every `stride` frames
        causal = causal[config.stride - 1 :: config.stride]
    assert streamed.shape == causal.shape == (160 // config.stride,)
    assert np.abs(streamed - causal).max() < 1e-4
    assert np.ptp(causal) > 0.01  # the comparison is not between two constants


def test_buffers_follow_the_geometry():
    """One zero-initialised variable per temporal layer, shaped like okay_nabu's ring buffers."""
    config = CONFIGS["default"]
    model = build_streaming_model(config, random_weights(config))
    shapes = [tuple(v.shape) for v in model.states]
    assert shapes == [(1, 2, 1, 40), (1, 4, 1, 32), (1, 10, 1, 64), (1, 14, 1, 64), (1, 22, 1, 64), (1, 5, 1, 64)]
    assert len(model.states) == MixedNetGeometry(config).streaming_state_count()
    assert all(not v.numpy().any() for v in model.states)


def test_state_carries_between_calls_and_reset_clears_it():
    config = CONFIGS["default"]
    model = build_streaming_model(config, random_weights(config, seed=2))
    block = features(3, seed=4)[None]
    first = model(block).numpy()
    second = model(block).numpy()
    assert not np.allclose(first, second)  # same input, different history
    model.reset()
    np.testing.assert_array_equal(model(block).numpy(), first)


@pytest.mark.parametrize("field", ["spatial_attention", "pooled"])
def test_non_streaming_configs_are_rejected(field):
    config = MixedNetConfig(**{field: True})
    with pytest.raises(WakesmithError, match="not exportable as a streaming model"):
        build_streaming_model(config, random_weights(MixedNetConfig()))


def test_weights_that_do_not_match_the_config_are_rejected():
    weights = random_weights(CONFIGS["residual_repeats"])
    with pytest.raises(WakesmithError, match="block layers"):
        build_streaming_model(CONFIGS["default"], weights)
