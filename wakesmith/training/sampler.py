"""Draw a training batch from device-resident pool arrays with tensor ops only.

Per batch item: its feature set is drawn by sampling weight, then an item of that set uniformly, then a
window start within the item's span; the window's frames are gathered in one `take`. Labels are the set's
truth, sample weights its penalty weight × the phase's class weight. All draws come from one uniform tensor of
the step (`rng.uniform`), so a batch is a pure function of (seed, step).
"""

from __future__ import annotations

from dataclasses import dataclass

import keras
from keras import ops

from wakesmith.features.frontend import RAW_PER_FLOAT
from wakesmith.training import rng
from wakesmith.training.specaugment import keep_factor


@dataclass(frozen=True)
class PhaseBatchSettings:
    """What a training phase changes about batches."""

    positive_weight: float
    negative_weight: float
    time_mask_count: int = 0
    time_mask_max_size: int = 0
    freq_mask_count: int = 0
    freq_mask_max_size: int = 0

    @property
    def draws(self) -> int:
        """Uniform numbers needed per batch item."""
        return 3 + 2 * self.time_mask_count + 2 * self.freq_mask_count


def storage_dtype() -> str:
    """Frames stay raw uint16 on the device (half of float32); torch lacks uint16 gathers, so int32 there."""
    return "int32" if keras.backend.backend() == "torch" else "uint16"


def to_device(arrays: dict) -> dict:
    """Move pool arrays to the backend's default device once (they then live there for the whole run)."""
    out = {}
    for name, value in arrays.items():
        dtype = storage_dtype() if name == "frames" else None
        out[name] = ops.convert_to_tensor(value.astype(dtype, copy=False) if dtype else value)
    return out


def _index(uniform, count):
    """floor(u × count) clamped to count − 1, as int32 (count: int32 tensor)."""
    scaled = ops.floor(uniform * ops.cast(count, "float32"))
    return ops.cast(ops.minimum(scaled, ops.cast(count - 1, "float32")), "int32")


def draw_from_uniforms(data: dict, uniforms, window: int, settings: PhaseBatchSettings):
    """(features [B, window, 40] float32, labels [B], sample weights [B]) from uniforms [B, draws]."""
    set_index = ops.sum(ops.cast(uniforms[:, :1] >= data["set_cumulative"][None, :], "int32"), axis=1)
    item = ops.take(data["set_first"], set_index) + _index(uniforms[:, 1], ops.take(data["set_count"], set_index))
    start = ops.take(data["item_start"], item) + _index(uniforms[:, 2], ops.take(data["item_span"], item))
    frame_index = start[:, None] + ops.arange(window, dtype="int32")[None, :]
    raw = ops.cast(ops.take(data["frames"], frame_index, axis=0), "float32")
    labels = ops.take(data["set_truth"], set_index)
    class_weight = labels * settings.positive_weight + (1.0 - labels) * settings.negative_weight
    weights = ops.take(data["set_penalty"], set_index) * class_weight
    batch = uniforms.shape[0]
    tc, fc = settings.time_mask_count, settings.freq_mask_count
    time_u = ops.reshape(uniforms[:, 3 : 3 + 2 * tc], (batch, tc, 2)) if tc else None
    freq_u = ops.reshape(uniforms[:, 3 + 2 * tc : 3 + 2 * tc + 2 * fc], (batch, fc, 2)) if fc else None
    # One multiplication applies both the masks and the raw → float scaling (features = raw / 25.6).
    factor = keep_factor(
        raw.shape, time_u, freq_u, settings.time_mask_max_size, settings.freq_mask_max_size, 1.0 / RAW_PER_FLOAT
    )
    return raw * factor, labels, weights


def draw_batch(data: dict, seed: int, step, batch_size: int, window: int, settings: PhaseBatchSettings):
    """The batch of training step `step` (see `draw_from_uniforms`)."""
    uniforms = rng.uniform(seed, step, (batch_size, settings.draws))
    return draw_from_uniforms(data, uniforms, window, settings)
