"""ESPHome itself as the judge of a manifest (SPEC §7): `esphome config` on a minimal device YAML, offline.

ESPHome validates the manifest strictly (closed schema) but not the .tflite content, so this complements
`verify`. Recent ESPHome needs Python ≥ 3.12, newer than ours: it lives in its own virtual environment
(default ~/.cache/wakesmith/esphome-venv, or $WAKESMITH_ESPHOME_VENV), created once by `ensure_esphome()`
(`python -m wakesmith.export.esphome_judge --install`). `verify --esphome` only uses a venv that exists.
"""

from __future__ import annotations

import glob
import os
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from wakesmith.errors import WakesmithError

MIN_PYTHON = (3, 12)
READY_MARKER = ".wakesmith-ready"

DEVICE_YAML = """\
esphome:
  name: wakesmith-check
esp32:
  board: esp32-s3-devkitc-1
  framework:
    type: esp-idf
logger:
i2s_audio:
  - id: i2s_bus
    i2s_lrclk_pin: GPIO4
    i2s_bclk_pin: GPIO5
microphone:
  - platform: i2s_audio
    id: mic
    i2s_audio_id: i2s_bus
    i2s_din_pin: GPIO6
    adc_type: external
    pdm: false
    sample_rate: 16000
    bits_per_sample: 16bit
micro_wake_word:
  microphone: mic
  models:
{models}
"""


@dataclass(frozen=True)
class JudgeResult:
    ok: bool
    returncode: int
    output: str  # esphome's combined output (tail)
    seconds: float

    @property
    def reason(self) -> str:
        """The most telling line of a rejection (ESPHome prints the offending key and message)."""
        lines = [line.strip() for line in self.output.splitlines() if line.strip()]
        for marker in ("invalid option", "Invalid", "ERROR", "Error", "error"):
            hits = [line for line in lines if marker in line]
            if hits:
                return hits[0]
        return lines[-1] if lines else f"exit status {self.returncode}"


def venv_dir() -> Path:
    default = Path.home() / ".cache" / "wakesmith" / "esphome-venv"
    return Path(os.environ.get("WAKESMITH_ESPHOME_VENV", default))


def _python_version(executable: str) -> tuple[int, int] | None:
    try:
        out = subprocess.run(
            [executable, "-c", "import sys; print(*sys.version_info[:2])"],
            capture_output=True,
            text=True,
            timeout=30,
        )
    except (OSError, subprocess.TimeoutExpired):
        return None
    if out.returncode != 0:
        return None
    major, minor = out.stdout.split()
    return int(major), int(minor)


def find_python() -> str | None:
    """A Python ≥ 3.12 for ESPHome's venv: $WAKESMITH_ESPHOME_PYTHON, python3.13/3.12 on PATH, or pyenv's."""
    candidates = [os.environ.get("WAKESMITH_ESPHOME_PYTHON", "")]
    candidates += [shutil.which(name) or "" for name in ("python3.13", "python3.12")]
    pyenv_root = os.environ.get("PYENV_ROOT", str(Path.home() / ".pyenv"))
    candidates += sorted(glob.glob(f"{pyenv_root}/versions/3.1[2-9]*/bin/python3"), reverse=True)
    if sys.version_info >= MIN_PYTHON:
        candidates.insert(1, sys.executable)
    for candidate in candidates:
        if candidate and (_python_version(candidate) or (0, 0)) >= MIN_PYTHON:
            return candidate
    return None


def esphome_executable() -> Path | None:
    """The venv's `esphome`, when the venv was completed (never creates it)."""
    exe = venv_dir() / "bin" / "esphome"
    return exe if exe.exists() and (venv_dir() / READY_MARKER).exists() else None


def esphome_version(exe: Path) -> str:
    out = subprocess.run([str(exe), "version"], capture_output=True, text=True, timeout=120)
    return (out.stdout.strip() or out.stderr.strip()).removeprefix("Version: ")


