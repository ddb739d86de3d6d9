"""MixedNet as a Keras 3 functional model (any backend), plus conversion to and from `MixedNetWeights`.

The structure mirrors `architecture.reference_forward` layer for layer, so `extract_weights` of a trained
model fed to the reference oracle gives the same probabilities (tests check this on every formulation).
Layer names are stable ("first_conv", "block{i}_mixconv", …): weight conversion finds layers by name.
"""

from __future__ import annotations

from pathlib import Path

import keras
import numpy as np

from wakesmith.atomic import atomic_path
from wakesmith.config.models import MixedNetConfig
from wakesmith.model.architecture import (
    BN_EPSILON,
    FEATURE_CHANNELS,
    BlockWeights,
    MixedNetGeometry,
    MixedNetWeights,
    Padding,
    fold_batch_norm,
)
from wakesmith.model.layers import KeepLastFrames, MixConv, SpatialAttention


def _causal_pad(x, frames: int, padding: Padding, name: str):
    if padding != "causal" or frames <= 0:
        return x
    return keras.layers.ZeroPadding1D((frames, 0), name=name)(x)


def build_mixednet(
    config: MixedNetConfig, padding: Padding = "valid", formulation: str | None = None, name: str = "mixednet"
) -> keras.Model:
    """[batch, frames, 40] float features → [batch, T_out, 1] sigmoid probabilities.

    `padding="valid"` is training's (a window of `receptive_field` frames gives one output); `"causal"` left-pads
    every temporal layer with zeros, which equals streaming inference from zeroed buffers. `formulation`
    ("depthwise" | "shifted" | "auto") overrides `config.depthwise_formulation` for the depthwise convolutions.
    """
    if padding not in ("valid", "causal"):
        raise ValueError(f"padding must be 'valid' or 'causal', got {padding!r}")
    formulation = formulation or config.depthwise_formulation
    geometry = MixedNetGeometry(config)
    inputs = keras.Input(shape=(None, FEATURE_CHANNELS), name="features")
    x = inputs
    if config.first_conv_filters:
        x = _causal_pad(x, geometry.first_conv_buffer, padding, "first_conv_pad")
        x = keras.layers.Conv1D(
            config.first_conv_filters,
            config.first_conv_kernel_size,
            strides=config.stride,
            use_bias=False,
            activation="relu",
            name="first_conv",
        )(x)
    index = 0
    for filters, repeat, kernels, residual in zip(
        config.pointwise_filters,
        config.repeat_in_block,
        config.mixconv_kernel_sizes,
        config.residual_connection,
        strict=True,
    ):
        block_input = x
        for rep in range(repeat):
            prefix = f"block{index}"
            x = _causal_pad(x, max(kernels) - 1, padding, f"{prefix}_pad")
            x = MixConv(kernels, formulation=formulation, name=f"{prefix}_mixconv")(x)
            x = keras.layers.Dense(filters, use_bias=False, name=f"{prefix}_pointwise")(x)
            x = keras.layers.BatchNormalization(momentum=config.bn_momentum, epsilon=BN_EPSILON, name=f"{prefix}_bn")(x)
            if residual and rep == repeat - 1:
                shortcut = KeepLastFrames(name=f"{prefix}_residual_crop")([block_input, x])
                shortcut = keras.layers.Dense(filters, use_bias=False, name=f"{prefix}_residual_pointwise")(shortcut)
                shortcut = keras.layers.BatchNormalization(
                    momentum=config.bn_momentum, epsilon=BN_EPSILON, name=f"{prefix}_residual_bn"
                )(shortcut)
                x = keras.layers.Add(name=f"{prefix}_residual_add")([x, shortcut])
            x = keras.layers.ReLU(name=f"{prefix}_relu")(x)
            index += 1
    if config.spatial_attention:
        x = SpatialAttention(name="spatial_attention")(x)
    x = _causal_pad(x, config.head_frames - 1, padding, "head_pad")
    if config.pooled:
        # Mean of the last head_frames steps, then dense: equivalent to a head kernel of dense / head_frames.
        x = keras.layers.AveragePooling1D(config.head_frames, strides=1, name="head_pool")(x)
        x = keras.layers.Dense(1, name="head")(x)
    else:
        x = keras.layers.Conv1D(1, config.head_frames, name="head")(x)
    outputs = keras.layers.Activation("sigmoid", dtype="float32", name="probability")(x)
    return keras.Model(inputs, outputs, name=name)


def _block_layers(model: keras.Model) -> list[str]:
    names = {layer.name for layer in model.layers}
    count = 0
    while f"block{count}_mixconv" in names:
        count += 1
    return [f"block{i}" for i in range(count)]


def _np(variable) -> np.ndarray:
    return np.asarray(keras.ops.convert_to_numpy(variable), np.float32)


def _fold(bn: keras.layers.BatchNormalization) -> tuple[np.ndarray, np.ndarray]:
    gamma, beta, mean, variance = (_np(v) for v in (bn.gamma, bn.beta, bn.moving_mean, bn.moving_variance))
    return fold_batch_norm(gamma, beta, mean, variance, bn.epsilon)


