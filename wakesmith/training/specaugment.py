"""SpecAugment time and frequency masks as whole-batch tensor ops (no loops over batch items).

Each mask has a size drawn uniformly from 0…max_size and a start drawn uniformly among the positions where
it fits; masked cells become 0. `count` masks of each kind per example (they may overlap).
"""

from __future__ import annotations

from keras import ops


def mask_along(uniforms, length: int, max_size: int):
    """[B, length] float mask (1 = masked) from uniforms [B, count, 2] (size draw, start draw)."""
    size = ops.floor(uniforms[..., 0] * (max_size + 1))  # [B, count] in 0…max_size
    size = ops.minimum(size, float(length))
    start = ops.floor(uniforms[..., 1] * (length - size + 1))  # [B, count] in 0…length − size
    position = ops.arange(length, dtype="float32")[None, None, :]
    inside = ops.logical_and(position >= start[..., None], position < (start + size)[..., None])
    return ops.cast(ops.any(inside, axis=1), "float32")


def keep_factor(shape, time_uniforms, freq_uniforms, time_max_size: int, freq_max_size: int, scale: float = 1.0):
    """Multiplier (0 where masked, `scale` elsewhere) broadcastable to `shape` [B, T, F]; a scalar without masks.

    Returning the factor instead of the masked tensor lets the sampler fold the raw→float scaling into the same
    single multiplication over the batch.
    """
    keep = None
    if time_uniforms is not None and time_uniforms.shape[1] and time_max_size > 0:
        keep = (1.0 - mask_along(time_uniforms, shape[1], time_max_size))[:, :, None]
    if freq_uniforms is not None and freq_uniforms.shape[1] and freq_max_size > 0:
        freq_keep = (1.0 - mask_along(freq_uniforms, shape[2], freq_max_size))[:, None, :] * scale
        return freq_keep if keep is None else keep * freq_keep
    return scale if keep is None else keep * scale


def spec_augment(features, time_uniforms, freq_uniforms, time_max_size: int, freq_max_size: int):
    """Mask features [B, T, F]; `*_uniforms` are [B, count, 2] (count may be 0: no masks of that kind)."""
    keep = keep_factor(features.shape, time_uniforms, freq_uniforms, time_max_size, freq_max_size)
    return features if isinstance(keep, float) else features * ops.cast(keep, features.dtype)
