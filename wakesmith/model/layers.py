"""Custom Keras layers of MixedNet, written with `keras.ops` only so they run on every Keras backend.

`MixConv` is the temporal depthwise convolution with one weight layout (one [k_i, C_i] kernel and a [C_i]
bias per channel group) and two interchangeable formulations: the backend's depthwise convolution op, and a
sum of k shifted elementwise products. Which is faster depends on the backend and device (TensorFlow on CPU
favours the op; JAX on a GPU runs the shifted sum ~10× faster), so the choice is made per backend while the
weights, and therefore export, stay the same.
"""

from __future__ import annotations

import keras
from keras import ops

from wakesmith.model.architecture import split_channels

FORMULATIONS = ("depthwise", "shifted")


def default_formulation(backend: str | None = None) -> str:
    """The faster formulation on `backend` (measured: TF CPU → op, JAX → shifted sum)."""
    backend = backend or keras.backend.backend()
    return "shifted" if backend == "jax" else "depthwise"


@keras.saving.register_keras_serializable(package="wakesmith")
class MixConv(keras.layers.Layer):
    """Channel groups, one depthwise temporal kernel each (with bias), valid padding over time.

    Smaller kernels are aligned to the most recent frames: a group with kernel k_i behaves like a kernel of
    max(k) taps whose first max(k) − k_i taps are zero. Input [B, T, C] → output [B, T − max(k) + 1, C].
    """

    def __init__(self, kernel_sizes: list[int], formulation: str = "auto", **kwargs):
        super().__init__(**kwargs)
        if formulation == "auto":
            formulation = default_formulation()
        if formulation not in FORMULATIONS:
            raise ValueError(f"formulation must be one of {FORMULATIONS} or 'auto', got {formulation!r}")
        self.kernel_sizes = [int(k) for k in kernel_sizes]
        self.formulation = formulation
        self.max_kernel = max(self.kernel_sizes)

    def build(self, input_shape):
        channels = int(input_shape[-1])
        self.group_sizes = split_channels(channels, len(self.kernel_sizes))
        self.kernels = []
        self.biases = []
        for index, (k, size) in enumerate(zip(self.kernel_sizes, self.group_sizes, strict=True)):
            self.kernels.append(
                self.add_weight(
                    name=f"kernel{index}",
                    shape=(k, size),
                    initializer=keras.initializers.VarianceScaling(2.0, "fan_in", "truncated_normal"),
                )
            )
            self.biases.append(self.add_weight(name=f"bias{index}", shape=(size,), initializer="zeros"))

    def full_kernel(self):
        """All groups as one [max_k, C] kernel (smaller kernels zero-padded at the old end)."""
        parts = []
        for kernel, k in zip(self.kernels, self.kernel_sizes, strict=True):
            kernel = ops.convert_to_tensor(kernel, dtype=self.compute_dtype)
            if k < self.max_kernel:
                zeros = ops.zeros((self.max_kernel - k, kernel.shape[1]), dtype=self.compute_dtype)
                kernel = ops.concatenate([zeros, kernel], axis=0)
            parts.append(kernel)
        return parts[0] if len(parts) == 1 else ops.concatenate(parts, axis=1)

    def full_bias(self):
        biases = [ops.convert_to_tensor(b, dtype=self.compute_dtype) for b in self.biases]
        return biases[0] if len(biases) == 1 else ops.concatenate(biases, axis=0)

    def call(self, inputs):
        kernel = self.full_kernel()
        if self.formulation == "depthwise":
            out = ops.depthwise_conv(inputs, ops.expand_dims(kernel, -1), strides=1, padding="valid")
        else:
            out_len = ops.shape(inputs)[1] - self.max_kernel + 1
            out = None
            for tap in range(self.max_kernel):
                term = inputs[:, tap : tap + out_len, :] * kernel[tap]
                out = term if out is None else out + term
        return out + self.full_bias()

    def compute_output_shape(self, input_shape):
        frames = input_shape[1]
        frames = None if frames is None else frames - self.max_kernel + 1
        return (input_shape[0], frames, input_shape[2])

    def get_config(self):
        return {**super().get_config(), "kernel_sizes": self.kernel_sizes, "formulation": self.formulation}


@keras.saving.register_keras_serializable(package="wakesmith")
class KeepLastFrames(keras.layers.Layer):
    """Crop the first input to the time length of the second (keeping its most recent frames)."""

    def call(self, inputs):
        source, like = inputs
        start = ops.shape(source)[1] - ops.shape(like)[1]
        return source[:, start:, :]

    def compute_output_shape(self, input_shapes):
        source, like = input_shapes
        return (source[0], like[1], source[2])


@keras.saving.register_keras_serializable(package="wakesmith")
class SpatialAttention(keras.layers.Layer):
    """CBAM-style attention over time: sigmoid(conv([mean_c, max_c])) scales every frame (not streamable)."""

    def __init__(self, kernel_size: int = 7, **kwargs):
        super().__init__(**kwargs)
        self.kernel_size = int(kernel_size)
        self.conv = keras.layers.Conv1D(1, self.kernel_size, padding="same", activation="sigmoid", name="conv")

    def build(self, input_shape):
        self.conv.build((input_shape[0], input_shape[1], 2))

    def call(self, inputs):
        pooled = ops.concatenate(
            [ops.mean(inputs, axis=-1, keepdims=True), ops.max(inputs, axis=-1, keepdims=True)], axis=-1
        )
        return inputs * self.conv(pooled)

    def get_config(self):
        return {**super().get_config(), "kernel_size": self.kernel_size}
