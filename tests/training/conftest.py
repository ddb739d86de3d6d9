"""Synthetic feature stores with a learnable signal, and small configs that train in seconds."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from wakesmith.config.models import FeatureSetConfig, MixedNetConfig, TrainingConfig, WakesmithConfig
from wakesmith.features.frontend import float_to_raw
from wakesmith.training.stores import write_store

TINY_MODEL = MixedNetConfig(
    first_conv_filters=8,
    first_conv_kernel_size=5,
    pointwise_filters=[16, 16],
    repeat_in_block=[1, 1],
    mixconv_kernel_sizes=[[3], [5, 7]],
    residual_connection=[False, True],
    head_frames=3,
    bn_momentum=0.9,  # few steps: batch-norm statistics must catch up quickly
)


def _noise(rng: np.random.Generator, frames: int) -> np.ndarray:
    return rng.uniform(0.0, 6.0, (frames, 40))


def _positive(rng: np.random.Generator, frames: int = 60) -> np.ndarray:
    """Noise plus a 'word': strong energy in channels 10–20 over the last 25 frames (where the word ends)."""
    x = _noise(rng, frames)
    x[-25:, 10:20] += rng.uniform(12.0, 18.0)
    return x


def make_stores(root: Path, seed: int = 0, scale: int = 1) -> dict[str, Path]:
    """positive / negative / background sets with training, validation and (background) ambient splits."""
    rng = np.random.default_rng(seed)
    paths = {name: root / "features" / name for name in ("positive", "negative", "background")}
    counts = {"training": 200 * scale, "validation": 60, "testing": 20}
    for split, count in counts.items():
        write_store(paths["positive"] / split, [float_to_raw(_positive(rng)) for _ in range(count)])
        negatives = [float_to_raw(_noise(rng, int(rng.integers(20, 120)))) for _ in range(count)]
        write_store(paths["negative"] / split, negatives)
        write_store(paths["background"] / split, [float_to_raw(_noise(rng, 150)) for _ in range(count // 2)])
    for split in ("validation_ambient", "testing_ambient"):
        write_store(paths["background"] / split, [float_to_raw(_noise(rng, 600)) for _ in range(6)])
    return paths


def make_config(root: Path, paths: dict[str, Path], **training) -> WakesmithConfig:
    sets = [
        FeatureSetConfig(
            name="positive",
            path=paths["positive"],
            sampling_weight=1.0,
            truth=True,
            truncation_strategy="truncate_start",
        ),
        FeatureSetConfig(name="negative", path=paths["negative"], sampling_weight=1.0, truth=False),
        FeatureSetConfig(name="background", path=paths["background"], sampling_weight=0.5, truth=False),
    ]
    settings = dict(
        batch_size=32,
        training_steps=[60, 30],
        learning_rates=[0.01, 0.003],
        positive_class_weight=[1.0, 1.0],
        negative_class_weight=[1.0, 2.0],
        time_mask_max_size=[0, 3],
        time_mask_count=[0, 1],
        freq_mask_max_size=[0, 3],
        freq_mask_count=[0, 1],
        eval_every=30,
        checkpoint_every=30,
        feature_sets=sets,
        run_dir=root / "run",
    )
    settings.update(training)
    return WakesmithConfig(model=TINY_MODEL, training=TrainingConfig(**settings))


@pytest.fixture(scope="session")
def stores(tmp_path_factory) -> dict[str, Path]:
    return make_stores(tmp_path_factory.mktemp("stores"))


@pytest.fixture
def config_factory():
    """`make_config(root, paths, **training overrides)` (fixtures are how importlib-mode tests share helpers)."""
    return make_config
