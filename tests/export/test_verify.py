"""`wakesmith verify`: the official models pass; each kind of broken model fails with the right one line."""

import json
import shutil

import numpy as np
import pytest

from wakesmith.cli.main import main
from wakesmith.export.verify import verify_path, verify_paths

NAMES = ["okay_nabu", "hey_jarvis", "alexa"]


def failures(report) -> list[str]:
    return [f"{c.name}: {c.message}" for c in report.checks if c.status == "fail"]


def copy_reference(reference_dir, tmp_path, name="okay_nabu", **micro) -> tuple:
    data = json.loads((reference_dir / f"{name}.json").read_text())
    data["micro"].update(micro)
    shutil.copy(reference_dir / f"{name}.tflite", tmp_path / f"{name}.tflite")
    path = tmp_path / f"{name}.json"
    path.write_text(json.dumps(data))
    return path, data


@pytest.fixture(scope="module")
def tiny_models(tmp_path_factory):
    """Two small models made with the TFLite converter: int8 with a TANH op, and an all-float one."""
    tf = pytest.importorskip("tensorflow")
    folder = tmp_path_factory.mktemp("tiny")
    weights = tf.constant(np.random.default_rng(0).normal(0, 0.05, (120, 1)).astype(np.float32))

    def convert(use_tanh: bool, quantize: bool) -> bytes:
        @tf.function(input_signature=[tf.TensorSpec([1, 3, 40], tf.float32)])
        def model(x):
            logit = tf.reshape(x, [1, 120]) @ weights
            return tf.math.sigmoid(tf.math.tanh(logit) if use_tanh else logit)

        converter = tf.lite.TFLiteConverter.from_concrete_functions([model.get_concrete_function()], model)
        if quantize:
            rng = np.random.default_rng(1)
            converter.optimizations = [tf.lite.Optimize.DEFAULT]
            converter.representative_dataset = lambda: (
                [rng.uniform(0, 26, (1, 3, 40)).astype(np.float32)] for _ in range(16)
            )
            converter.target_spec.supported_ops = [tf.lite.OpsSet.TFLITE_BUILTINS_INT8]
            converter.inference_input_type, converter.inference_output_type = tf.int8, tf.uint8
        return converter.convert()

    paths = {"tanh": folder / "tanh.tflite", "float": folder / "float.tflite"}
    paths["tanh"].write_bytes(convert(use_tanh=True, quantize=True))
    paths["float"].write_bytes(convert(use_tanh=False, quantize=False))
    return paths


@pytest.mark.parametrize("name", NAMES)
def test_official_models_pass(reference_dir, name):
    report = verify_path(reference_dir / f"{name}.json", strides=20)
    assert report.ok, failures(report)
    assert report.minimal_arena is not None and report.minimal_arena < report.tensor_arena_size
    assert 0.05 < report.margin < 0.25  # SPEC: official manifests carry 6–23 % over the host minimum
    assert {c.name for c in report.checks} >= {"manifest schema", "ops", "input", "output", "arena"}


def test_cli_json_for_several_manifests(reference_dir, capsys):
    paths = [str(reference_dir / f"{name}.json") for name in NAMES]
    assert main(["verify", "--json", "--strides", "10", *paths]) == 0
    result = json.loads(capsys.readouterr().out)
    assert result["ok"] and len(result["models"]) == 3
    assert result["group"]["total_resource_variables"] == 18
    assert result["group"]["total_tensor_arena_size"] == 26080 + 22860 + 22348
    assert all(m["minimal_arena"] and m["arena_margin"] > 0 for m in result["models"])


def test_bare_tflite_reports_what_a_manifest_needs(reference_dir):
    report = verify_path(reference_dir / "okay_nabu.tflite", strides=10)
    assert report.ok and report.tensor_arena_size is None
    messages = {c.name: c.message for c in report.checks}
    assert "2024.7.0" in messages["esphome version"]
    assert f"at least {report.minimal_arena} bytes" in messages["arena"]