def extract_weights(model: keras.Model, config: MixedNetConfig) -> MixedNetWeights:
    """Framework-free weights (batch norm folded) of a model built by `build_mixednet` with `config`."""
    if config.spatial_attention:
        raise ValueError("a MixedNet with spatial_attention has no MixedNetWeights form (it is not streamable)")
    first = _np(model.get_layer("first_conv").kernel) if config.first_conv_filters else None
    blocks = []
    starts = [rep == 0 for repeat in config.repeat_in_block for rep in range(repeat)]
    for prefix, starts_block in zip(_block_layers(model), starts, strict=True):
        mixconv = model.get_layer(f"{prefix}_mixconv")
        scale, offset = _fold(model.get_layer(f"{prefix}_bn"))
        block = BlockWeights(
            depthwise=[_np(k) for k in mixconv.kernels],
            depthwise_bias=[_np(b) for b in mixconv.biases],
            pointwise=_np(model.get_layer(f"{prefix}_pointwise").kernel),
            bn_scale=scale,
            bn_offset=offset,
            starts_block=starts_block,
        )
        names = {layer.name for layer in model.layers}
        if f"{prefix}_residual_pointwise" in names:
            block.residual_pointwise = _np(model.get_layer(f"{prefix}_residual_pointwise").kernel)
            block.residual_bn_scale, block.residual_bn_offset = _fold(model.get_layer(f"{prefix}_residual_bn"))
        blocks.append(block)
    head = model.get_layer("head")
    kernel, bias = _np(head.kernel), _np(head.bias)
    if config.pooled:
        kernel = np.repeat(kernel[None] / config.head_frames, config.head_frames, axis=0)
    return MixedNetWeights(first_conv=first, blocks=blocks, head_kernel=kernel.astype(np.float32), head_bias=bias)


def _set_bn(bn: keras.layers.BatchNormalization, scale: np.ndarray, offset: np.ndarray) -> None:
    """Batch norm whose inference transform is exactly x·scale + offset."""
    bn.gamma.assign(scale)
    bn.beta.assign(offset)
    bn.moving_mean.assign(np.zeros_like(scale))
    bn.moving_variance.assign(np.full_like(scale, 1.0 - bn.epsilon))


def apply_weights(model: keras.Model, weights: MixedNetWeights) -> None:
    """Load `MixedNetWeights` into a model built by `build_mixednet` (the inverse of `extract_weights`)."""
    if weights.first_conv is not None:
        model.get_layer("first_conv").kernel.assign(weights.first_conv)
    prefixes = _block_layers(model)
    if len(prefixes) != len(weights.blocks):
        raise ValueError(f"model has {len(prefixes)} block layers but the weights have {len(weights.blocks)}")
    for prefix, block in zip(prefixes, weights.blocks, strict=True):
        mixconv = model.get_layer(f"{prefix}_mixconv")
        for variable, value in zip(mixconv.kernels, block.depthwise, strict=True):
            variable.assign(value)
        for variable, value in zip(mixconv.biases, block.depthwise_bias, strict=True):
            variable.assign(value)
        model.get_layer(f"{prefix}_pointwise").kernel.assign(block.pointwise)
        _set_bn(model.get_layer(f"{prefix}_bn"), block.bn_scale, block.bn_offset)
        if block.residual_pointwise is not None:
            model.get_layer(f"{prefix}_residual_pointwise").kernel.assign(block.residual_pointwise)
            _set_bn(model.get_layer(f"{prefix}_residual_bn"), block.residual_bn_scale, block.residual_bn_offset)
    head = model.get_layer("head")
    if isinstance(head, keras.layers.Dense):
        if not np.allclose(weights.head_kernel, weights.head_kernel[:1]):
            raise ValueError("a pooled head needs the same kernel at every head frame")
        head.kernel.assign(weights.head_kernel[0] * weights.head_kernel.shape[0])
    else:
        head.kernel.assign(weights.head_kernel)
    head.bias.assign(weights.head_bias)


def keras_state_path(weights_path: Path) -> Path:
    """Where the full Keras state (incl. batch-norm statistics) sits beside a `weights_io` .npz."""
    weights_path = Path(weights_path)
    return weights_path.with_name(weights_path.name.removesuffix(".npz") + ".state.npz")


def save_keras_state(model: keras.Model, path: Path) -> None:
    """Every model variable by path (atomic): fine-tuning restarts exactly, which folded weights cannot give."""
    arrays = {v.path: np.asarray(keras.ops.convert_to_numpy(v)) for v in model.variables}
    with atomic_path(path, suffix=".npz") as tmp:
        np.savez(tmp, **arrays)


def load_keras_state(model: keras.Model, path: Path) -> bool:
    """Load a `save_keras_state` file; False (model untouched) when missing or made for another architecture."""
    if not Path(path).is_file():
        return False
    with np.load(path) as data:
        if sorted(data.files) != sorted(v.path for v in model.variables):
            return False
        if any(tuple(data[v.path].shape) != tuple(v.shape) for v in model.variables):
            return False
        for variable in model.variables:
            variable.assign(data[variable.path])
    return True


def copy_weights(source: keras.Model, target: keras.Model) -> None:
    """Copy every variable (trainable and batch-norm statistics) between two builds of the same config."""
    target.set_weights(source.get_weights())


def write_summary(model: keras.Model, path: Path) -> None:
    """Save `model.summary()` as text (kept with each run so the architecture is on record)."""
    lines: list[str] = []
    model.summary(print_fn=lambda line, *args, **kwargs: lines.append(line), line_length=110)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
