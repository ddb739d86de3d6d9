"""The same training code on the other Keras backends (fresh processes: the backend is fixed at import)."""

import os
import subprocess
import sys
import textwrap
from importlib.util import find_spec
from pathlib import Path

import pytest

SCRIPT = textwrap.dedent(
    """
    import sys, json
    sys.path.insert(0, {tests!r})
    from pathlib import Path
    import keras
    assert keras.backend.backend() == {backend!r}
    from conftest import make_config, make_stores
    from wakesmith.training.loop import train
    import numpy as np
    root = Path({root!r})
    stores = make_stores(root)
    train(make_config(root / "full", stores), show_progress=False)
    config = make_config(root, stores)
    result = train(config, max_steps=45, show_progress=False)
    result = train(config, resume=True, show_progress=False)
    full, parted = np.load(root / "full/run/last_weights.state.npz"), np.load(root / "run/last_weights.state.npz")
    diff = max(float(np.abs(full[k] - parted[k]).max()) for k in full.files)
    history = [json.loads(line) for line in (root / "run" / "metrics.jsonl").read_text().splitlines()]
    print("RESULT", result.final_step, history[0]["loss"], history[-1]["loss"], history[-1]["recall"], diff)
    """
)


@pytest.mark.slow
@pytest.mark.parametrize("backend", ["jax", "torch"])
def test_training_runs_and_resumes_on_backend(backend, tmp_path):
    if find_spec(backend) is None:
        pytest.skip(f"{backend} not installed")
    script = SCRIPT.format(tests=str(Path(__file__).parent), backend=backend, root=str(tmp_path))
    env = {**os.environ, "KERAS_BACKEND": backend, "JAX_PLATFORMS": os.environ.get("JAX_PLATFORMS", "cpu")}
    done = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr[-4000:]
    line = next(line for line in done.stdout.splitlines() if line.startswith("RESULT"))
    _, step, first_loss, last_loss, recall, diff = line.split()
    assert int(step) == 90
    assert float(diff) <= 1e-6  # resumed run ends where the uninterrupted one does
    assert float(last_loss) < 0.5 * float(first_loss)
    assert float(recall) > 0.9


@pytest.mark.slow
def test_cli_kill_then_resume(tmp_path, stores, config_factory):
    """SIGKILL mid-run; `--resume` continues from the last checkpoint and finishes with one record per step."""
    import json
    import signal
    import time

    import yaml

    config = config_factory(tmp_path, stores, training_steps=[600, 200], eval_every=50, checkpoint_every=50)
    path = tmp_path / "config.yaml"
    path.write_text(yaml.safe_dump(config.model_dump(mode="json")))
    command = [sys.executable, "-m", "wakesmith", "train", "--config", str(path)]
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    state = tmp_path / "run" / "checkpoint" / "state.npz"
    deadline = time.time() + 300
    while not state.exists() and time.time() < deadline and process.poll() is None:
        time.sleep(0.2)
    time.sleep(1.0)
    process.send_signal(signal.SIGKILL)
    assert process.wait() == -signal.SIGKILL, "the run finished before it could be killed"
    done = subprocess.run([*command, "--resume"], capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr[-3000:]
    assert "done at step 800" in done.stdout
    steps = [json.loads(line)["step"] for line in (tmp_path / "run" / "metrics.jsonl").read_text().splitlines()]
    assert steps == list(range(0, 801, 50))
