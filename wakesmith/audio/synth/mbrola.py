"""MBROLA diphone voices driven by espeak-ng (`espeak-ng -v mb-us1`), used only when installed.

MBROLA voices live in Debian contrib/non-free (`mbrola`, `mbrola-us1`, `mbrola-us2`, `mbrola-us3`,
`mbrola-en1`). Their licence allows non-commercial use and forbids redistribution in a product: clips made
with them are fine for training your own model, but keep them out of anything you ship. Missing voices are
skipped.
"""

from __future__ import annotations

import io
import shutil
import subprocess
from pathlib import Path

import numpy as np
import soundfile as sf

from wakesmith.audio.sources.convert import to_pcm16
from wakesmith.audio.synth.engine import TtsEngine, VoiceSetting
from wakesmith.audio.synth.settings import distinct_settings, uniform_step
from wakesmith.errors import WakesmithError

MBROLA_ROOT = Path("/usr/share/mbrola")
VOICES = ("us1", "us2", "us3", "en1")  # espeak-ng names them mb-<voice>
SPEED = (120, 185, 1)  # words per minute (low, high, step)
PITCH = (25, 75, 1)  # espeak-ng pitch 0-99
MBROLA_RATE = 16000
OUTPUT_PEAK = 0.7
LICENCE_NOTE = "MBROLA voices: non-commercial, not for redistribution in a product"


def installed_voices(root: Path = MBROLA_ROOT) -> list[str]:
    """Voices whose database file exists (Debian: /usr/share/mbrola/<v>/<v>)."""
    return [v for v in VOICES if (root / v / v).is_file() or (root / v).is_file()]


def command(text: str, voice: VoiceSetting) -> list[str]:
    """espeak-ng call writing raw 16 kHz s16le to stdout."""
    if voice.voice not in VOICES:
        raise WakesmithError(f"unknown MBROLA voice {voice.voice!r}; known: {', '.join(VOICES)}")
    speed = int(voice.params.get("speed", 150))
    pitch = int(voice.params.get("pitch", 50))
    return ["espeak-ng", "-v", f"mb-{voice.voice}", "-s", str(speed), "-p", str(pitch), "--stdout", text]


class MbrolaEngine(TtsEngine):
    name = "mbrola"
    install_hint = (
        "enable Debian contrib/non-free, then apt-get install mbrola mbrola-us1 mbrola-us2 mbrola-us3 mbrola-en1"
    )

    @classmethod
    def available(cls) -> bool:
        return all(shutil.which(b) for b in ("espeak-ng", "mbrola")) and bool(installed_voices())

    def voices(self, rng: np.random.Generator, count: int) -> list[VoiceSetting]:
        def draw(_speaker: str, rng: np.random.Generator) -> dict[str, float | int | str]:
            return {"speed": int(uniform_step(rng, *SPEED)), "pitch": int(uniform_step(rng, *PITCH))}

        return distinct_settings(self.name, installed_voices(), count, rng, draw)

    def render(self, text: str, voice: VoiceSetting) -> np.ndarray:
        try:
            result = subprocess.run(command(text, voice), capture_output=True, timeout=60)
        except (OSError, subprocess.TimeoutExpired) as error:
            raise WakesmithError(f"espeak-ng/mbrola failed on {text!r}: {error}") from error
        if result.returncode != 0 or len(result.stdout) <= 44:
            detail = result.stderr.decode(errors="replace").strip() or "no audio"
            raise WakesmithError(f"espeak-ng/mbrola failed on {text!r} with {voice.key()}: {detail}")
        audio, rate = sf.read(io.BytesIO(result.stdout), dtype="float32")
        return to_pcm16(audio, int(rate), peak=OUTPUT_PEAK)
