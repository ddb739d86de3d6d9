import numpy as np
import pytest

from wakesmith.config.models import MixedNetConfig

keras = pytest.importorskip("keras")
from wakesmith.model.mixednet import build_mixednet, extract_weights, keras_state_path, save_keras_state  # noqa: E402
from wakesmith.model.weights_io import save_weights  # noqa: E402
from wakesmith.training.loop import _load_initial_weights  # noqa: E402

CONFIG = MixedNetConfig(
    pointwise_filters=[16, 16],
    repeat_in_block=[1, 1],
    mixconv_kernel_sizes=[[3], [5, 7]],
    residual_connection=[False, True],
    first_conv_filters=8,
    head_frames=3,
)


def _trained_like_model():
    model = build_mixednet(CONFIG)
    rng = np.random.default_rng(0)
    for variable in model.variables:
        shape = tuple(variable.shape)
        value = rng.uniform(2.0, 9.0, shape) if "variance" in variable.path else rng.normal(0, 0.4, shape)
        variable.assign(value.astype(np.float32))
    return model


@pytest.mark.parametrize("with_state", [True, False])
def test_fine_tuning_starts_from_the_same_function(tmp_path, with_state):
    source = _trained_like_model()
    path = tmp_path / "best_weights.npz"
    save_weights(extract_weights(source, CONFIG), path)
    if with_state:
        save_keras_state(source, keras_state_path(path))
    target = build_mixednet(CONFIG)
    _load_initial_weights(target, path)
    x = np.random.default_rng(1).uniform(0, 26, (64, 40, 40)).astype(np.float32)
    expected = keras.ops.convert_to_numpy(source(x, training=False))
    np.testing.assert_allclose(keras.ops.convert_to_numpy(target(x, training=False)), expected, atol=1e-5)
    if with_state:  # exact state: batch-norm statistics restored, layers stay trainable
        assert all(layer.trainable for layer in target.layers)
    else:  # folded weights only: batch norm frozen so training-mode outputs keep the trained function
        np.testing.assert_allclose(keras.ops.convert_to_numpy(target(x, training=True)), expected, atol=1e-5)
