"""MixedNet geometry and a framework-free reference forward pass.

This module is the contract between training (Keras, any backend) and export (TensorFlow streaming graph):
both turn their weights into `MixedNetWeights` and must agree with `reference_forward` here.

Layout (okay_nabu shape by default, read off the official model):
  features [T, 40]
  → first conv: kernel (k, 40→F), stride s, no bias, ReLU            (streaming buffer: k − s input frames)
  → per block, per repeat: mixconv = channels split into groups, one depthwise temporal kernel per group
    (with bias), → pointwise C→filters (no bias) → batch norm → (+ residual on the last repeat) → ReLU
                                                                      (streaming buffer: max(k) − 1 frames)
  → head: the last `head_frames` time steps flattened → dense → sigmoid (buffer: head_frames − 1 frames)

`valid` padding is training's (one output from a window of `receptive_field` frames); `causal` padding
pads every temporal layer's input on the left with zeros, which is exactly what a streaming model whose
ring buffers start at zero computes: output n of the causal pass equals the n-th streaming inference.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

import numpy as np

from wakesmith.config.models import MixedNetConfig

FEATURE_CHANNELS = 40
BN_EPSILON = 1e-3
Padding = Literal["valid", "causal"]


def split_channels(total: int, groups: int) -> list[int]:
    """Channel split between mixconv kernel groups (remainder goes to the first group)."""
    sizes = [total // groups] * groups
    sizes[0] += total - sum(sizes)
    return sizes


@dataclass(frozen=True)
class MixedNetGeometry:
    """Shapes and buffer sizes derived from a MixedNetConfig."""

    config: MixedNetConfig

    @property
    def stride(self) -> int:
        return self.config.stride

    @property
    def first_conv_buffer(self) -> int:
        """Input frames a streaming first conv keeps between calls."""
        if self.config.first_conv_filters == 0:
            return 0
        return max(self.config.first_conv_kernel_size - self.config.stride, 0)

    def block_kernels(self) -> list[list[int]]:
        """Mixconv kernel sizes per depthwise layer, repeats unrolled."""
        out = []
        for kernels, repeat in zip(self.config.mixconv_kernel_sizes, self.config.repeat_in_block, strict=True):
            out.extend([list(kernels)] * repeat)
        return out

    @property
    def positions_needed(self) -> int:
        """Time steps after the first conv needed to produce one output."""
        return self.config.head_frames + sum(max(k) - 1 for k in self.block_kernels())

    @property
    def receptive_field(self) -> int:
        """Input frames that produce exactly one output with `valid` padding (the training window)."""
        c = self.config
        if c.first_conv_filters == 0:
            return self.positions_needed
        return (self.positions_needed - 1) * c.stride + c.first_conv_kernel_size

    def output_length(self, frames: int, padding: Padding) -> int:
        """Number of outputs for `frames` input frames."""
        c = self.config
        if padding == "causal":
            return frames // c.stride if c.first_conv_filters else frames
        if frames < self.receptive_field:
            return 0
        first = (frames - c.first_conv_kernel_size) // c.stride + 1 if c.first_conv_filters else frames
        return first - self.positions_needed + 1

    def streaming_state_count(self) -> int:
        """Resource variables a streaming export needs (one per temporal layer with memory)."""
        count = 1 if self.first_conv_buffer > 0 else 0
        count += sum(1 for k in self.block_kernels() if max(k) > 1)
        return count + (1 if self.config.head_frames > 1 else 0)


@dataclass
class BlockWeights:
    """One repeat of a mixconv block, batch norm folded into scale and offset."""

    depthwise: list[np.ndarray]  # per group: [k_i, C_i]
    depthwise_bias: list[np.ndarray]  # per group: [C_i]
    pointwise: np.ndarray  # [C_in, C_out]
    bn_scale: np.ndarray  # [C_out]
    bn_offset: np.ndarray  # [C_out]
    residual_pointwise: np.ndarray | None = None  # [C_block_in, C_out], only on a block's last repeat
    residual_bn_scale: np.ndarray | None = None
    residual_bn_offset: np.ndarray | None = None
    starts_block: bool = True  # False for the 2nd, 3rd… repeat; the residual adds the block's first input


@dataclass
class MixedNetWeights:
    """All weights of a MixedNet as float32 numpy arrays, independent of the framework that trained them."""

    first_conv: np.ndarray | None  # [k, 40, F]
    blocks: list[BlockWeights] = field(default_factory=list)  # repeats unrolled, in order
    head_kernel: np.ndarray | None = None  # [head_frames, C, 1]
    head_bias: np.ndarray | None = None  # [1]


def fold_batch_norm(gamma, beta, mean, variance, epsilon: float = BN_EPSILON) -> tuple[np.ndarray, np.ndarray]:
    """Batch norm at inference as y = x·scale + offset."""
    scale = np.asarray(gamma, np.float32) / np.sqrt(np.asarray(variance, np.float32) + epsilon)
    return scale.astype(np.float32), (np.asarray(beta, np.float32) - np.asarray(mean, np.float32) * scale).astype(
        np.float32
    )


def _temporal_conv(x: np.ndarray, kernel: np.ndarray, stride: int = 1) -> np.ndarray:
    """Valid conv over time. x [T, Cin], kernel [k, Cin, Cout] → [T', Cout]."""
    k = kernel.shape[0]
    windows = np.lib.stride_tricks.sliding_window_view(x, k, axis=0)[::stride]  # [T', Cin, k]
    return np.einsum("tck,kco->to", windows, kernel, optimize=True)


def _depthwise(x: np.ndarray, kernel: np.ndarray) -> np.ndarray:
    """Valid depthwise conv over time. x [T, C], kernel [k, C] → [T-k+1, C]."""
    windows = np.lib.stride_tricks.sliding_window_view(x, kernel.shape[0], axis=0)  # [T', C, k]
    return np.einsum("tck,kc->tc", windows, kernel, optimize=True)


def _pad(x: np.ndarray, frames: int, padding: Padding) -> np.ndarray:
    if padding == "valid" or frames <= 0:
        return x
    return np.concatenate([np.zeros((frames, x.shape[1]), x.dtype), x], axis=0)


def reference_forward(
    config: MixedNetConfig, weights: MixedNetWeights, features: np.ndarray, padding: Padding = "valid"
) -> np.ndarray:
    """Probabilities [T_out] for one spectrogram [T, 40], in float64 for use as a test oracle."""
    if config.spatial_attention or config.pooled:
        raise ValueError("reference_forward covers the streaming-exportable MixedNet (no attention, no pooling)")
    x = np.asarray(features, np.float64)
    geometry = MixedNetGeometry(config)
    if weights.first_conv is not None:
        x = _pad(x, geometry.first_conv_buffer, padding)
        x = np.maximum(_temporal_conv(x, weights.first_conv, config.stride), 0.0)
    block_input = x
    for block in weights.blocks:
        if block.starts_block:
            block_input = x
        max_k = max(kernel.shape[0] for kernel in block.depthwise)
        x = _pad(x, max_k - 1, padding)
        sizes = [kernel.shape[1] for kernel in block.depthwise]
        groups = np.split(x, np.cumsum(sizes)[:-1], axis=1)
        outputs = []
        for group, kernel, bias in zip(groups, block.depthwise, block.depthwise_bias, strict=True):
            crop = max_k - kernel.shape[0]  # smaller kernels see the most recent frames
            outputs.append(_depthwise(group[crop:], kernel) + bias)
        x = np.concatenate(outputs, axis=1) if max_k > 1 or len(outputs) > 1 else outputs[0]
        x = (x @ block.pointwise) * block.bn_scale + block.bn_offset
        if block.residual_pointwise is not None:
            residual = block_input[-x.shape[0] :] @ block.residual_pointwise
            x = x + residual * block.residual_bn_scale + block.residual_bn_offset
        x = np.maximum(x, 0.0)
    x = _pad(x, config.head_frames - 1, padding)
    logits = _temporal_conv(x, weights.head_kernel)[:, 0] + weights.head_bias[0]
    return 1.0 / (1.0 + np.exp(-logits))


def random_weights(config: MixedNetConfig, seed: int = 0) -> MixedNetWeights:
    """Plausible random weights (He-scaled) for tests of training/export agreement."""
    rng = np.random.default_rng(seed)

    def he(shape: tuple[int, ...], fan_in: int) -> np.ndarray:
        return (rng.standard_normal(shape) * np.sqrt(2.0 / fan_in)).astype(np.float32)

    channels = FEATURE_CHANNELS
    first = None
    if config.first_conv_filters:
        k = config.first_conv_kernel_size
        first = he((k, channels, config.first_conv_filters), k * channels)
        channels = config.first_conv_filters
    blocks = []
    for filters, repeat, kernels, residual in zip(
        config.pointwise_filters,
        config.repeat_in_block,
        config.mixconv_kernel_sizes,
        config.residual_connection,
        strict=True,
    ):
        block_in = channels
        for index in range(repeat):
            sizes = split_channels(channels, len(kernels))
            scale, offset = fold_batch_norm(
                rng.uniform(0.8, 1.2, filters),
                rng.normal(0, 0.1, filters),
                rng.normal(0, 0.1, filters),
                rng.uniform(0.5, 1.5, filters),
            )
            block = BlockWeights(
                depthwise=[he((k, c), k) for k, c in zip(kernels, sizes, strict=True)],
                depthwise_bias=[rng.normal(0, 0.05, c).astype(np.float32) for c in sizes],
                pointwise=he((channels, filters), channels),
                bn_scale=scale,
                bn_offset=offset,
                starts_block=index == 0,
            )
            if residual and index == repeat - 1:
                block.residual_pointwise = he((block_in, filters), block_in)
                block.residual_bn_scale, block.residual_bn_offset = fold_batch_norm(
                    np.ones(filters), np.zeros(filters), np.zeros(filters), np.ones(filters)
                )
            blocks.append(block)
            channels = filters
    head = he((config.head_frames, channels, 1), config.head_frames * channels)
    return MixedNetWeights(first_conv=first, blocks=blocks, head_kernel=head, head_bias=np.zeros(1, np.float32))
