import os
import subprocess
import sys
import textwrap
from importlib.util import find_spec

import numpy as np
import pytest

from wakesmith.config.models import MixedNetConfig
from wakesmith.model.architecture import MixedNetGeometry, random_weights, reference_forward

keras = pytest.importorskip("keras")
from wakesmith.model.mixednet import apply_weights, build_mixednet, extract_weights  # noqa: E402

RESIDUAL = MixedNetConfig(repeat_in_block=[2, 1, 1, 2], residual_connection=[True, False, True, False])
CONFIGS = {"default": MixedNetConfig(), "residual": RESIDUAL}


def _features(frames: int, batch: int = 2, seed: int = 0) -> np.ndarray:
    return np.random.default_rng(seed).uniform(0, 26, (batch, frames, 40)).astype(np.float32)


def test_default_model_is_okay_nabu_sized():
    model = build_mixednet(MixedNetConfig())
    assert 25_000 <= model.count_params() <= 26_000
    geometry = MixedNetGeometry(MixedNetConfig())
    assert model(_features(geometry.receptive_field)).shape == (2, 1, 1)


@pytest.mark.parametrize("padding", ["valid", "causal"])
@pytest.mark.parametrize("name", list(CONFIGS))
def test_formulations_match_reference(name, padding):
    config = CONFIGS[name]
    weights = random_weights(config, seed=4)
    features = _features(260)
    outputs = {}
    for formulation in ("depthwise", "shifted"):
        model = build_mixednet(config, padding, formulation)
        apply_weights(model, weights)
        outputs[formulation] = np.asarray(model(features, training=False))[..., 0]
        expected = np.stack([reference_forward(config, weights, f, padding) for f in features])
        assert outputs[formulation].shape == expected.shape
        np.testing.assert_allclose(outputs[formulation], expected, atol=1e-4)
    # float32 sums in a different order: on an AMD EPYC (2026-11-30) one residual output differed by 1.4e-5
    np.testing.assert_allclose(outputs["depthwise"], outputs["shifted"], rtol=1e-5, atol=1e-5)


@pytest.mark.parametrize("name", list(CONFIGS))
def test_extract_weights_of_trained_state_matches_model(name):
    """Batch-norm statistics that are not identity get folded correctly."""
    config = CONFIGS[name]
    model = build_mixednet(config, "causal")
    rng = np.random.default_rng(1)
    for variable in model.variables:
        shape = tuple(variable.shape)
        value = rng.uniform(0.5, 1.5, shape) if "variance" in variable.path else rng.normal(0, 0.3, shape)
        variable.assign(value.astype(np.float32))
    features = _features(200, seed=2)
    weights = extract_weights(model, config)
    expected = np.stack([reference_forward(config, weights, f, "causal") for f in features])
    np.testing.assert_allclose(np.asarray(model(features, training=False))[..., 0], expected, atol=1e-4)


def test_pooled_head_is_a_uniform_head_kernel():
    config = MixedNetConfig(pooled=True)
    model = build_mixednet(config)
    model.get_layer("head").kernel.assign(np.random.default_rng(0).normal(0, 0.3, (64, 1)).astype(np.float32))
    weights = extract_weights(model, config)
    features = _features(MixedNetGeometry(config).receptive_field + 9)
    plain = MixedNetConfig()
    expected = np.stack([reference_forward(plain, weights, f) for f in features])
    np.testing.assert_allclose(np.asarray(model(features, training=False))[..., 0], expected, atol=1e-4)


def test_spatial_attention_builds_but_has_no_streaming_weights():
    config = MixedNetConfig(spatial_attention=True)
    model = build_mixednet(config)
    assert model(_features(MixedNetGeometry(config).receptive_field)).shape == (2, 1, 1)
    with pytest.raises(ValueError, match="spatial_attention"):
        extract_weights(model, config)


@pytest.mark.parametrize("backend", ["jax", "torch"])
def test_other_backends_match_reference(backend):
    """Both formulations on JAX and torch (a fresh process each: the backend is fixed at Keras import)."""
    if find_spec(backend) is None:
        pytest.skip(f"{backend} not installed")
    script = textwrap.dedent(
        """
        import numpy as np, keras
        assert keras.backend.backend() == BACKEND
        from wakesmith.config.models import MixedNetConfig
        from wakesmith.model.architecture import random_weights, reference_forward
        from wakesmith.model.mixednet import apply_weights, build_mixednet
        config = MixedNetConfig(repeat_in_block=[2, 1, 1, 2], residual_connection=[True, False, True, False])
        weights = random_weights(config, seed=4)
        x = np.random.default_rng(0).uniform(0, 26, (2, 260, 40)).astype(np.float32)
        for padding in ("valid", "causal"):
            expected = np.stack([reference_forward(config, weights, f, padding) for f in x])
            for formulation in ("depthwise", "shifted"):
                model = build_mixednet(config, padding, formulation)
                apply_weights(model, weights)
                got = keras.ops.convert_to_numpy(model(x, training=False))[..., 0]
                np.testing.assert_allclose(got, expected, atol=1e-4)
        print("ok")
        """
    )
    env = {**os.environ, "KERAS_BACKEND": backend, "JAX_PLATFORMS": "cpu"}
    script = script.replace("BACKEND", repr(backend))
    done = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0 and "ok" in done.stdout, done.stderr[-3000:]
