"""Mining rounds end to end on a tiny model (slow: trains, exports and fine-tunes)."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from wakesmith.config.models import FeatureSetConfig, MixedNetConfig, WakesmithConfig
from wakesmith.evaluation.mining import load_stored
from wakesmith.evaluation.mining_rounds import fine_tune_config, hard_negative_set, run_mining
from wakesmith.features.frontend import float_to_raw
from wakesmith.model.architecture import MixedNetGeometry
from wakesmith.training.stores import write_store

TINY = MixedNetConfig(
    first_conv_filters=8,
    pointwise_filters=[16, 16],
    repeat_in_block=[1, 1],
    mixconv_kernel_sizes=[[3], [5, 7]],
    residual_connection=[False, False],
    head_frames=3,
    bn_momentum=0.9,
)


def _config(root: Path, **mining) -> WakesmithConfig:
    sets = [
        FeatureSetConfig(
            name="positive", path=root / "features/positive", truth=True, truncation_strategy="truncate_start"
        ),
        FeatureSetConfig(name="negative", path=root / "features/negative", truth=False),
        FeatureSetConfig(name="background", path=root / "features/background", sampling_weight=0.5, truth=False),
    ]
    return WakesmithConfig.model_validate(
        {
            "model": TINY.model_dump(),
            "features": {"work_dir": str(root)},
            "training": {
                "batch_size": 32,
                "training_steps": [60, 30],
                "learning_rates": [0.01, 0.003],
                "positive_class_weight": [1.0, 1.0],
                "negative_class_weight": [1.0, 2.0],
                "time_mask_max_size": [0, 3],
                "time_mask_count": [0, 1],
                "freq_mask_max_size": [0, 0],
                "freq_mask_count": [0, 0],
                "eval_every": 30,
                "checkpoint_every": 30,
                "feature_sets": [s.model_dump() for s in sets],
                "run_dir": str(root / "run"),
            },
            "export": {"output_dir": str(root / "model"), "representative_samples": 50},
            "evaluation": {"clip_ignore_frames": 0},
            "mining": {"fine_tune_steps": 30, **mining},
        }
    )


def _stores(root: Path) -> None:
    rng = np.random.default_rng(0)

    def positive():
        x = rng.uniform(0, 6, (60, 40))
        x[-25:, 10:20] += rng.uniform(12, 18)
        return float_to_raw(x)

    for split, count in {"training": 200, "validation": 60, "testing": 20}.items():
        write_store(root / "features/positive" / split, [positive() for _ in range(count)])
        noise = [float_to_raw(rng.uniform(0, 6, (int(rng.integers(20, 120)), 40))) for _ in range(count)]
        write_store(root / "features/negative" / split, noise)
        write_store(root / "features/background" / split, [float_to_raw(rng.uniform(0, 6, (150, 40)))] * (count // 2))
    for split in ("validation_ambient", "testing_ambient"):
        write_store(root / "features/background" / split, [float_to_raw(rng.uniform(0, 6, (600, 40)))] * 6)


def test_fine_tune_config_is_one_phase_at_the_mining_rate(tmp_path):
    config = _config(tmp_path, learning_rate=0.0002)
    tuned = fine_tune_config(config)
    assert tuned.training.training_steps == [30] and tuned.training.learning_rates == [0.0002]
    assert tuned.training.negative_class_weight == [2.0] and tuned.training.time_mask_count == [1]
    extra = hard_negative_set(config)
    assert extra.path == tmp_path / "features/hard_negative" and extra.sampling_weight == config.mining.sampling_weight


@pytest.mark.slow
def test_two_mining_rounds_store_hard_negatives_and_report_each_round(tmp_path):
    from wakesmith.training.loop import train

    _stores(tmp_path)
    config = _config(tmp_path, threshold=0.05)  # low threshold: an under-trained model surely fires somewhere
    train(config, show_progress=False)
    rows = run_mining(config, 2, show_progress=False)
    assert rows[0].round == 1 and rows[0].new_hard_negatives > 0
    assert rows[0].validation_fah is not None and rows[0].recall is not None
    assert len(rows) == 2 or rows[-1].new_hard_negatives == 0 or not rows[-1].kept
    stored = load_stored(tmp_path, MixedNetGeometry(config.model).receptive_field)
    assert len(stored) == rows[-1].stored >= rows[0].new_hard_negatives
    assert (
        json.loads((tmp_path / "mining/rounds.json").read_text())[0]["new_hard_negatives"] == rows[0].new_hard_negatives
    )
    # a second run reuses the stored windows: nothing already stored is added again
    again = run_mining(config, 1, show_progress=False)
    assert again[0].stored >= len(stored)
    assert again[0].duplicates + again[0].new_hard_negatives > 0  # threshold 0.05 still fires on the same audio
