import numpy as np
import pytest

from wakesmith.config.models import MixedNetConfig
from wakesmith.model.architecture import MixedNetGeometry, random_weights, reference_forward
from wakesmith.model.weights_io import load_weights, save_weights

RESIDUAL = MixedNetConfig(repeat_in_block=[2, 1, 1, 2], residual_connection=[True, False, True, False])


def test_default_geometry_matches_okay_nabu():
    geometry = MixedNetGeometry(MixedNetConfig())
    # okay_nabu's streaming buffers: 2 input frames, then 4, 10, 14, 22 and a 5-frame head buffer.
    assert geometry.first_conv_buffer == 2
    assert [max(k) - 1 for k in geometry.block_kernels()] == [4, 10, 14, 22]
    assert geometry.streaming_state_count() == 6
    assert geometry.receptive_field == 170


@pytest.mark.parametrize("config", [MixedNetConfig(), RESIDUAL], ids=["default", "residual"])
def test_causal_output_equals_valid_window(config):
    """Output n of the causal (streaming-equivalent) pass equals a valid pass on the window ending there."""
    geometry = MixedNetGeometry(config)
    features = np.random.default_rng(1).uniform(0, 1, (300, 40))
    weights = random_weights(config, seed=3)
    causal = reference_forward(config, weights, features, "causal")
    assert causal.shape == (geometry.output_length(300, "causal"),)
    for n in (85, 92, 99):
        end = config.stride * (n + 1)
        window = features[end - geometry.receptive_field : end]
        assert reference_forward(config, weights, window)[0] == pytest.approx(causal[n], abs=1e-12)


def test_weights_roundtrip(tmp_path):
    weights = random_weights(RESIDUAL, seed=5)
    save_weights(weights, tmp_path / "w.npz")
    loaded = load_weights(tmp_path / "w.npz")
    features = np.random.default_rng(2).uniform(0, 1, (200, 40))
    np.testing.assert_array_equal(
        reference_forward(RESIDUAL, weights, features, "causal"),
        reference_forward(RESIDUAL, loaded, features, "causal"),
    )
