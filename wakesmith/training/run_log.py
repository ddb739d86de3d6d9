"""Where evaluation results go: metrics.jsonl (one object per evaluation) and TensorBoard scalars."""

from __future__ import annotations

import json
import math
from pathlib import Path

from wakesmith.atomic import write_text_atomic


def _scalars(record: dict) -> dict[str, float]:
    out = {}
    for key, value in record.items():
        if isinstance(value, bool) or not isinstance(value, int | float) or key in ("step", "phase"):
            continue
        if math.isfinite(float(value)):
            out[key] = float(value)
    return out


class RunLog:
    """Appends evaluation records; on resume drops records past the checkpoint so none is duplicated."""

    def __init__(self, run_dir: Path, resume_step: int | None):
        self.path = run_dir / "metrics.jsonl"
        if resume_step is None:
            self.path.unlink(missing_ok=True)
        elif self.path.exists():
            kept = [
                line for line in self.path.read_text().splitlines() if line and json.loads(line)["step"] <= resume_step
            ]
            write_text_atomic(self.path, "".join(line + "\n" for line in kept))
        self.writer = None
        try:
            import keras
            import tensorflow as tf

            if keras.backend.backend() != "tensorflow":  # only for writing summaries: keep TF off the GPU
                tf.config.set_visible_devices([], "GPU")
            self._tf = tf
            self.writer = tf.summary.create_file_writer(str(run_dir / "tensorboard"))
        except Exception:  # TensorBoard is optional: without TensorFlow the scalars go to metrics.jsonl only
            self._tf = None

    def history(self) -> list[dict]:
        if not self.path.exists():
            return []
        return [json.loads(line) for line in self.path.read_text().splitlines() if line]

    def append(self, record: dict) -> None:
        with open(self.path, "a", encoding="utf-8") as handle:
            handle.write(json.dumps(record) + "\n")
        if self.writer is not None:
            with self.writer.as_default(step=int(record["step"])):
                for key, value in _scalars(record).items():
                    self._tf.summary.scalar(key, value)
            self.writer.flush()

    def close(self) -> None:
        if self.writer is not None:
            self.writer.close()