def ensure_esphome(python: str | None = None, timeout_s: float = 1800) -> Path:
    """Create the venv and `pip install esphome` once; returns the esphome executable."""
    ready = esphome_executable()
    if ready is not None:
        return ready
    python = python or find_python()
    if python is None:
        raise WakesmithError("ESPHome needs Python ≥ 3.12 and none was found; set WAKESMITH_ESPHOME_PYTHON")
    venv = venv_dir()
    exe = venv / "bin" / "esphome"
    if not exe.exists():
        venv.parent.mkdir(parents=True, exist_ok=True)
        shutil.rmtree(venv, ignore_errors=True)  # a half-made venv from a killed run
        subprocess.run([python, "-m", "venv", str(venv)], check=True, timeout=300)
        pip = subprocess.run(
            [str(venv / "bin" / "python"), "-m", "pip", "install", "-q", "esphome"],
            capture_output=True,
            text=True,
            timeout=timeout_s,
        )
        if pip.returncode != 0:
            tail = (pip.stderr or pip.stdout).strip().splitlines()[-1:] or ["?"]
            raise WakesmithError(f"pip install esphome failed in {venv}: {tail[0]}")
    esphome_version(exe)  # proves it runs
    (venv / READY_MARKER).write_text("ok\n", encoding="utf-8")
    return exe


def device_yaml(manifest_names: list[str]) -> str:
    """SPEC §7's minimal device config, with each manifest under models/."""
    models = "\n".join(f"    - model: models/{name}" for name in manifest_names)
    return DEVICE_YAML.format(models=models)


def run_esphome_config(
    manifest_paths: list[Path], exe: Path, model_files: list[Path] | None = None, timeout_s: float = 300
) -> JudgeResult:
    """Copy the manifests and their .tflite files into a temp project and run `esphome config` there."""
    with tempfile.TemporaryDirectory(prefix="wakesmith-esphome-") as tmp:
        project = Path(tmp)
        (project / "models").mkdir()
        for path in list(manifest_paths) + list(model_files or []):
            shutil.copy2(path, project / "models" / Path(path).name)
        (project / "device.yaml").write_text(device_yaml([Path(p).name for p in manifest_paths]), encoding="utf-8")
        start = time.monotonic()
        try:
            out = subprocess.run(
                [str(exe), "config", "device.yaml"],
                cwd=project,
                capture_output=True,
                text=True,
                timeout=timeout_s,
                env=dict(os.environ, ESPHOME_NO_VENV="1"),
            )
        except subprocess.TimeoutExpired:
            return JudgeResult(False, -1, f"esphome config timed out after {timeout_s:.0f} s", timeout_s)
        output = (out.stdout + "\n" + out.stderr)[-6000:]
        return JudgeResult(out.returncode == 0, out.returncode, output, time.monotonic() - start)


def judge_reports(result) -> None:
    """`verify --esphome`: add an "esphome config" check to every manifest report (skips without a venv)."""
    exe = esphome_executable()
    for report in result.models:
        if report.kind != "manifest":
            continue
        if exe is None:
            report.add(
                "esphome config",
                "info",
                f"skipped: no ESPHome venv at {venv_dir()} (create it: python -m wakesmith.export.esphome_judge "
                "--install)",
            )
            continue
        models = [report.model_path] if report.model_path is not None and report.model_path.exists() else []
        judged = run_esphome_config([report.path], exe, models)
        if judged.ok:
            report.add("esphome config", "pass", f"`esphome config` accepts it ({judged.seconds:.0f} s)")
        else:
            report.add("esphome config", "fail", f"`esphome config` rejects it: {judged.reason}")
    manifests = [r for r in result.models if r.kind == "manifest" and r.ok]
    if exe is not None and len(manifests) > 1:
        _judge_together(result, manifests, exe)


def _judge_together(result, manifests, exe: Path) -> None:
    """All manifests in one device YAML, as a user with several wake words (and a VAD) would write it."""
    from wakesmith.export.verify_report import Check

    files = [r.path for r in manifests] + [r.model_path for r in manifests]
    if len({Path(f).name for f in files}) < len(files):
        result.group.append(Check("esphome config (together)", "info", "skipped: two files share a name"))
        return
    judged = run_esphome_config([r.path for r in manifests], exe, [r.model_path for r in manifests])
    status, verdict = ("pass", "accepts") if judged.ok else ("fail", "rejects")
    detail = f"{judged.seconds:.0f} s" if judged.ok else judged.reason
    result.group.append(Check("esphome config (together)", status, f"`esphome config` {verdict} them ({detail})"))


if __name__ == "__main__":
    if "--install" in sys.argv[1:]:
        executable = ensure_esphome()
        print(f"{executable}: ESPHome {esphome_version(executable)}")
    else:
        exe_ = esphome_executable()
        print(f"{exe_}: ESPHome {esphome_version(exe_)}" if exe_ else f"no ESPHome venv at {venv_dir()}")
