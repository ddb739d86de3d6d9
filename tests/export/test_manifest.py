"""The closed V2 manifest schema (SPEC §3): strict types, named keys in every error, official layout."""

import json

import pytest

from wakesmith.errors import WakesmithError
from wakesmith.export.manifest import (
    Manifest,
    ManifestError,
    MicroSettings,
    model_location,
    read_manifest,
    validate_manifest_data,
    write_manifest,
)


def official(reference_dir, name="okay_nabu") -> dict:
    return json.loads((reference_dir / f"{name}.json").read_text())


def problems_of(data: dict) -> list[str]:
    manifest, problems = validate_manifest_data(data)
    assert manifest is None
    return problems


@pytest.mark.parametrize("name", ["okay_nabu", "hey_jarvis", "alexa"])
def test_official_manifests_read(reference_dir, name):
    manifest = read_manifest(reference_dir / f"{name}.json")
    assert isinstance(manifest, Manifest) and not manifest.is_legacy
    assert manifest.micro.minimum_esphome_version == "2024.7.0"
    assert model_location(manifest, reference_dir / f"{name}.json") == reference_dir / f"{name}.tflite"


def test_write_reproduces_the_official_layout(reference_dir, tmp_path):
    source = reference_dir / "okay_nabu.json"
    written = write_manifest(read_manifest(source), tmp_path / "out" / "okay_nabu.json")
    assert written.read_text() == source.read_text()
    assert list(tmp_path.joinpath("out").iterdir()) == [written]  # no temp file left behind


def test_extra_keys_are_named(reference_dir):
    data = official(reference_dir)
    data["micro"]["calibration"] = {"a": 1}
    data["comment"] = "hi"
    problems = problems_of(data)
    assert any(p.startswith("micro.calibration: extra key") and "invalid option" in p for p in problems)
    assert any(p.startswith("comment: extra key") for p in problems)


def test_version_as_number_is_rejected(reference_dir):
    data = official(reference_dir)
    data["micro"]["minimum_esphome_version"] = 2024.7
    (problem,) = problems_of(data)
    assert problem.startswith("micro.minimum_esphome_version: must be a string") and "2024.7" in problem


@pytest.mark.parametrize(
    ("key", "value", "expected"),
    [
        ("tensor_arena_size", "26080", "must be an integer"),
        ("tensor_arena_size", 26080.0, "must be an integer"),
        ("tensor_arena_size", 0, "greater than 0"),
        ("feature_step_size", 31, "less than or equal to 30"),
        ("sliding_window_size", 0, "greater than or equal to 1"),
        ("sliding_window_size", True, "must be an integer"),
        ("probability_cutoff", 1.0, "less than 1"),
        ("probability_cutoff", "0.9", "must be a number"),
        ("minimum_esphome_version", "2024.7", "MAJOR.MINOR.PATCH"),
    ],
)
def test_micro_types_are_strict(reference_dir, key, value, expected):
    data = official(reference_dir)
    data["micro"][key] = value
    (problem,) = problems_of(data)
    assert problem.startswith(f"micro.{key}:") and expected in problem


def test_int_for_float_is_fine(reference_dir):
    data = official(reference_dir)
    data["micro"]["probability_cutoff"] = 0.5
    data["micro"]["tensor_arena_size"] = 30000
    manifest, problems = validate_manifest_data(data)
    assert problems == [] and manifest.micro.tensor_arena_size == 30000


def test_top_level_rules(reference_dir):
    data = official(reference_dir)
    del data["website"]
    assert validate_manifest_data(data)[1] == []  # website is optional
    data["website"] = "not a url"
    assert problems_of(data)[0].startswith("website:")
    data = official(reference_dir)
    del data["type"], data["micro"]["tensor_arena_size"]
    data["trained_languages"] = "en"
    problems = problems_of(data)
    assert "type: missing key" in problems and "micro.tensor_arena_size: missing key" in problems
    assert any(p.startswith("trained_languages: must be a list") for p in problems)
    data = official(reference_dir)
    data["version"] = 3
    assert problems_of(data)[0].startswith("version:")


def test_legacy_v1_is_read_but_never_written(tmp_path):
    v1 = {
        "type": "micro",
        "wake_word": "Hey Jarvis",
        "author": "x",
        "model": "hey_jarvis.tflite",
        "version": 1,
        "micro": {"probability_cutoff": 0.5, "sliding_window_average_size": 10, "minimum_esphome_version": "2024.2.0"},
    }
    path = tmp_path / "v1.json"
    path.write_text(json.dumps(v1))
    manifest = read_manifest(path)
    assert manifest.is_legacy and manifest.micro.sliding_window_average_size == 10
    with pytest.raises(WakesmithError, match="legacy"):
        write_manifest(manifest, tmp_path / "again.json")


def test_read_errors_are_one_line(tmp_path):
    with pytest.raises(ManifestError, match="file not found"):
        read_manifest(tmp_path / "missing.json")
    bad = tmp_path / "bad.json"
    bad.write_text("{not json")
    with pytest.raises(ManifestError, match="not valid JSON") as info:
        read_manifest(bad)
    assert "\n" not in str(info.value)


def test_write_refuses_invalid_values(tmp_path):
    micro = MicroSettings.model_construct(
        probability_cutoff=2.0,
        feature_step_size=10,
        sliding_window_size=5,
        tensor_arena_size=1,
        minimum_esphome_version="2024.7.0",
    )
    manifest = Manifest.model_construct(
        wake_word="w", author="a", model="m.tflite", trained_languages=["en"], micro=micro, website=None
    )
    with pytest.raises(ManifestError, match="micro.probability_cutoff: input should be less than 1"):
        write_manifest(manifest, tmp_path / "m.json")
    assert not (tmp_path / "m.json").exists()
