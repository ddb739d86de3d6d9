"""Environment checks for `wakesmith doctor`: each check says what it found and how to fix a problem."""

from __future__ import annotations

import importlib
import importlib.metadata
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

REQUIRED_PACKAGES = (
    "numpy",
    "tensorflow",
    "keras",
    "pymicro-features",
    "audiomentations",
    "mmap-ninja",
    "soundfile",
    "soxr",
    "tflite-micro",
    "pyyaml",
    "pydantic",
    "rich",
    "tensorboard",
    "matplotlib",
)
TOOLS = {
    "espeak-ng": "sudo apt-get install espeak-ng   (needed by `wakesmith synth`)",
    "sox": "sudo apt-get install sox",
}


@dataclass(frozen=True)
class Check:
    name: str
    ok: bool
    found: str
    fix: str = ""
    required: bool = True


def check_python() -> Check:
    version = sys.version_info
    ok = (3, 10) <= version[:2] <= (3, 12)
    return Check("python", ok, f"{version.major}.{version.minor}.{version.micro}", "use Python 3.10–3.12")


def check_packages() -> list[Check]:
    checks = []
    for name in REQUIRED_PACKAGES:
        try:
            checks.append(Check(name, True, importlib.metadata.version(name)))
        except importlib.metadata.PackageNotFoundError:
            checks.append(Check(name, False, "missing", "bash scripts/install.sh  (or pip install -e .)"))
    return checks


def check_tools() -> list[Check]:
    return [
        Check(tool, shutil.which(tool) is not None, shutil.which(tool) or "not on PATH", hint)
        for tool, hint in TOOLS.items()
    ]


def check_disk(folder: Path, needed_gb: float) -> Check:
    folder = folder if folder.exists() else Path.cwd()
    free_gb = shutil.disk_usage(folder).free / 1e9
    return Check(
        "disk",
        free_gb >= needed_gb,
        f"{free_gb:.1f} GB free in {folder} (need ≈ {needed_gb:.1f} GB)",
        "free disk space or point features.work_dir elsewhere",
    )


def estimate_disk_gb(config) -> float:
    """Rough store size: clips × repetitions × slides × frames × 40 × 2 bytes, plus 1 GB of headroom."""
    dataset = config.dataset.root
    files = sum(1 for _ in dataset.rglob("*.wav")) + sum(1 for _ in dataset.rglob("*.flac")) if dataset.is_dir() else 0
    frames = config.features.clip_duration_s * 100
    per_clip = (
        frames
        * 40
        * 2
        * config.features.repetitions.get("training", 1)
        * config.features.slide_frames.get("training", 1)
    )
    return files * per_clip / 1e9 + 1.0


def check_backends() -> list[Check]:
    """Which Keras backends import, and which accelerators they see (each probed in a child process)."""
    probes = {
        "tensorflow": "import tensorflow as tf; print(len(tf.config.list_physical_devices('GPU')), 'GPU(s)')",
        "jax": "import jax; print(', '.join(str(d) for d in jax.devices()))",
        "torch": "import torch; print('cuda' if torch.cuda.is_available() else 'cpu only')",
    }
    hints = {
        "tensorflow": "pip install 'tensorflow>=2.16'",
        "jax": "pip install jax  (GPU: pip install 'jax[cuda12]')",
        "torch": "pip install torch",
    }
    checks = []
    for backend, code in probes.items():
        result = subprocess.run(
            [sys.executable, "-c", code],
            capture_output=True,
            text=True,
            timeout=120,
            env={"TF_CPP_MIN_LOG_LEVEL": "3", **_environ()},
        )
        found = result.stdout.strip().splitlines()[-1] if result.returncode == 0 and result.stdout.strip() else ""
        checks.append(
            Check(
                f"backend {backend}",
                result.returncode == 0,
                found or "not installed",
                hints[backend],
                required=backend == "tensorflow",
            )
        )
    return checks


def _environ() -> dict[str, str]:
    import os

    return dict(os.environ)


def run_checks(config=None) -> list[Check]:
    checks = [check_python(), *check_packages(), *check_tools()]
    if config is not None:
        checks.append(check_disk(config.features.work_dir, estimate_disk_gb(config)))
    checks.extend(check_backends())
    return checks
