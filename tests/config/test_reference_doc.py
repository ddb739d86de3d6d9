from pathlib import Path

from wakesmith.config.reference import generate

DOC = Path(__file__).resolve().parents[2] / "docs" / "config-reference.md"


def test_config_reference_matches_the_models():
    """docs/config-reference.md is generated; regenerate with `python -m wakesmith.config.reference`."""
    assert DOC.read_text(encoding="utf-8") == generate(), (
        "docs/config-reference.md is stale: run `python -m wakesmith.config.reference > docs/config-reference.md`"
    )


def test_every_section_and_key_is_documented():
    text = generate()
    for section in ("wake_word", "dataset", "features", "model", "training", "export", "evaluation", "mining"):
        assert f"## `{section}`" in text
    assert "| `learning_rates` |" in text and "## `training.feature_sets[]`" in text
