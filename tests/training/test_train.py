import json

import numpy as np
import pytest
import yaml

from wakesmith.config.models import CheckpointSelectionConfig
from wakesmith.model.weights_io import load_weights
from wakesmith.training.checkpoint_selection import select_best

keras = pytest.importorskip("keras")


def _validation_loss_of_untrained(config):
    from wakesmith.model.architecture import MixedNetGeometry
    from wakesmith.model.mixednet import build_mixednet
    from wakesmith.training.engine import make_predictor
    from wakesmith.training.validation import evaluate, load_validation

    window = MixedNetGeometry(config.model).receptive_field
    data = load_validation(list(config.training.feature_sets), window)
    keras.utils.set_random_seed(config.training.seed)
    model = build_mixednet(config.model)
    causal = build_mixednet(config.model, "causal")
    return evaluate(make_predictor(model), make_predictor(causal), data, 75)["loss"]


def _weights_arrays(path):
    weights = load_weights(path)
    arrays = [weights.first_conv, weights.head_kernel, weights.head_bias]
    for block in weights.blocks:
        arrays += [*block.depthwise, *block.depthwise_bias, block.pointwise, block.bn_scale, block.bn_offset]
    return arrays


def test_training_learns_and_selects_by_rule(tmp_path, stores, config_factory):
    from wakesmith.training.loop import train

    config = config_factory(tmp_path, stores, eval_every=15)
    baseline = _validation_loss_of_untrained(config)
    result = train(config, show_progress=False)
    run = tmp_path / "run"
    history = [json.loads(line) for line in (run / "metrics.jsonl").read_text().splitlines()]
    assert [h["step"] for h in history] == [0, 15, 30, 45, 60, 75, 90]
    assert [h["phase"] for h in history] == [0, 0, 0, 0, 0, 1, 1]
    assert history[0]["baseline"] and history[0]["loss"] == pytest.approx(baseline, rel=1e-3)
    history = history[1:]  # the untrained baseline is logged, never selected
    assert history[-1]["loss"] < 0.5 * baseline
    assert history[-1]["recall"] > 0.9 and history[-1]["ambient_false_accepts_per_hour"] is not None
    assert len(history[-1]["recall_curve"]) == 101
    chosen = select_best(history, config.training.checkpoint_selection)
    assert result.best_metrics["step"] == history[chosen]["step"]
    for name in ("best_weights.npz", "last_weights.npz", "model_summary.txt", "checkpoint/state.npz"):
        assert (run / name).exists(), name
    assert any((run / "tensorboard").iterdir())
    assert "block1_mixconv" in (run / "model_summary.txt").read_text()


def test_resume_reaches_the_same_state_as_an_uninterrupted_run(tmp_path, stores, config_factory):
    from wakesmith.training.loop import train

    full = config_factory(tmp_path / "full", stores)
    train(full, show_progress=False)
    parted = config_factory(tmp_path / "parted", stores)
    first = train(parted, max_steps=45, show_progress=False)  # stops between evaluations (as a kill would)
    assert first.final_step == 45
    second = train(parted, resume=True, show_progress=False)
    assert second.final_step == 90
    for a, b in zip(
        _weights_arrays(tmp_path / "full/run/last_weights.npz"),
        _weights_arrays(tmp_path / "parted/run/last_weights.npz"),
        strict=True,
    ):
        np.testing.assert_allclose(a, b, rtol=1e-5, atol=1e-6)
    steps = [json.loads(line)["step"] for line in (tmp_path / "parted/run/metrics.jsonl").read_text().splitlines()]
    assert steps == [0, 30, 60, 90]


def test_without_ambient_audio_the_lowest_validation_loss_is_kept(tmp_path, stores, config_factory):
    from wakesmith.training.loop import train

    config = config_factory(tmp_path, stores, training_steps=[40], **{k: [v[0]] for k, v in _phase_lists().items()})
    sets = [s.model_copy(update={"path": s.path}) for s in config.training.feature_sets if s.name != "background"]
    config = config.model_copy(update={"training": config.training.model_copy(update={"feature_sets": sets})})
    result = train(config, show_progress=False)
    history = [json.loads(line) for line in (tmp_path / "run/metrics.jsonl").read_text().splitlines()][1:]
    assert all(h["ambient_false_accepts_per_hour"] is None for h in history)
    rule = CheckpointSelectionConfig(minimization_metric="loss", target_minimization=-1, maximization_metric="loss")
    assert result.best_metrics["step"] == history[select_best(history, rule)]["step"]


def _phase_lists():
    return {
        "learning_rates": [0.01],
        "positive_class_weight": [1.0],
        "negative_class_weight": [1.0],
        "time_mask_max_size": [0],
        "time_mask_count": [0],
        "freq_mask_max_size": [0],
        "freq_mask_count": [0],
    }


def test_cli_train_and_resume(tmp_path, stores, capsys, config_factory):
    from wakesmith.cli.main import main

    config = config_factory(tmp_path, stores, training_steps=[20, 10])
    path = tmp_path / "config.yaml"
    path.write_text(yaml.safe_dump(config.model_dump(mode="json")))
    assert main(["train", "--config", str(path)]) == 0
    assert "done at step 30" in capsys.readouterr().out
    assert main(["train", "--config", str(path), "--resume", "--profile"]) == 0
    out = capsys.readouterr().out
    assert "done at step 30" in out and "time per part" in out
    assert (tmp_path / "run" / "train.prof").exists()


def test_missing_store_is_a_clear_error(tmp_path, stores, config_factory):
    from wakesmith.errors import WakesmithError
    from wakesmith.training.loop import train

    config = config_factory(tmp_path, stores)
    sets = list(config.training.feature_sets)
    sets[0] = sets[0].model_copy(update={"path": tmp_path / "nowhere"})
    config = config.model_copy(update={"training": config.training.model_copy(update={"feature_sets": sets})})
    with pytest.raises(WakesmithError, match="no training store"):
        train(config, show_progress=False)


def test_spatial_attention_trains_and_keeps_keras_weights(tmp_path, stores, config_factory):
    from wakesmith.training.loop import train

    config = config_factory(tmp_path, stores, training_steps=[20, 10])
    model = config.model.model_copy(update={"spatial_attention": True})
    config = config.model_copy(update={"model": model})
    result = train(config, show_progress=False)
    assert result.final_step == 30
    assert result.best_weights_path.name == "best_weights.weights.h5" and result.best_weights_path.exists()
