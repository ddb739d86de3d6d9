"""`wakesmith export` end to end on tiny synthetic feature stores, plus the exporter's small helpers."""

import json

import numpy as np
import pytest
import yaml
from mmap_ninja.ragged import RaggedMmap

from wakesmith.cli.main import main
from wakesmith.config.models import WakesmithConfig
from wakesmith.errors import WakesmithError
from wakesmith.export.arena import minimal_arena
from wakesmith.export.exporter import arena_size_for_manifest, display_wake_word, export_model
from wakesmith.export.manifest import read_manifest
from wakesmith.export.representative import interleave_clips, pin_input_range, representative_strides
from wakesmith.export.tflite_model import parse_tflite
from wakesmith.features.frontend import float_to_raw
from wakesmith.features.stores import store_path
from wakesmith.model.architecture import random_weights
from wakesmith.model.weights_io import save_weights


def write_store(work_dir, feature_set, split, clips):
    path = store_path(work_dir, feature_set, split)
    path.parent.mkdir(parents=True, exist_ok=True)
    RaggedMmap.from_lists(path, [float_to_raw(c) for c in clips], dtype=np.uint16)


def make_project(root, seed=0):
    """Config + weights + positive/negative training and testing stores under `root`."""
    rng = np.random.default_rng(seed)
    config = WakesmithConfig.model_validate(
        {
            "wake_word": {"phrase": "hey jarvis", "author": "tests", "website": "https://example.org"},
            "features": {"work_dir": str(root / "work")},
            "training": {"run_dir": str(root / "run")},
            "export": {
                "output_dir": str(root / "model"),
                "model_name": "hey_test",
                "representative_samples": 150,
                "agreement_max_clips": 12,
            },
        }
    )
    for feature_set, loud in (("positive", 6.0), ("negative", 0.0)):
        for split, count in (("training", 3), ("testing", 8)):
            clips = [rng.gamma(2.0, 1.5, (int(rng.integers(90, 160)), 40)) + loud for _ in range(count)]
            write_store(config.features.work_dir, feature_set, split, clips)
    weights = random_weights(config.model, seed=seed)
    weights.head_kernel = weights.head_kernel * 0.05  # keep probabilities off saturation
    (root / "run").mkdir(parents=True)
    save_weights(weights, root / "run" / "best_weights.npz")
    config_path = root / "config.yaml"
    config_path.write_text(yaml.safe_dump(config.model_dump(mode="json")), encoding="utf-8")
    return config, config_path


@pytest.fixture(scope="module")
def exported(tmp_path_factory):
    root = tmp_path_factory.mktemp("export")
    config, config_path = make_project(root)
    assert main(["export", "--config", str(config_path)]) == 0
    return config, root


def test_cli_writes_model_manifest_and_report(exported):
    config, root = exported
    out = root / "model"
    assert sorted(p.name for p in out.iterdir()) == ["hey_test.export.json", "hey_test.json", "hey_test.tflite"]
    model_bytes = (out / "hey_test.tflite").read_bytes()
    info = parse_tflite(model_bytes)
    assert info.resource_variables == 6 and info.starts_with_call_once
    manifest = read_manifest(out / "hey_test.json")
    assert (manifest.wake_word, manifest.author, manifest.model) == ("Hey Jarvis", "tests", "hey_test.tflite")
    assert manifest.website == "https://example.org" and manifest.trained_languages == ["en"]
    micro = manifest.micro
    assert (micro.feature_step_size, micro.sliding_window_size) == (10, config.export.sliding_window_size)
    assert micro.probability_cutoff == config.export.probability_cutoff
    assert micro.minimum_esphome_version == "2024.7.0"
    measured = minimal_arena(model_bytes)
    assert micro.tensor_arena_size == arena_size_for_manifest(measured, config.export.arena_margin)
    assert micro.tensor_arena_size % 16 == 0 and micro.tensor_arena_size >= measured * 1.1

    report = json.loads((out / "hey_test.export.json").read_text())
    assert report["minimal_arena"] == measured and report["tensor_arena_size"] == micro.tensor_arena_size
    assert report["input"] == {
        "dtype": "int8",
        "shape": [1, 3, 40],
        "scale": pytest.approx(26 / 255),
        "zero_point": -128,
    }
    assert report["output"]["dtype"] == "uint8" and report["output"]["zero_point"] == 0
    agreement = report["agreement"]
    assert agreement["clips"] == 12 and 0 <= agreement["agreeing"] <= 12
    assert 0 <= agreement["max_probability_difference"] <= 1


def test_api_export_with_other_name_and_weights(exported, tmp_path):
    config, root = exported
    weights = tmp_path / "other.npz"
    save_weights(random_weights(config.model, seed=9), weights)
    result = export_model(config, weights_path=weights, name="other", check_agreement=False)
    assert result.tflite_path.name == "other.tflite" and result.manifest_path.name == "other.json"
    assert result.agreement is None and json.loads(result.report_path.read_text())["weights"] == str(weights)
    assert result.tensor_arena_size == read_manifest(result.manifest_path).micro.tensor_arena_size
    assert result.tflite_path.read_bytes() != (root / "model" / "hey_test.tflite").read_bytes()


def test_missing_weights_is_one_line_error(tmp_path, capsys):
    _, config_path = make_project(tmp_path)
    (tmp_path / "run" / "best_weights.npz").unlink()
    assert main(["export", "--config", str(config_path)]) == 2
    err = capsys.readouterr().err
    assert "best_weights.npz not found" in err and "Traceback" not in err


def test_missing_training_store_is_reported(tmp_path):
    config, _ = make_project(tmp_path)
    config.features.work_dir = tmp_path / "elsewhere"
    with pytest.raises(WakesmithError, match="wakesmith features"):
        representative_strides(config)


def test_representative_strides_from_stores(tmp_path):
    config, _ = make_project(tmp_path)
    strides = representative_strides(config, samples=100)
    assert strides.shape == (100, 3, 40)
    assert strides.min() == 0.0 and strides.max() == 26.0


def test_interleave_keeps_clip_order_and_alternates_sources():
    a = [np.full((6, 40), 1.0), np.full((6, 40), 2.0)]
    b = [np.full((9, 40), 10.0)]
    strides = interleave_clips([[x * 25.6 for x in a], [x * 25.6 for x in b]], stride=3, samples=100, seed=0)
    firsts = strides[:, 0, 0]
    assert len(strides) == 2 + 3 + 2  # whole clips, partial strides dropped
    assert firsts[2:5].tolist() == [10.0, 10.0, 10.0]  # one clip of each source in turn, streamed in order
    assert sorted(set(firsts[:2]) | set(firsts[5:])) == [1.0, 2.0]


def test_pin_input_range_touches_two_values():
    data = np.random.default_rng(0).uniform(3, 20, (10, 3, 40)).astype(np.float32)
    pinned = pin_input_range(data)
    assert pinned.min() == 0 and pinned.max() == 26
    assert (pinned != data).sum() == 2


def test_helpers():
    assert arena_size_for_manifest(24514, 0.10) == 26976
    assert arena_size_for_manifest(1600, 0.0) == 1600
    assert display_wake_word("hey jarvis") == "Hey Jarvis" and display_wake_word("okay NABU") == "Okay NABU"
