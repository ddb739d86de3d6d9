"""Save and load MixedNetWeights as a plain .npz, so any backend's training feeds the TensorFlow export."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np

from wakesmith.atomic import atomic_path
from wakesmith.model.architecture import BlockWeights, MixedNetWeights

_BLOCK_ARRAYS = ("pointwise", "bn_scale", "bn_offset", "residual_pointwise", "residual_bn_scale", "residual_bn_offset")


def save_weights(weights: MixedNetWeights, path: str | Path) -> None:
    """Write atomically (temporary file, then rename) so a kill never leaves a half-written file."""
    path = Path(path)
    arrays: dict[str, np.ndarray] = {}
    layout = {"first_conv": weights.first_conv is not None, "blocks": []}
    if weights.first_conv is not None:
        arrays["first_conv"] = weights.first_conv
    for index, block in enumerate(weights.blocks):
        layout["blocks"].append({"groups": len(block.depthwise), "starts_block": block.starts_block})
        for group, (kernel, bias) in enumerate(zip(block.depthwise, block.depthwise_bias, strict=True)):
            arrays[f"block{index}_dw{group}"] = kernel
            arrays[f"block{index}_dwbias{group}"] = bias
        for name in _BLOCK_ARRAYS:
            value = getattr(block, name)
            if value is not None:
                arrays[f"block{index}_{name}"] = value
    arrays["head_kernel"] = weights.head_kernel
    arrays["head_bias"] = weights.head_bias
    arrays["layout"] = np.frombuffer(json.dumps(layout).encode(), dtype=np.uint8)
    with atomic_path(path, suffix=".npz") as tmp:
        np.savez(tmp, **{k: np.asarray(v) for k, v in arrays.items()})


def load_weights(path: str | Path) -> MixedNetWeights:
    with np.load(Path(path)) as data:
        layout = json.loads(bytes(data["layout"]).decode())
        blocks = []
        for index, info in enumerate(layout["blocks"]):
            groups = range(info["groups"])
            block = BlockWeights(
                depthwise=[data[f"block{index}_dw{g}"].astype(np.float32) for g in groups],
                depthwise_bias=[data[f"block{index}_dwbias{g}"].astype(np.float32) for g in groups],
                pointwise=data[f"block{index}_pointwise"].astype(np.float32),
                bn_scale=data[f"block{index}_bn_scale"].astype(np.float32),
                bn_offset=data[f"block{index}_bn_offset"].astype(np.float32),
                starts_block=bool(info["starts_block"]),
            )
            for name in _BLOCK_ARRAYS[3:]:
                key = f"block{index}_{name}"
                if key in data:
                    setattr(block, name, data[key].astype(np.float32))
            blocks.append(block)
        return MixedNetWeights(
            first_conv=data["first_conv"].astype(np.float32) if layout["first_conv"] else None,
            blocks=blocks,
            head_kernel=data["head_kernel"].astype(np.float32),
            head_bias=data["head_bias"].astype(np.float32),
        )