def test_unsupported_op_is_named(tiny_models):
    report = verify_path(tiny_models["tanh"], strides=5)
    assert not report.ok
    assert failures(report) == ["ops: op TANH is not supported by any ESPHome release (the device logs \"Didn't "
                                "find op\" and never runs the model)"]  # fmt: skip


def test_float_model_is_rejected(tiny_models):
    report = verify_path(tiny_models["float"], strides=5)
    lines = failures(report)
    assert "input: input 0: dtype float32 (ESPHome feeds int8)" in lines
    assert "output: output 0 is float32 [1, 1]; ESPHome needs uint8 [1, 1]" in lines


def test_too_small_arena(reference_dir, tmp_path):
    path, _ = copy_reference(reference_dir, tmp_path, tensor_arena_size=10000)
    report = verify_path(path, strides=5)
    (line,) = failures(report)
    assert line.startswith(
        f"arena: tensor_arena_size 10000 is too small: the model needs at least {report.minimal_arena}"
    )
    assert main(["verify", str(path)]) == 1


def test_extra_manifest_key(reference_dir, tmp_path):
    path, data = copy_reference(reference_dir, tmp_path)
    data["micro"]["calibration"] = {"offset": 1}
    path.write_text(json.dumps(data))
    report = verify_path(path, strides=5)
    (line,) = failures(report)
    assert line.startswith("manifest schema: micro.calibration: extra key")


def test_version_as_number(reference_dir, tmp_path):
    path, _ = copy_reference(reference_dir, tmp_path, minimum_esphome_version=2024.7)
    (line,) = failures(verify_path(path, strides=5))
    assert line.startswith('manifest schema: micro.minimum_esphome_version: must be a string "MAJOR.MINOR.PATCH"')


def test_too_old_version_for_ops(reference_dir, tmp_path):
    path, _ = copy_reference(reference_dir, tmp_path, minimum_esphome_version="2024.2.0")
    (line,) = failures(verify_path(path, strides=5))
    assert line == (
        "esphome version: minimum_esphome_version 2024.2.0 is too old for op SPLIT_V: ESPHome ≥ 2024.7.0 is needed"
    )


@pytest.mark.parametrize("damage", ["truncate", "garbage", "missing", "empty"])
def test_bad_tflite_never_tracebacks(reference_dir, tmp_path, capsys, damage):
    path, _ = copy_reference(reference_dir, tmp_path)
    model = tmp_path / "okay_nabu.tflite"
    data = model.read_bytes()
    if damage == "truncate":
        model.write_bytes(data[: len(data) // 3])
    elif damage == "garbage":
        model.write_bytes(b"TFL3" * 100)
    elif damage == "empty":
        model.write_bytes(b"")
    else:
        model.unlink()
    report = verify_path(path, strides=5)
    (line,) = failures(report)
    assert line.startswith("flatbuffer: ") and str(model) in line
    assert main(["verify", str(path)]) == 1
    assert "Traceback" not in capsys.readouterr().err


def test_missing_and_non_json_manifest(tmp_path):
    (tmp_path / "x.json").write_text("{")
    result = verify_paths([tmp_path / "nope.json", tmp_path / "x.json"])
    assert not result.ok
    assert failures(result.models[0]) == [f"manifest: {tmp_path / 'nope.json'}: file not found"]
    assert failures(result.models[1])[0].startswith("manifest: not valid JSON")


def test_group_resource_variables_over_the_limit(reference_dir, monkeypatch):
    from wakesmith.export import verify

    paths = [reference_dir / f"{name}.json" for name in [*NAMES, "okay_nabu"]]
    result = verify_paths(paths, strides=3)
    checks = {c.name: c for c in result.group}
    assert result.total_resource_variables == 24
    assert checks["resource variables (together)"].status == "warn" and result.ok  # per-model limit in ESPHome
    assert checks["duplicates"].status == "warn"
    monkeypatch.setattr(verify, "SHARED_RESOURCE_VARIABLES", True)
    result = verify_paths(paths, strides=3)
    assert not result.ok
    assert [c.message for c in result.group if c.status == "fail"] == [
        "24 in total (6 + 6 + 6 + 6) > 20 in the device's one MicroResourceVariables"
    ]
