from pathlib import Path

import pytest
import yaml

from wakesmith.cli.main import main
from wakesmith.config import PRESETS, load_config, load_preset, parse_config
from wakesmith.errors import ConfigError


@pytest.mark.parametrize("name", PRESETS)
def test_presets_load_and_have_consistent_phases(name):
    config = load_preset(name)
    assert len(config.training.training_steps) == len(config.training.learning_rates)
    assert config.training.feature_sets, "a preset must name its feature sets"


def test_unknown_key_names_key_and_closest_valid_one():
    with pytest.raises(ConfigError) as error:
        parse_config({"training": {"learnig_rates": [0.1]}})
    assert "training.learnig_rates" in str(error.value)
    assert "learning_rates" in str(error.value).split("did you mean")[1]


def test_wrong_type_names_its_path():
    with pytest.raises(ConfigError) as error:
        parse_config({"training": {"training_steps": [1, 2], "learning_rates": [0.1, "fast"]}})
    assert "training.learning_rates[1]" in str(error.value)


def test_phase_lists_must_agree():
    with pytest.raises(ConfigError, match="one entry per phase"):
        parse_config({"training": {"training_steps": [1, 2], "learning_rates": [0.1]}})


def test_paths_are_relative_to_config_file(tmp_path: Path):
    folder = tmp_path / "project"
    folder.mkdir()
    (folder / "config.yaml").write_text(yaml.safe_dump({"dataset": {"root": "data"}}))
    config = load_config(folder / "config.yaml")
    assert config.dataset.root == (folder / "data").resolve()
    assert config.features.work_dir == (folder / "work").resolve()


def test_init_writes_layout_and_refuses_overwrite(tmp_path: Path, capsys):
    assert main(["init", str(tmp_path), "--preset", "standard"]) == 0
    for kind in ("positive", "negative", "background", "rir"):
        assert (tmp_path / "dataset" / kind).is_dir()
    assert load_config(tmp_path / "config.yaml").training.training_steps == [10000]
    (tmp_path / "config.yaml").write_text("# mine\n")
    assert main(["init", str(tmp_path)]) == 2
    assert (tmp_path / "config.yaml").read_text() == "# mine\n"
    assert "already exists" in capsys.readouterr().err
    assert main(["init", str(tmp_path), "--force"]) == 0
    assert "fast_test" in (tmp_path / "config.yaml").read_text()
