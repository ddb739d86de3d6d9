"""A TensorFlow streaming MixedNet: `stride` new frames per call, history kept in resource variables.

This is the graph the TFLite converter turns into what ESPHome runs (SPEC §2): every temporal layer keeps a
ring buffer of its most recent input positions in a `tf.Variable` (zeros at start, like the device after
CALL_ONCE). Each call does, per layer, READ_VARIABLE → CONCATENATION(state, new) → STRIDED_SLICE (keep the
newest `buffer` positions) → ASSIGN_VARIABLE, and runs the layer on the concatenation with `valid` padding.
Because the buffers start at zero, call n computes exactly output n of
`reference_forward(config, weights, features, padding="causal")` — that oracle is what the tests compare to.

Layout is NHWC with time as height and width 1 ([1, T, 1, C]), as in the official models, so temporal
convolutions are CONV_2D / DEPTHWISE_CONV_2D with a k×1 kernel. Only ops from ESPHome's list are used.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import tensorflow as tf

from wakesmith.config.models import MixedNetConfig
from wakesmith.errors import WakesmithError
from wakesmith.model.architecture import FEATURE_CHANNELS, MixedNetGeometry, MixedNetWeights

INPUT_NAME = "input_audio"  # the official models' signature input name


def check_exportable(config: MixedNetConfig) -> None:
    """Refuse configurations that have no streaming form (their layers need the whole clip at once)."""
    if config.spatial_attention or config.pooled:
        feature = "spatial_attention" if config.spatial_attention else "pooled"
        raise WakesmithError(
            f"model.{feature} is on: such a model is not exportable as a streaming model for ESPHome; "
            f"set model.{feature}: false and retrain"
        )


def _const(array: np.ndarray) -> tf.Tensor:
    return tf.constant(np.asarray(array, np.float32))


@dataclass
class _Block:
    """One unrolled block repeat with its weights already in conv layouts."""

    state: tf.Variable | None  # [1, max_k - 1, 1, C_in]
    kernels: list[tf.Tensor]  # per group: [k_i, 1, C_i, 1]
    biases: list[tf.Tensor]  # per group: [C_i]
    split_sizes: list[int]
    pointwise: tf.Tensor  # [1, 1, C_in, C_out], batch norm scale folded in
    offset: tf.Tensor  # [C_out]
    residual: tf.Tensor | None  # [1, 1, C_block_in, C_out], residual batch norm scale folded in
    residual_offset: tf.Tensor | None
    starts_block: bool


class StreamingMixedNet(tf.Module):
    """Streaming MixedNet. Call with float features [1, stride, 40]; returns the probability [1, 1]."""

    def __init__(self, config: MixedNetConfig, weights: MixedNetWeights, name: str = "model") -> None:
        super().__init__(name=name)
        check_exportable(config)
        self.config = config
        self.geometry = MixedNetGeometry(config)
        self.states: list[tf.Variable] = []
        self._build(weights)
        stride = config.stride
        self.step = tf.function(
            self._step, input_signature=[tf.TensorSpec([1, stride, FEATURE_CHANNELS], tf.float32, name=INPUT_NAME)]
        )

    def __call__(self, features: tf.Tensor) -> tf.Tensor:
        return self.step(features)

    # --- construction -------------------------------------------------------------------------------------------
    def _state(self, frames: int, channels: int) -> tf.Variable | None:
        if frames <= 0:
            return None
        variable = tf.Variable(
            tf.zeros([1, frames, 1, channels]), trainable=False, name=f"stream_{len(self.states)}/states"
        )
        self.states.append(variable)
        return variable

    def _build(self, weights: MixedNetWeights) -> None:
        config = self.config
        if (weights.first_conv is None) != (config.first_conv_filters == 0):
            raise WakesmithError("weights do not match model.first_conv_filters: re-export with the training config")
        channels = FEATURE_CHANNELS
        self._first_kernel = None
        self._first_state = None
        if weights.first_conv is not None:
            self._first_state = self._state(self.geometry.first_conv_buffer, channels)
            self._first_kernel = _const(weights.first_conv[:, None, :, :])  # [k, 1, 40, F]
            channels = weights.first_conv.shape[2]
        kernels_per_layer = self.geometry.block_kernels()
        if len(kernels_per_layer) != len(weights.blocks):
            raise WakesmithError(
                f"weights have {len(weights.blocks)} block layers but the config describes {len(kernels_per_layer)}"
            )
        self._blocks: list[_Block] = []
        for block in weights.blocks:
            max_k = max(kernel.shape[0] for kernel in block.depthwise)
            residual = residual_offset = None
            if block.residual_pointwise is not None:
                residual = _const((block.residual_pointwise * block.residual_bn_scale)[None, None])
                residual_offset = _const(block.residual_bn_offset)
            self._blocks.append(
                _Block(
                    state=self._state(max_k - 1, channels),
                    kernels=[_const(kernel[:, None, :, None]) for kernel in block.depthwise],
                    biases=[_const(bias) for bias in block.depthwise_bias],
                    split_sizes=[kernel.shape[1] for kernel in block.depthwise],
                    pointwise=_const((block.pointwise * block.bn_scale)[None, None]),
                    offset=_const(block.bn_offset),
                    residual=residual,
                    residual_offset=residual_offset,
                    starts_block=block.starts_block,
                )
            )
            channels = block.pointwise.shape[1]
        self._head_state = self._state(config.head_frames - 1, channels)
        self._head_kernel = _const(weights.head_kernel.reshape(-1, 1))  # [head_frames * C, 1], time-major
        self._head_bias = _const(weights.head_bias)
        self._head_width = config.head_frames * channels

    # --- one streaming step -------------------------------------------------------------------------------------
    @staticmethod
    def _stream(state: tf.Variable | None, new: tf.Tensor) -> tf.Tensor:
        """state ++ new along time; the newest `len(state)` positions become the next state."""
        if state is None:
            return new
        joined = tf.concat([state.read_value(), new], axis=1)
        state.assign(joined[:, -state.shape[1] :])
        return joined

    def _mixconv(self, block: _Block, x: tf.Tensor) -> tf.Tensor:
        groups = tf.split(x, block.split_sizes, axis=3) if len(block.split_sizes) > 1 else [x]
        max_k = max(int(kernel.shape[0]) for kernel in block.kernels)
        outputs = []
        for group, kernel, bias in zip(groups, block.kernels, block.biases, strict=True):
            crop = max_k - int(kernel.shape[0])  # smaller kernels see only the most recent frames
            if crop:
                group = group[:, crop:]
            y = tf.nn.depthwise_conv2d(group, kernel, strides=[1, 1, 1, 1], padding="VALID")
            outputs.append(tf.nn.bias_add(y, bias))
        return tf.concat(outputs, axis=3) if len(outputs) > 1 else outputs[0]

    def _step(self, input_audio: tf.Tensor) -> tf.Tensor:
        x = tf.reshape(input_audio, [1, self.config.stride, 1, FEATURE_CHANNELS])
        if self._first_kernel is not None:
            x = self._stream(self._first_state, x)
            x = tf.nn.relu(tf.nn.conv2d(x, self._first_kernel, strides=[1, self.config.stride, 1, 1], padding="VALID"))
        block_input = x
        for block in self._blocks:
            if block.starts_block:
                block_input = x
            y = self._mixconv(block, self._stream(block.state, x))
            y = tf.nn.bias_add(tf.nn.conv2d(y, block.pointwise, strides=1, padding="VALID"), block.offset)
            if block.residual is not None:
                residual = tf.nn.conv2d(block_input, block.residual, strides=1, padding="VALID")
                y = y + tf.nn.bias_add(residual, block.residual_offset)
            x = tf.nn.relu(y)
        x = self._stream(self._head_state, x)
        if x.shape[1] > self.config.head_frames:  # only without a first conv, when a call yields several positions
            x = x[:, -self.config.head_frames :]
        logits = tf.matmul(tf.reshape(x, [1, self._head_width]), self._head_kernel) + self._head_bias
        return tf.sigmoid(logits)

    # --- helpers ------------------------------------------------------------------------------------------------
    def reset(self) -> None:
        """Zero every ring buffer (the state the device starts from)."""
        for variable in self.states:
            variable.assign(tf.zeros_like(variable))

    def run_clip(self, features: np.ndarray) -> np.ndarray:
        """Probabilities for a whole clip [T, 40], one per stride, starting from zero state (float oracle)."""
        self.reset()
        stride = self.config.stride
        steps = len(features) // stride
        out = np.empty(steps, np.float32)
        clip = np.asarray(features, np.float32)
        for n in range(steps):
            out[n] = self(clip[None, n * stride : (n + 1) * stride])[0, 0].numpy()
        self.reset()
        return out


def build_streaming_model(config: MixedNetConfig, weights: MixedNetWeights) -> StreamingMixedNet:
    """The streaming model for a config + weights (raises WakesmithError when not exportable)."""
    return StreamingMixedNet(config, weights)
