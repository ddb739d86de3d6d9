"""Talk to a `_micro_child` process: run tflite_micro requests safely, surviving interpreter aborts.

A request whose child dies (SIGABRT from TFLM, out of memory) comes back as a failed reply that names the
exit status and the interpreter's last log lines; the next request starts a fresh child.
"""

from __future__ import annotations

import json
import os
import select
import signal
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any


class MicroChild:
    """One model, one long-lived child process; use as a context manager."""

    def __init__(self, model_bytes: bytes, timeout_s: float = 120.0):
        self._dir = tempfile.TemporaryDirectory(prefix="wakesmith-micro-")
        self._model_path = Path(self._dir.name) / "model.tflite"
        self._model_path.write_bytes(model_bytes)
        self._process: subprocess.Popen | None = None
        self._stderr_path = Path(self._dir.name) / "stderr.txt"
        self.timeout_s = timeout_s
        self.restarts = 0

    def __enter__(self) -> MicroChild:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _start(self) -> subprocess.Popen:
        stderr = open(self._stderr_path, "wb")  # noqa: SIM115 - kept open by the child
        env = dict(os.environ, TF_CPP_MIN_LOG_LEVEL="3", PYTHONUNBUFFERED="1")
        process = subprocess.Popen(
            [sys.executable, "-m", "wakesmith.export._micro_child", str(self._model_path)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=stderr,
            env=env,
            text=True,
        )
        stderr.close()
        return process

    def request(self, command: dict[str, Any]) -> dict[str, Any]:
        """Send one command; a crashed child yields {"ok": False, "crashed": True, "error": …}."""
        if self._process is None or self._process.poll() is not None:
            self._process = self._start()
        process = self._process
        try:
            process.stdin.write(json.dumps(command) + "\n")
            process.stdin.flush()
            ready, _, _ = select.select([process.stdout], [], [], self.timeout_s)
            line = process.stdout.readline() if ready else None
        except (BrokenPipeError, OSError):
            line = ""
        if line:
            return json.loads(line)
        if line is None:  # hung: kill it and say so
            process.kill()
        try:
            code = process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            code = process.wait()
        self._process = None
        self.restarts += 1
        error = (
            f"the tflite_micro interpreter hung for {self.timeout_s:.0f} s" if line is None else _describe_exit(code)
        )
        return {"ok": False, "crashed": True, "error": error, "log": self._stderr_tail()}

    def _stderr_tail(self) -> str:
        try:
            return self._stderr_path.read_text(encoding="utf-8", errors="replace")[-2000:].strip()
        except OSError:
            return ""

    def close(self) -> None:
        process, self._process = self._process, None
        if process is not None and process.poll() is None:
            try:
                process.stdin.close()
                process.wait(timeout=5)
            except (OSError, subprocess.TimeoutExpired):
                process.kill()
                process.wait()
        self._dir.cleanup()


def _describe_exit(code: int) -> str:
    if code < 0:
        try:
            return f"the tflite_micro interpreter crashed ({signal.Signals(-code).name})"
        except ValueError:
            return f"the tflite_micro interpreter crashed (signal {-code})"
    return f"the tflite_micro interpreter process exited with status {code}"
