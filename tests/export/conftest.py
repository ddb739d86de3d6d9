"""Shared export-test fixtures: the official models (SPEC's reference-models folder)."""

import os
from pathlib import Path

import pytest

REFERENCE_DIR = Path(
    os.environ.get("WAKESMITH_REFERENCE_MODELS", Path(__file__).resolve().parents[3] / "shared" / "reference-models")
)
REFERENCE_NAMES = ("okay_nabu", "hey_jarvis", "alexa")


@pytest.fixture(scope="session")
def reference_dir() -> Path:
    """The official okay_nabu / hey_jarvis / alexa .tflite + .json; tests skip when the folder is absent."""
    if not (REFERENCE_DIR / "okay_nabu.tflite").exists():
        pytest.skip(f"official models not found at {REFERENCE_DIR}")
    return REFERENCE_DIR
